"""Reads for verdict exports: which verdicts, with everything an export row needs, in chunks.

Every export path (editor page, admin action, API, command, Celery job, the JSON-LD template tag)
reads through ``verdict_export_queryset`` so they agree on filters and on the queries they run:
one query per chunk of verdicts (claim, rating, scale, reviewer and editor joined) plus one per
prefetched relation per chunk, whatever the number of verdicts.
"""

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, TextField
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from claims.models import Attribution, Evidence, Stance, Verdict

EXPORT_CHUNK_SIZE = 2000
# Flat rows are small; bigger chunks mean fewer appearance queries, each of which may scan.
FLAT_CHUNK_SIZE = 10_000


@dataclass(frozen=True)
class ExportFilters:
    """What to export. Empty values mean "no restriction".

    ``since`` and ``until`` are inclusive days on the verdict's date: its publication date, or its
    last update for verdicts never published.
    """

    since: date | None = None
    until: date | None = None
    rating_ids: tuple[int, ...] = ()
    outlet: str = ""
    speaker: str = ""
    statuses: tuple[str, ...] = ()
    verdict_ids: tuple[int, ...] = field(default=(), repr=False)

    def to_json(self) -> dict:
        """The filters as stored on an ``ExportJob``."""
        data = asdict(self)
        data["since"] = self.since.isoformat() if self.since else None
        data["until"] = self.until.isoformat() if self.until else None
        return {
            key: list(value) if isinstance(value, tuple) else value for key, value in data.items()
        }

    @classmethod
    def from_json(cls, data: dict) -> "ExportFilters":
        return cls(
            since=date.fromisoformat(data["since"]) if data.get("since") else None,
            until=date.fromisoformat(data["until"]) if data.get("until") else None,
            rating_ids=tuple(data.get("rating_ids") or ()),
            outlet=data.get("outlet") or "",
            speaker=data.get("speaker") or "",
            statuses=tuple(data.get("statuses") or ()),
            verdict_ids=tuple(data.get("verdict_ids") or ()),
        )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def appearances_queryset() -> QuerySet[Attribution]:
    """A claim's appearances, earliest article first; rejected extractions are not appearances."""
    return (
        Attribution.objects.exclude(review_state=Attribution.ReviewState.REJECTED)
        .select_related("article", "speaker", "variant")
        .order_by(
            F("article__published_at").asc(nulls_last=True), "article__created_at", "content_start"
        )
    )


def verdict_export_queryset(
    *, filters: ExportFilters, detail: bool = False, published_only: bool = False
) -> QuerySet[Verdict]:
    """Verdicts matching ``filters`` in id order, ready for export.

    Each verdict's claim gets ``export_appearances`` (see ``appearances_queryset``); with ``detail``
    (JSON Lines) also ``export_stances``, and the verdict ``export_evidence``.
    ``published_only`` is for readers of published verdicts only (API clients, ClaimReview).
    """
    queryset = Verdict.objects.select_related(
        "claim", "rating__scale", "reviewer", "editor"
    ).order_by("pk")
    if published_only:
        queryset = queryset.filter(status=Verdict.Status.PUBLISHED)
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.verdict_ids:
        queryset = queryset.filter(pk__in=filters.verdict_ids)
    if filters.since or filters.until:
        queryset = queryset.alias(export_date=Coalesce("published_at", "updated_at"))
        if filters.since:
            queryset = queryset.filter(export_date__gte=_start_of(filters.since))
        if filters.until:
            queryset = queryset.filter(export_date__lt=_start_of(filters.until + timedelta(days=1)))
    if filters.rating_ids:
        queryset = queryset.filter(rating_id__in=filters.rating_ids)
    # Exists rather than a join: a claim seen in many articles must still give one row.
    if filters.outlet:
        queryset = queryset.filter(
            Exists(
                Attribution.objects.filter(
                    claim=OuterRef("claim"), article__outlet__iexact=filters.outlet.strip()
                )
            )
        )
    if filters.speaker:
        queryset = queryset.filter(
            Exists(
                Attribution.objects.filter(
                    claim=OuterRef("claim"), speaker__name__icontains=filters.speaker.strip()
                )
            )
        )

    prefetches: list[Prefetch[str, Any, str]] = [
        Prefetch(
            "claim__attributions", queryset=appearances_queryset(), to_attr="export_appearances"
        )
    ]
    if detail:
        prefetches += [
            Prefetch(
                "claim__stances",
                queryset=Stance.objects.select_related("source").order_by("source__name", "pk"),
                to_attr="export_stances",
            ),
            Prefetch(
                "evidence", queryset=Evidence.objects.order_by("pk"), to_attr="export_evidence"
            ),
        ]
    return queryset.prefetch_related(*prefetches)


def verdict_export_iter(
    queryset: QuerySet[Verdict], *, chunk_size: int = EXPORT_CHUNK_SIZE
) -> Iterator[Verdict]:
    """Stream ``queryset`` chunk by chunk, prefetching per chunk, so memory stays flat.

    On PostgreSQL this reads through a server-side cursor.
    """
    return queryset.iterator(chunk_size=chunk_size)


def verdict_for_claimreview(*, verdict_id: int) -> Verdict | None:
    """One published verdict with what its ClaimReview needs (two queries), or None."""
    queryset = verdict_export_queryset(filters=ExportFilters(), published_only=True)
    return queryset.filter(pk=verdict_id).first()


# Who reviewed and who approved a verdict, as ``full_name`` and ``person_name`` put them together.
PEOPLE_COLUMNS = (
    "reviewer__username",
    "reviewer__first_name",
    "reviewer__last_name",
    "editor__username",
    "editor__first_name",
    "editor__last_name",
)
# The flat columns of a CSV row: lookups read with .values(), so no model instances are built.
FLAT_COLUMNS = [
    "pk",
    "status",
    "claim_id",
    "claim__text",
    "summary",
    "public_url",
    "rating__label",
    "rating__value",
    "rating__scale__worst",
    "rating__scale__best",
    *PEOPLE_COLUMNS,
]
# Dates are read as text ("<name>_text") and made ISO 8601 by ``iso_from_db_text``: parsing
# them into datetimes costs more than the rest of a CSV row.
FLAT_DATE_COLUMNS = ["published_at", "created_at", "updated_at"]
FLAT_APPEARANCE_COLUMNS = [
    "claim_id",
    "article__url",
    "article__outlet",
    "article__title",
    "speaker__name",
    "speaker__role",
]


def verdict_flat_iter(
    queryset: QuerySet[Verdict], *, chunk_size: int = FLAT_CHUNK_SIZE
) -> Iterator[dict]:
    """Flat rows (``FLAT_COLUMNS`` and ``FLAT_DATE_COLUMNS`` as text) plus ``first_appearance``
    and ``first_speaker`` tuples (``FLAT_APPEARANCE_COLUMNS`` then the article's date as text, or
    None), chunk by chunk.

    The spreadsheet export has the most rows and needs the fewest fields: reading values rather
    than models makes it several times faster, with the same two queries per chunk.
    """
    dates = {f"{name}_text": Cast(name, TextField()) for name in FLAT_DATE_COLUMNS}
    rows = (
        queryset.prefetch_related(None)
        .values(*FLAT_COLUMNS, **dates)
        .iterator(chunk_size=chunk_size)
    )
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == chunk_size:
            yield from _with_first_appearances(batch)
            batch = []
    if batch:
        yield from _with_first_appearances(batch)


def _with_first_appearances(batch: list[dict]) -> list[dict]:
    appearances = (
        appearances_queryset()
        .filter(claim_id__in={row["claim_id"] for row in batch})
        .values_list(*FLAT_APPEARANCE_COLUMNS, Cast("article__published_at", TextField()))
    )
    first: dict[int, tuple] = {}
    speaker: dict[int, tuple] = {}
    for appearance in appearances:
        first.setdefault(appearance[0], appearance)
        if appearance[4] is not None:
            speaker.setdefault(appearance[0], appearance)
    for row in batch:
        row["first_appearance"] = first.get(row["claim_id"])
        row["first_speaker"] = speaker.get(row["claim_id"])
    return batch


def full_name(username: str | None, first: str | None, last: str | None) -> str:
    """A user read as ``PEOPLE_COLUMNS`` as a colleague would name them, like
    ``User.get_full_name() or get_username()``: full name, else username; "" for no user."""
    return f"{first or ''} {last or ''}".strip() or username or ""


def iso_from_db_text(text: str | None) -> str:
    """A UTC timestamp as the database prints it ("2024-03-05 09:30:00.5+00" on PostgreSQL, whose
    session Django keeps in UTC; "2024-03-05 09:30:00.500000" on SQLite) in ``isoformat()`` form."""
    if not text:
        return ""
    value = text.replace(" ", "T", 1).removesuffix("+00:00").removesuffix("+00")
    if "." in value:
        whole, fraction = value.split(".", 1)
        value = f"{whole}.{fraction.ljust(6, '0')}"
    return value + "+00:00"
