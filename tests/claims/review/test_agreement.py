"""Krippendorff's alpha against the worked example in Krippendorff (2011)."""

import pytest

from claims.review.agreement import krippendorff_alpha, pairwise_agreement

# Four observers, twelve units, missing values left out (Krippendorff 2011, section C).
UNITS = [
    [1, 1, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [5, 5, 5],
    [1, 1],
    [3],
]


def test_matches_the_published_interval_and_ordinal_values():
    assert krippendorff_alpha(UNITS, "interval") == pytest.approx(0.849, abs=5e-4)
    assert krippendorff_alpha(UNITS, "ordinal") == pytest.approx(0.815, abs=5e-4)


def test_perfect_agreement_is_one_and_undefined_cases_are_none():
    assert krippendorff_alpha([[1, 1], [3, 3], [5, 5]]) == 1.0
    assert krippendorff_alpha([[2, 2], [2, 2]]) is None
    assert krippendorff_alpha([[1], [2]]) is None


def test_systematic_disagreement_is_negative():
    assert krippendorff_alpha([[1, 5], [5, 1], [1, 5]], "interval") < 0


def test_pairwise_agreement_groups_by_reviewer_pair():
    ratings = [
        (1, "ann", 1),
        (1, "bob", 1),
        (2, "ann", 5),
        (2, "bob", 4),
        (2, "cy", 5),
        (3, "bob", 2),
    ]
    rows = pairwise_agreement(ratings, "interval")
    assert [(r["reviewers"], r["claims"], r["disagreements"]) for r in rows] == [
        (("ann", "bob"), 2, 1),
        (("ann", "cy"), 1, 0),
        (("bob", "cy"), 1, 1),
    ]
    assert rows[0]["alpha"] == pytest.approx(krippendorff_alpha([[1, 1], [5, 4]], "interval"))
