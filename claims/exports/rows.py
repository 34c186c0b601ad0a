"""Verdicts as plain rows for the JSON Lines and ClaimReview exports, read without model instances.

``verdict_rows_iter`` reads a verdict queryset in keyset-paginated chunks (``pk > last`` ordered by
``pk``, so no cursor or transaction stays open between chunks) with ``values_list``, and per chunk
fetches the claims' appearances and, for the full record, their stances and the verdicts'
evidence, with one query each, as tuples. Timestamps are read as text and put in ISO 8601 form
(``iso_from_db_text``) rather than parsed into datetimes only to be formatted again.

Queries per chunk: one for the verdicts, one for the appearances, and with ``detail`` one for the
stances and one for the evidence. The single-verdict paths (public page, template tag) load models
through ``verdict_export_queryset``; ``as_row`` turns such a verdict into the same row, so every
format is built from one representation.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.db.models import Expression, QuerySet, TextField, Value
from django.db.models.functions import Cast

from claims.exports.selectors import (
    PEOPLE_COLUMNS,
    appearances_queryset,
    full_name,
    iso_from_db_text,
)
from claims.models import Attribution, ClaimVariant, Source, Stance, Verdict

# Rows are small tuples: a bigger chunk than the model path's means fewer related queries.
ROW_CHUNK_SIZE = 10_000


class SourceRow(NamedTuple):
    id: int
    name: str
    kind: str
    role: str
    url: str


class AppearanceRow(NamedTuple):
    article_id: int
    url: str
    canonical_url: str
    title: str
    outlet: str
    published_at: str | None
    speaker: SourceRow | None
    kind: str
    cue: str
    cue_kind: str
    content: str
    review_state: str
    # (diff, changes, severity, is_drift) when the words differ from the earlier appearance.
    variant: tuple[list, list, str, bool] | None = None


class StanceRow(NamedTuple):
    source: SourceRow
    stance: str
    basis: str


class EvidenceRow(NamedTuple):
    url: str
    title: str
    excerpt: str
    stance: str


class RatingRow(NamedTuple):
    label: str
    value: int
    best: int
    worst: int
    scale: str


@dataclass(slots=True)
class VerdictRow:
    """What every export format reads of one verdict; timestamps as ISO 8601 text or None."""

    pk: int
    status: str
    public_url: str
    claim_id: int
    claim_text: str
    claim_status: str
    rating: RatingRow | None
    summary: str
    explanation: str
    reviewer: str
    editor: str
    created_at: str | None
    updated_at: str | None
    published_at: str | None
    retracted_at: str | None
    # Filled per chunk by ``verdict_rows_iter`` (empty when not read).
    appearances: Sequence[AppearanceRow] = ()
    stances: Sequence[StanceRow] = ()
    evidence: Sequence[EvidenceRow] = ()


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def person_name(user: User | None) -> str:
    """A user as a colleague would name them: full name, else username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def iso_or_none(text: str | None) -> str | None:
    """A timestamp read as text in ``isoformat()`` form; None stays None."""
    return iso_from_db_text(text) or None


def _as_text(name: str) -> Expression:
    return Cast(name, TextField())


VERDICT_COLUMNS: tuple[str, ...] = (
    "pk",
    "status",
    "public_url",
    "claim_id",
    "claim__text",
    "claim__status",
    "rating_id",
    "rating__label",
    "rating__value",
    "rating__scale__best",
    "rating__scale__worst",
    "rating__scale__slug",
    "summary",
    "explanation",
    *PEOPLE_COLUMNS,
)
VERDICT_DATES: tuple[str, ...] = ("created_at", "updated_at", "published_at", "retracted_at")
_NO_TEXT = Value(None, output_field=TextField())
LEAN_OMITTED: dict[str, Expression] = dict.fromkeys(
    ("explanation", *PEOPLE_COLUMNS, "created_at", "updated_at", "retracted_at"),
    _NO_TEXT,
)
APPEARANCE_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "article_id",
    "article__url",
    "article__canonical_url",
    "article__title",
    "article__outlet",
    "speaker_id",
    "speaker__name",
    "speaker__kind",
    "speaker__role",
    "speaker__url",
    "kind",
    "cue",
    "cue_kind",
    "content",
    "review_state",
    "variant__diff",
    "variant__changes",
    "variant__severity",
    "variant__is_drift",
)
STANCE_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "source_id",
    "source__name",
    "source__kind",
    "source__role",
    "source__url",
    "stance",
    "basis",
)
EVIDENCE_COLUMNS: tuple[str, ...] = (
    "verdict_id",
    "evidence__url",
    "evidence__title",
    "evidence__excerpt",
    "evidence__stance",
)


def _verdict_row(
    values: tuple[Any, ...], *, when: Callable[[Any], str | None] = iso_or_none
) -> VerdictRow:
    """A verdict's row from its ``VERDICT_COLUMNS`` and ``VERDICT_DATES`` values; ``when`` puts a
    date in ISO 8601 form (read as text by the queries, as a datetime off an instance)."""
    (
        pk,
        status,
        public_url,
        claim_id,
        claim_text,
        claim_status,
        rating_id,
        label,
        value,
        best,
        worst,
        slug,
        summary,
        explanation,
        reviewer_username,
        reviewer_first,
        reviewer_last,
        editor_username,
        editor_first,
        editor_last,
        created_at,
        updated_at,
        published_at,
        retracted_at,
    ) = values
    return VerdictRow(
        pk=pk,
        status=status,
        public_url=public_url,
        claim_id=claim_id,
        claim_text=claim_text,
        claim_status=claim_status,
        rating=None if rating_id is None else RatingRow(label, value, best, worst, slug),
        summary=summary,
        explanation=explanation or "",
        reviewer=full_name(reviewer_username, reviewer_first, reviewer_last),
        editor=full_name(editor_username, editor_first, editor_last),
        created_at=when(created_at),
        updated_at=when(updated_at),
        published_at=when(published_at),
        retracted_at=when(retracted_at),
    )


def _appearances_by_claim(claim_ids: QuerySet) -> dict[int, list[AppearanceRow]]:
    """The claims' appearances in ``appearances_queryset`` order: one query."""
    rows = (
        appearances_queryset()
        .filter(claim_id__in=claim_ids)
        .values_list(*APPEARANCE_COLUMNS, _as_text("article__published_at"))
    )
    found: dict[int, list[AppearanceRow]] = defaultdict(list)
    speakers: dict[int, SourceRow] = {}
    for (
        claim_id,
        article_id,
        url,
        canonical_url,
        title,
        outlet,
        speaker_id,
        name,
        kind,
        role,
        speaker_url,
        attribution_kind,
        cue,
        cue_kind,
        content,
        review_state,
        diff,
        changes,
        severity,
        is_drift,
        published_at,
    ) in rows:
        speaker = None
        if speaker_id is not None:
            speaker = speakers.get(speaker_id)
            if speaker is None:
                speaker = speakers[speaker_id] = SourceRow(
                    speaker_id, name, kind, role, speaker_url
                )
        found[claim_id].append(
            AppearanceRow(
                article_id,
                url,
                canonical_url,
                title,
                outlet,
                iso_or_none(published_at),
                speaker,
                attribution_kind,
                cue,
                cue_kind,
                content,
                review_state,
                (diff, changes, severity, is_drift) if severity else None,
            )
        )
    return found


def _stances_by_claim(claim_ids: QuerySet) -> dict[int, list[StanceRow]]:
    rows = (
        Stance.objects.filter(claim_id__in=claim_ids)
        .order_by("source__name", "pk")
        .values_list(*STANCE_COLUMNS)
    )
    found: dict[int, list[StanceRow]] = defaultdict(list)
    for claim_id, source_id, name, kind, role, url, stance, basis in rows:
        found[claim_id].append(
            StanceRow(SourceRow(source_id, name, kind, role, url), stance, basis)
        )
    return found


def _evidence_by_verdict(verdict_ids: QuerySet) -> dict[int, list[EvidenceRow]]:
    rows = (
        Verdict.evidence.through.objects.filter(verdict_id__in=verdict_ids)
        .order_by("evidence_id")
        .values_list(*EVIDENCE_COLUMNS)
    )
    found: dict[int, list[EvidenceRow]] = defaultdict(list)
    for verdict_id, url, title, excerpt, stance in rows:
        found[verdict_id].append(EvidenceRow(url, title, excerpt, stance))
    return found


def verdict_rows_iter(
    queryset: QuerySet[Verdict],
    *,
    detail: bool = False,
    appearances: bool = True,
    lean: bool = False,
    chunk_size: int = ROW_CHUNK_SIZE,
) -> Iterator[VerdictRow]:
    """The verdicts of ``queryset`` in id order as ``VerdictRow``s, chunk by chunk.

    ``appearances=False`` reads the verdict columns only (one query per chunk), for checks that
    need nothing else; ``detail`` adds stances and evidence (the JSON Lines record). ``lean``
    leaves out what a ClaimReview never shows (``LEAN_OMITTED``: explanation, reviewer, editor,
    created, updated and retracted times come back empty).
    """
    base = queryset.prefetch_related(None).order_by("pk")
    columns = [
        LEAN_OMITTED[name] if lean and name in LEAN_OMITTED else name for name in VERDICT_COLUMNS
    ] + [
        LEAN_OMITTED[name] if lean and name in LEAN_OMITTED else _as_text(name)
        for name in VERDICT_DATES
    ]
    last: int | None = None
    while True:
        page = base if last is None else base.filter(pk__gt=last)
        values = page.values_list(*columns)[:chunk_size]
        chunk = [_verdict_row(row) for row in values]
        if not chunk:
            return
        if appearances:
            # The chunk's verdicts again as a subquery (its id range and the export's filters)
            # rather than thousands of ids sent as parameters.
            in_chunk = page.filter(pk__lte=chunk[-1].pk).order_by()
            claim_ids = in_chunk.values("claim_id")
            found = _appearances_by_claim(claim_ids)
            stances = _stances_by_claim(claim_ids) if detail else {}
            evidence = _evidence_by_verdict(in_chunk.values("pk")) if detail else {}
            for row in chunk:
                row.appearances = found.get(row.claim_id, [])
                row.stances = stances.get(row.claim_id, [])
                row.evidence = evidence.get(row.pk, [])
        last = chunk[-1].pk
        yield from chunk
        if len(chunk) < chunk_size:
            return


def _source_row(source: Source) -> SourceRow:
    return SourceRow(source.pk, source.name, source.kind, source.role, source.url)


def _variant_of(attribution: Attribution) -> tuple[list, list, str, bool] | None:
    try:
        variant = attribution.variant
    except ClaimVariant.DoesNotExist:
        return None
    return (variant.diff, variant.changes, variant.severity, variant.is_drift)


def _appearance_row(attribution: Attribution) -> AppearanceRow:
    article = attribution.article
    return AppearanceRow(
        article.pk,
        article.url,
        article.canonical_url,
        article.title,
        article.outlet,
        iso(article.published_at),
        _source_row(attribution.speaker) if attribution.speaker else None,
        attribution.kind,
        attribution.cue,
        attribution.cue_kind,
        attribution.content,
        attribution.review_state,
        _variant_of(attribution),
    )


def _follow(instance: Any, path: str) -> Any:
    """The value a ``values_list`` lookup such as ``rating__scale__slug`` reads, off a loaded
    instance; None past an empty relation, as the query's outer join gives."""
    for name in path.split("__"):
        if instance is None:
            return None
        instance = getattr(instance, name)
    return instance


def verdict_row(verdict: Verdict) -> VerdictRow:
    """The row of a verdict loaded by ``verdict_export_queryset`` (reads its prefetches only): the
    same columns as ``verdict_rows_iter`` reads, taken off the instance, through the same
    constructor."""
    claim = verdict.claim
    values = tuple(_follow(verdict, column) for column in (*VERDICT_COLUMNS, *VERDICT_DATES))
    row = _verdict_row(values, when=iso)
    row.appearances = [_appearance_row(a) for a in claim.export_appearances]
    row.stances = [
        StanceRow(_source_row(s.source), s.stance, s.basis)
        for s in getattr(claim, "export_stances", ())
    ]
    row.evidence = [
        EvidenceRow(e.url, e.title, e.excerpt, e.stance)
        for e in getattr(verdict, "export_evidence", ())
    ]
    return row


def as_row(verdict: Verdict | VerdictRow) -> VerdictRow:
    return verdict if isinstance(verdict, VerdictRow) else verdict_row(verdict)


def as_rows(verdicts: Iterable[Verdict | VerdictRow]) -> Iterator[VerdictRow]:
    return (as_row(verdict) for verdict in verdicts)
