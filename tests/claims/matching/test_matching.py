"""Claim matching: the same statement after normalization or nearly so, suggestions for similar
ones, nothing for unrelated ones, in a constant number of queries."""

import pytest

from claims.matching import Match, Statement, claim_find_match, statements_match
from claims.models import Claim
from tests.factories import AttributionFactory, ClaimFactory, SourceFactory

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


FLOODS = "We will protect about 3,000 homes along the Grey River before the winter floods arrive"


def test_statements_match_gives_the_three_outcomes_in_order():
    floods = ClaimFactory(text=FLOODS)
    same, similar, unrelated = statements_match(
        [
            Statement(FLOODS.replace("about ", "")),
            Statement(FLOODS.replace("3,000", "4,000")),
            Statement("The zoo welcomed two panda cubs this spring"),
        ]
    )
    assert (same.claim_id, same.suggestions) == (floods.pk, ())
    assert 0.88 <= same.similarity < 1
    assert similar.claim_id is None
    [suggestion] = similar.suggestions
    assert suggestion.claim_id == floods.pk
    assert "number changed: 3000 -> 4000" in suggestion.reasons
    assert unrelated == Match(claim_id=None)


def test_another_speaker_saying_the_same_words_is_a_suggestion():
    speaker, other = SourceFactory(), SourceFactory()
    claim = AttributionFactory(speaker=speaker, claim=ClaimFactory(text=FLOODS)).claim
    assert statements_match([Statement(FLOODS, speaker.pk)]) == [Match(claim.pk, similarity=1.0)]
    [match] = statements_match([Statement(FLOODS, other.pk)])
    assert match.claim_id is None
    assert match.suggestions[0].claim_id == claim.pk
    assert match.suggestions[0].reasons[-1] == "another speaker"


def test_query_count_does_not_grow_with_the_statements(django_assert_num_queries):
    for n in range(5):
        AttributionFactory(claim=ClaimFactory(text=f"{FLOODS} in district {n}"))
    few = [Statement(f"{FLOODS} in district {n}") for n in range(2)]
    many = [Statement(f"{FLOODS} near district {n}") for n in range(45)]
    for statements in (few, many):
        # fingerprints, index candidates, candidates' texts, their speakers
        with django_assert_num_queries(4):
            statements_match(statements)
