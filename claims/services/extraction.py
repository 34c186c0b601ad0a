"""Writing what the extractor found in an article to the database.

One transaction per article: the article's previous automatic rows are replaced, anything a
reviewer touched (or added by hand) stays, sources are resolved across articles and each
statement is matched to the claim that already carries it.
"""

import logging
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from articles.extractable import skip_reason
from articles.models import Article
from claims import extraction
from claims.matching import Statement, Suggestion, statements_match
from claims.models import (
    Attribution,
    Claim,
    ClaimRelation,
    ClaimSuggestion,
    Evidence,
    Source,
    Stance,
    Verdict,
)
from claims.services.matching import suggestions_record, variants_refresh
from claims.services.sources import Named, SourceResolver, Speaker
from factcheck.work import RELEASED, claim_fields, unclaimed

logger = logging.getLogger(__name__)

# Errors worth retrying: the database went away or a lock timed out, not bad data.
TEMPORARY_DATABASE_ERRORS = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class ExtractionSummary:
    article_id: int
    status: str
    attributions: int = 0
    claims: int = 0
    kept_reviewed: int = 0
    error: str = ""


def _score(value: float) -> float:
    """An extractor's score as stored: within 0 to 1, to four places."""
    return round(min(max(value, 0.0), 1.0), 4)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Do two spans share at least half of the shorter one?"""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared * 2 >= min(a[1] - a[0], b[1] - b[0])


def _delete_automatic_rows(article: Article) -> None:
    automatic = Attribution.objects.filter(
        article=article, review_state=Attribution.ReviewState.AUTO
    ).exclude(extractor_version="")
    claim_ids = set(automatic.values_list("claim_id", flat=True))
    automatic.delete()
    # A claim that only this article's automatic rows carried, and that nobody has worked on, goes
    # with them; claims with other appearances or any review record stay.
    Claim.objects.filter(id__in=claim_ids, status=Claim.Status.CANDIDATE).exclude(
        Exists(Attribution.objects.filter(claim=OuterRef("pk")))
        | Exists(Verdict.objects.filter(claim=OuterRef("pk")))
        | Exists(Stance.objects.filter(claim=OuterRef("pk")))
        | Exists(Evidence.objects.filter(claim=OuterRef("pk")))
        | Exists(
            ClaimRelation.objects.filter(Q(from_claim=OuterRef("pk")) | Q(to_claim=OuterRef("pk")))
        )
        | Exists(Claim.objects.filter(canonical=OuterRef("pk")))
        | Exists(
            ClaimSuggestion.objects.filter(
                Q(claim=OuterRef("pk")) | Q(similar=OuterRef("pk")),
                state__in=[ClaimSuggestion.State.CONFIRMED, ClaimSuggestion.State.DISMISSED],
            )
        )
    ).delete()


def _statement(text: str, attribution: extraction.Attribution) -> str:
    """The speaker's words as a clean statement (its parts when the cue interrupts it)."""
    return attribution.claim_text or attribution.content


def _statements(text: str, found: list[extraction.Attribution]) -> list[str]:
    """The statement each attribution carries (see ``_statement``), except for the halves of a
    quote split by its attribution (“X,” she said, “Y.”), which share one cue and speaker and
    together make one claim ("X Y") with two appearances."""
    statements = [_statement(text, a) for a in found]
    groups: dict[tuple, list[int]] = {}
    for index, attribution in enumerate(found):
        if attribution.kind == "direct" and attribution.cue_start is not None:
            speaker = attribution.speaker.name if attribution.speaker else ""
            groups.setdefault((attribution.cue_start, attribution.cue_end, speaker), []).append(
                index
            )
    for indexes in groups.values():
        if len(indexes) > 1:
            joined = " ".join(statements[i].strip() for i in indexes)
            for i in indexes:
                statements[i] = joined
    return statements


@dataclass
class _Pending:
    """An appearance waiting for its claim: the statement it carries and who said it."""

    row: Attribution
    statement: str
    checkworthiness: float


def _assign_claims(pending: list[_Pending]) -> list[tuple[_Pending, Suggestion]]:
    """Match every statement of the article at once and give each row its claim: the one that
    already carries it, or a new one (created in bulk; two appearances of one new statement in
    the article share it). Returns the suggestions to record once the rows have ids."""
    matches = statements_match([Statement(p.statement, p.row.speaker_id) for p in pending])
    created: dict[str, Claim] = {}
    suggested: list[tuple[_Pending, Suggestion]] = []
    for item, match in zip(pending, matches, strict=True):
        if match.claim_id is not None:
            item.row.claim_id = match.claim_id
            continue
        claim = Claim(
            text=item.statement,
            checkworthiness=_score(item.checkworthiness),
        )
        claim.fill_matching_fields()
        claim = created.setdefault(claim.fingerprint, claim)
        item.row.claim = claim
        suggested += [(item, suggestion) for suggestion in match.suggestions]
    # The rows' claim_id is filled from their new claim when the rows are bulk-created.
    Claim.objects.bulk_create(created.values())
    return suggested


def _speakers_resolve(
    found: list[extraction.Attribution],
) -> Iterator[tuple[Source | None, Source | None]]:
    """Each attribution's speaker and subject as Sources, all resolved in one batch."""
    wanted: list[Named | None] = []
    for attribution in found:
        wanted.append(attribution.speaker)
        wanted.append(Speaker(name=attribution.subject) if attribution.subject else None)
    resolved = iter(SourceResolver().resolve_all(wanted))
    return zip(resolved, resolved, strict=True)


def _write(article: Article, result: extraction.ExtractionResult) -> ExtractionSummary:
    _delete_automatic_rows(article)
    kept = list(
        Attribution.objects.filter(article=article).values_list("content_start", "content_end")
    )
    statements = _statements(article.text, result.attributions)
    written = [
        not any(_overlaps((found.content_start, found.content_end), other) for other in kept)
        for found in result.attributions
    ]
    sources = _speakers_resolve(
        [found for found, write in zip(result.attributions, written, strict=True) if write]
    )
    rows: list[Attribution | None] = []
    pending: list[_Pending] = []
    for index, found in enumerate(result.attributions):
        if not written[index]:
            rows.append(None)
            continue
        speaker = found.speaker
        source, subject = next(sources)
        row = Attribution(
            article=article,
            speaker=source,
            subject=subject,
            speaker_mention=speaker.mention[:300] if speaker else "",
            mention_start=speaker.mention_start if speaker else None,
            mention_end=speaker.mention_end if speaker else None,
            kind=found.kind if source is not None else Attribution.Kind.UNATTRIBUTED,
            cue=found.cue[:200],
            cue_kind=found.cue_kind,
            cue_start=found.cue_start,
            cue_end=found.cue_end,
            content=found.content,
            content_start=found.content_start,
            content_end=found.content_end,
            content_parts=[list(part) for part in found.parts],
            confidence=_score(found.confidence),
            extractor_version=extraction.EXTRACTOR_VERSION,
        )
        pending.append(_Pending(row, statements[index], found.checkworthiness))
        rows.append(row)
    for unattributed in result.claims:
        span = (unattributed.start, unattributed.end)
        if any(_overlaps(span, other) for other in kept):
            continue
        row = Attribution(
            article=article,
            kind=Attribution.Kind.UNATTRIBUTED,
            content=unattributed.text,
            content_start=unattributed.start,
            content_end=unattributed.end,
            confidence=_score(unattributed.checkworthiness),
            extractor_version=extraction.EXTRACTOR_VERSION,
        )
        pending.append(_Pending(row, unattributed.text, unattributed.checkworthiness))
        rows.append(row)
    suggested = _assign_claims(pending)
    new_rows = [row for row in rows if row is not None]
    Attribution.objects.bulk_create(new_rows)
    suggestions_record(
        suggestions=[
            ClaimSuggestion(
                claim_id=item.row.claim_id,
                similar_id=suggestion.claim_id,
                attribution=item.row,
                similarity=min(max(suggestion.similarity, 0.0), 1.0),
                reasons=list(suggestion.reasons),
            )
            for item, suggestion in suggested
        ]
    )
    variants_refresh(claim_ids={row.claim_id for row in new_rows})
    # reported_by indexes the extractor's list; link the rows now that they have ids.
    nested = []
    for index, found in enumerate(result.attributions):
        outer_index, inner = found.reported_by, rows[index]
        if outer_index is None or inner is None or not 0 <= outer_index < len(rows):
            continue
        outer = rows[outer_index]
        if outer is not None and outer is not inner:
            inner.reported_by = outer
            nested.append(inner)
    Attribution.objects.bulk_update(nested, ["reported_by"])

    article.status = Article.Status.EXTRACTED
    article.error = ""
    article.extractor_version = extraction.EXTRACTOR_VERSION
    article.claimed_by, article.claimed_task, article.claimed_at = "", "", None
    article.save(
        update_fields=[
            "status",
            "error",
            "extractor_version",
            "claimed_by",
            "claimed_task",
            "claimed_at",
            "updated_at",
        ]
    )
    return ExtractionSummary(
        article_id=article.pk,
        status=article.status,
        attributions=len(new_rows),
        claims=len({row.claim_id for row in new_rows}),
        kept_reviewed=len(kept),
    )


def _claimable(*, token: str, waiting_only: bool) -> Q:
    """Which articles a caller holding ``token`` may take: none a live worker holds.

    A claim older than the hard time limit belongs to a worker that is gone (the limit would have
    stopped it). ``waiting_only`` (a queued task) takes only articles waiting for extraction, so a
    duplicate message never extracts one twice; a person's explicit request re-extracts any.
    """
    free = unclaimed() | Q(claimed_task=token)
    if waiting_only:
        return Q(status=Article.Status.QUEUED) | Q(status=Article.Status.EXTRACTING) & free
    return ~Q(status__in=[Article.Status.EXTRACTING, Article.Status.FETCHING]) | free


def _claim(article: Article, *, token: str, waiting_only: bool) -> bool:
    """Take ``article`` for this caller with one conditional UPDATE; False if it is not free."""
    taken = (
        Article.objects.filter(pk=article.pk)
        .filter(_claimable(token=token, waiting_only=waiting_only))
        .update(
            status=Article.Status.EXTRACTING,
            error="",
            claimed_task=token,
            attempts=F("attempts") + 1,
            updated_at=timezone.now(),
            **claim_fields(),
        )
    )
    return taken == 1


def _finish(article_id: int, status: str, error: str = "", *, token: str | None = None) -> None:
    """Set the outcome and release the claim (only if still ``token``'s, when given)."""
    rows = Article.objects.filter(pk=article_id)
    if token is not None:
        rows = rows.filter(claimed_task=token)
    rows.update(status=status, error=error, claimed_task="", updated_at=timezone.now(), **RELEASED)


def _refusal(article: Article) -> tuple[str, str] | None:
    """The status and reason for an article the extractor does not read, or None."""
    if not article.text.strip():
        return Article.Status.FAILED, "The article has no text to extract claims from."
    reason = skip_reason(text=article.text, language=article.language)
    return None if reason is None else (Article.Status.SKIPPED, reason)


def _store(
    article: Article, result: extraction.ExtractionResult, *, token: str
) -> ExtractionSummary:
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.claimed_task != token or locked.status != Article.Status.EXTRACTING:
            # A worker that outlived its claim: another one took the article over meanwhile.
            logger.warning("article %s was taken over by %s", article.pk, locked.claimed_by)
            return ExtractionSummary(article.pk, locked.status)
        return _write(locked, result)


def article_extract(
    *, article: Article, result: extraction.ExtractionResult | None = None
) -> ExtractionSummary:
    """Extract attributions and claims from one article and store them (idempotent)."""
    if result is None:
        return articles_extract(article_ids=[article.pk])[0]
    token = uuid.uuid4().hex
    if not _claim(article, token=token, waiting_only=False):
        return ExtractionSummary(article.pk, Article.Status.EXTRACTING)
    return _store(article, result, token=token)


def articles_extract(
    *, article_ids: list[int], task_id: str | None = None
) -> list[ExtractionSummary]:
    """Extract many articles, parsing their texts together in one ``nlp.pipe`` stream.

    Each article is claimed (``claimed_by``, ``claimed_at``) just before ``nlp.pipe`` reads it, so
    a worker that dies holds only what it was parsing, and two workers never take the same one;
    one held by a live worker is left alone. A queued task passes its ``task_id``: it takes only
    articles waiting for extraction (or abandoned by a dead worker, or its own on a retry).

    A missing article is skipped (it was deleted meanwhile); a non-English or too long one is
    marked skipped with the reason. Temporary database errors propagate so the task retries;
    anything else fails that article only, with the reason stored on it.
    """
    token = task_id or uuid.uuid4().hex
    articles = list(Article.objects.filter(pk__in=article_ids).order_by("pk"))
    missing = set(article_ids) - {a.pk for a in articles}
    for article_id in sorted(missing):
        logger.info("article %s was deleted before extraction; skipping", article_id)
    summaries: list[ExtractionSummary] = []
    claimed: deque[Article] = deque()

    def claimed_texts() -> Iterator[str]:
        for article in articles:
            if not _claim(article, token=token, waiting_only=task_id is not None):
                current = Article.objects.filter(pk=article.pk).values_list("status", flat=True)
                summaries.append(ExtractionSummary(article.pk, current.first() or "missing"))
                continue
            refusal = _refusal(article)
            if refusal is not None:
                status, message = refusal
                _finish(article.pk, status, message, token=token)
                summaries.append(ExtractionSummary(article.pk, status, error=message))
                continue
            claimed.append(article)
            yield article.text

    for result in extraction.extract_many(claimed_texts()):
        article = claimed.popleft()
        try:
            summaries.append(_store(article, result, token=token))
        except TEMPORARY_DATABASE_ERRORS:
            raise
        except (DatabaseError, ValueError) as exc:
            logger.exception("extraction failed for article %s", article.pk)
            message = f"Extraction failed: {exc}".strip()[:1000]
            _finish(article.pk, Article.Status.FAILED, message, token=token)
            summaries.append(ExtractionSummary(article.pk, Article.Status.FAILED, error=message))
    order = {article.pk: index for index, article in enumerate(articles)}
    return sorted(summaries, key=lambda summary: order[summary.article_id])


def articles_release(*, task_id: str, status: str, error: str = "") -> list[int]:
    """End ``task_id``'s claims on the articles it still holds: ``queued`` gives them back to the
    queue, ``failed`` records why (the task gave up). Returns their ids."""
    ids = list(
        Article.objects.filter(claimed_task=task_id, status=Article.Status.EXTRACTING).values_list(
            "pk", flat=True
        )
    )
    _finish_many(ids, status=status, error=error, token=task_id)
    return ids


def articles_give_up(*, article_ids: list[int], task_id: str, reason: str) -> None:
    """Mark the articles a task was given, and did not finish, ``failed`` with ``reason``."""
    unfinished = Article.objects.filter(pk__in=article_ids).filter(
        Q(status=Article.Status.QUEUED) | Q(status=Article.Status.EXTRACTING, claimed_task=task_id)
    )
    _finish_many(list(unfinished.values_list("pk", flat=True)), Article.Status.FAILED, reason)


def _finish_many(ids: list[int], status: str, error: str = "", *, token: str | None = None) -> None:
    for article_id in ids:
        _finish(article_id, status, error, token=token)
