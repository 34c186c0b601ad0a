"""Reads of what matching found: a claim's variants and suggestions, and the drift across outlets.

Each selector is a fixed number of queries (pinned by tests/claims/selectors/test_matching.py).
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from claims.models import ClaimSuggestion, ClaimVariant


def _variants() -> QuerySet[ClaimVariant]:
    return ClaimVariant.objects.select_related(
        "attribution__article", "attribution__speaker", "base__article"
    ).defer(
        "attribution__article__text",
        "attribution__article__raw",
        "base__article__text",
        "base__article__raw",
    )


def claim_variants(*, claim_id: int) -> list[ClaimVariant]:
    """The claim's variants, most severe first (one query)."""
    return list(_variants().filter(claim_id=claim_id).order_by("-severity_rank", "id"))


def variants_queryset() -> QuerySet[ClaimVariant]:
    """Variants with their appearance, article and speaker, for prefetching onto claims."""
    return _variants().order_by("-severity_rank", "id")


def _suggestions_of(claim_id: int, states: list[str]) -> list[ClaimSuggestion]:
    return list(
        ClaimSuggestion.objects.filter(Q(claim_id=claim_id) | Q(similar_id=claim_id))
        .filter(state__in=states)
        .select_related("claim", "similar")
        .order_by("-similarity", "id")
    )


def claim_suggestions(*, claim_id: int) -> list[ClaimSuggestion]:
    """Open suggestions involving the claim, either way round, best first (one query)."""
    return _suggestions_of(claim_id, [ClaimSuggestion.State.OPEN])


@dataclass(frozen=True)
class ClaimMatching:
    """The claim page's matching panel: variants, open suggestions, and the confirmed ones that
    merged another claim into this one (their merge can be undone)."""

    variants: list[ClaimVariant]
    suggestions: list[ClaimSuggestion]
    confirmed: list[ClaimSuggestion]


def claim_matching(*, claim_id: int) -> ClaimMatching:
    """Two queries: the variants, and the open or confirmed suggestions."""
    suggestions = _suggestions_of(
        claim_id, [ClaimSuggestion.State.OPEN, ClaimSuggestion.State.CONFIRMED]
    )
    return ClaimMatching(
        variants=claim_variants(claim_id=claim_id),
        suggestions=[s for s in suggestions if s.state == ClaimSuggestion.State.OPEN],
        confirmed=[
            s
            for s in suggestions
            if s.state == ClaimSuggestion.State.CONFIRMED and s.similar_id == claim_id
        ],
    )


def drift_list() -> QuerySet[ClaimVariant]:
    """Altered quotes across outlets, newest first (the API filters them further)."""
    return _variants().filter(is_drift=True).select_related("claim").order_by("-created_at", "-id")


def drift_ranked(*, limit: int = 200) -> list[ClaimVariant]:
    """The editor's drift page: altered quotes, most severe first, then newest (one query)."""
    return list(
        _variants()
        .filter(is_drift=True)
        .select_related("claim")
        .order_by("-severity_rank", "-created_at", "-id")[:limit]
    )
