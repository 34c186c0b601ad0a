"""What the agreement page reads: the blind double-review ratings, grouped by the claim rated."""

from dataclasses import dataclass

from django.contrib.auth.models import User

from claims.models import Claim, ReviewRating


@dataclass(frozen=True)
class DoubleReview:
    values: list[tuple[int, User, int]]  # (claim id, reviewer, rating value)
    disagreements: list[tuple[Claim, list[ReviewRating]]]
    rated_claims: int


def review_ratings_by_claim() -> DoubleReview:
    """Every blind rating as (claim, reviewer, value), and the claims whose reviewers disagree with
    the ratings each got (1 query)."""
    ratings = list(
        ReviewRating.objects.select_related("reviewer", "rating", "claim").order_by(
            "claim_id", "reviewer_id"
        )
    )
    by_claim: dict[int, list[ReviewRating]] = {}
    for rating in ratings:
        by_claim.setdefault(rating.claim_id, []).append(rating)
    return DoubleReview(
        values=[(r.claim_id, r.reviewer, r.rating.value) for r in ratings],
        disagreements=[
            (rows[0].claim, rows)
            for rows in by_claim.values()
            if len(rows) >= 2 and len({r.rating.value for r in rows}) > 1
        ],
        rated_claims=len(by_claim),
    )
