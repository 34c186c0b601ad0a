"""Variants: appearances of a claim whose words differ from the appearance they are compared
with, with their word diff, change classes and severity (``claims.matching.drift``).

Each appearance is compared with the claim's earliest appearance (by the article's publication
date, else when it came in), and a direct or mixed quote with the same speaker's earliest quote
of the claim when there is one: a quote altered from that is drift even when matching found it
the same claim. ``variants_refresh`` runs after extraction, merges and splits, in three queries
whatever the number of claims.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.db.models import Q

from claims.matching.drift import SEVERITY_RANK, Severity, drift
from claims.models import Attribution, ClaimVariant, Verdict
from claims.webhooks import webhooks_queue_drift

QUOTES = (Attribution.Kind.DIRECT, Attribution.Kind.MIXED)


@dataclass(frozen=True)
class _Appearance:
    id: int
    claim_id: int
    speaker_id: int | None
    kind: str
    content: str
    when: datetime
    article_id: int
    start: int

    @property
    def is_quote(self) -> bool:
        return self.kind in QUOTES and self.speaker_id is not None


class _VariantKey(NamedTuple):
    """A variant's stored fields, but for its attribution: what a refresh compares."""

    claim_id: int
    base_id: int
    diff: list
    changes: list
    severity: str
    is_drift: bool


def _desired(appearances: list[_Appearance]) -> dict[int, _VariantKey]:
    """attribution id -> (claim, base, diff, changes, severity, is_drift) for one claim."""
    ordered = sorted(appearances, key=lambda a: (a.when, a.article_id, a.start, a.id))
    earliest = ordered[0]
    first_quote: dict[int | None, _Appearance] = {}
    if earliest.is_quote:
        first_quote[earliest.speaker_id] = earliest
    wanted: dict[int, _VariantKey] = {}
    for appearance in ordered[1:]:
        base = earliest
        quote_base = first_quote.get(appearance.speaker_id) if appearance.is_quote else None
        if quote_base is not None:
            base = quote_base
        found = drift(base.content, appearance.content)
        if found.changed:
            is_drift = quote_base is not None or found.severity is Severity.HIGH
            wanted[appearance.id] = _VariantKey(
                appearance.claim_id,
                base.id,
                found.diff,
                found.changes,
                found.severity.value,
                is_drift,
            )
        if appearance.is_quote:
            first_quote.setdefault(appearance.speaker_id, appearance)
    return wanted


def _appearances(claim_ids: Collection[int]) -> dict[int, list[_Appearance]]:
    rows = (
        Attribution.objects.filter(claim_id__in=claim_ids)
        .exclude(review_state=Attribution.ReviewState.REJECTED)
        .values_list(
            "id",
            "claim_id",
            "speaker_id",
            "kind",
            "content",
            "article__published_at",
            "article__created_at",
            "article_id",
            "content_start",
        )
    )
    by_claim: dict[int, list[_Appearance]] = defaultdict(list)
    for pk, claim_id, speaker_id, kind, content, published, created, article_id, start in rows:
        by_claim[claim_id].append(
            _Appearance(
                pk, claim_id, speaker_id, kind, content, published or created, article_id, start
            )
        )
    return by_claim


def variants_refresh(*, claim_ids: Iterable[int]) -> int:
    """Bring the variants of ``claim_ids`` in line with their appearances; returns how many were
    created. Unchanged variants keep their row (and their place in the drift list)."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return 0
    wanted: dict[int, _VariantKey] = {}
    for appearances in _appearances(claim_ids).values():
        wanted.update(_desired(appearances))
    existing = {
        pk: _VariantKey(*key)
        for pk, *key in ClaimVariant.objects.filter(
            Q(claim_id__in=claim_ids) | Q(attribution_id__in=wanted)
        ).values_list("attribution_id", *_VariantKey._fields)
    }
    stale = [pk for pk, key in existing.items() if wanted.get(pk) != key]
    if stale:
        ClaimVariant.objects.filter(attribution_id__in=stale).delete()
    fresh = [
        ClaimVariant(
            attribution_id=pk, severity_rank=SEVERITY_RANK[Severity(key.severity)], **key._asdict()
        )
        for pk, key in wanted.items()
        if existing.get(pk) != key
    ]
    ClaimVariant.objects.bulk_create(fresh)
    _drift_announce([v for v in fresh if v.severity == Severity.HIGH.value])
    return len(fresh)


def _drift_announce(variants: list[ClaimVariant]) -> None:
    """The ``claim.drift`` webhook event for high-severity variants of claims with a published
    verdict (one query, none when there is no such variant)."""
    if not variants:
        return
    verdicts = {
        v.claim_id: v
        for v in Verdict.objects.filter(
            claim_id__in={v.claim_id for v in variants}, status=Verdict.Status.PUBLISHED
        ).order_by("published_at", "id")
    }
    published = [v for v in variants if v.claim_id in verdicts]
    if published:
        webhooks_queue_drift(variants=published, verdicts=verdicts)
