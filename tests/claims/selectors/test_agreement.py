"""The blind double-review ratings behind the agreement page, grouped by claim in one query."""

import pytest

from claims.selectors.agreement import review_ratings_by_claim
from tests.factories import ClaimFactory, ReviewRatingFactory

pytestmark = pytest.mark.django_db


def test_ratings_grouped_by_claim_with_the_disagreements(
    reviewer, other_reviewer, scale, django_assert_num_queries
):
    agreed, disputed, once = (ClaimFactory(requires_double_review=True) for _ in range(3))
    for claim, first, second in [(agreed, 4, 4), (disputed, 1, 5)]:
        ReviewRatingFactory(claim=claim, reviewer=reviewer, rating=scale[first])
        ReviewRatingFactory(claim=claim, reviewer=other_reviewer, rating=scale[second])
    ReviewRatingFactory(claim=once, reviewer=reviewer, rating=scale[2])

    with django_assert_num_queries(1):
        double_review = review_ratings_by_claim()

    assert double_review.values == [
        (agreed.pk, reviewer, 4),
        (agreed.pk, other_reviewer, 4),
        (disputed.pk, reviewer, 1),
        (disputed.pk, other_reviewer, 5),
        (once.pk, reviewer, 2),
    ]
    [(claim, rows)] = double_review.disagreements
    assert claim == disputed
    assert [(r.reviewer, r.rating.value) for r in rows] == [(reviewer, 1), (other_reviewer, 5)]
    assert double_review.rated_claims == 3


def test_no_ratings_no_groups():
    double_review = review_ratings_by_claim()
    assert (double_review.values, double_review.disagreements, double_review.rated_claims) == (
        [],
        [],
        0,
    )
