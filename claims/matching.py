"""Matching a new statement against the claims already known, so one claim collects all its
appearances: exact after normalization (quotes, case, punctuation), or nearly so."""

from difflib import SequenceMatcher

from claims.models import Claim
from claims.naming import (
    MATCH_PREFIX_WORDS,
    claim_fingerprint,
    claim_match_prefix,
    normalize_claim_text,
)

NEAR_DUPLICATE_RATIO = 0.92
_MAX_CANDIDATES = 50


def _survivor(claim: Claim) -> Claim:
    return claim.canonical or claim


def claim_find_match(*, text: str) -> Claim | None:
    """The existing claim that carries the same statement, following merges to the survivor.

    Near duplicates (a word changed, a clause trimmed) are looked for among claims that start with
    the same words (an indexed column), so matching never scans every claim.
    """
    exact = (
        Claim.objects.filter(fingerprint=claim_fingerprint(text))
        .exclude(status=Claim.Status.REJECTED)
        .select_related("canonical")
        .order_by("id")
        .first()
    )
    if exact is not None:
        return _survivor(exact)
    normalized = normalize_claim_text(text)
    if len(normalized.split()) < MATCH_PREFIX_WORDS:
        return None
    candidates = (
        Claim.objects.filter(match_prefix=claim_match_prefix(normalized))
        .exclude(status=Claim.Status.REJECTED)
        .select_related("canonical")
        .order_by("id")[:_MAX_CANDIDATES]
    )
    best, best_ratio = None, NEAR_DUPLICATE_RATIO
    for candidate in candidates:
        ratio = SequenceMatcher(None, normalized, candidate.normalized_text).ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return _survivor(best) if best is not None else None
