"""Claim matching: the same statement after normalization, or nearly the same."""

import pytest

from claims.matching import claim_find_match
from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_exact_match_ignores_quotes_case_and_punctuation():
    claim = ClaimFactory(text="“Crime has fallen by a third since 2019,”")
    assert claim_find_match(text="crime has fallen by a third since 2019") == claim


def test_near_duplicate_with_one_word_changed_matches():
    claim = ClaimFactory(
        text="the new flood barriers along the Grey River protected about 3,000 homes"
    )
    found = claim_find_match(
        text="the new flood barriers along the Grey River protected around 3,000 homes"
    )
    assert found == claim


def test_different_statement_does_not_match():
    ClaimFactory(text="the new flood barriers along the Grey River protected about 3,000 homes")
    assert claim_find_match(text="the new flood barriers along the Grey River failed") is None


def test_match_follows_a_merge_to_the_survivor():
    survivor = ClaimFactory(text="Taxes went up by 6 percent last year")
    ClaimFactory(
        text="taxes rose 6 percent last year", canonical=survivor, status=Claim.Status.MERGED
    )
    assert claim_find_match(text="Taxes rose 6 percent last year.") == survivor


def test_rejected_claims_are_not_matched():
    ClaimFactory(text="The moon is made of cheese", status=Claim.Status.REJECTED)
    assert claim_find_match(text="The moon is made of cheese") is None
