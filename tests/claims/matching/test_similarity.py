"""The similarity a fact-checker needs: close wording is the same claim unless a number, a
negation, a named entity or the speaker differs; a paraphrase is a suggestion."""

import pytest

from claims.matching.similarity import Outcome, compare, score
from claims.matching.words import Words

QUOTE = "We will protect about 3,000 homes along the Grey River before the winter floods arrive"


def outcome(new: str, *, same_speaker: bool = True):
    return compare(Words.of(QUOTE), Words.of(new), same_speaker=same_speaker)


def test_case_and_punctuation_do_not_count():
    assert score(Words.of(QUOTE), Words.of(QUOTE.upper() + ".")) == 1.0


@pytest.mark.parametrize(
    "new",
    [
        "We will protect 3,000 homes along the Grey River before the winter floods arrive",
        "We will protect about 3,000 homes on the Grey River before winter floods arrive",
        "we'll protect about 3000 homes along the Grey River before the winter floods arrive",
    ],
)
def test_slight_rewording_by_the_same_speaker_is_the_same_claim(new):
    assert outcome(new).outcome is Outcome.SAME


def test_a_paraphrase_is_only_similar():
    found = outcome(
        "about 3,000 homes along the Grey River would be protected before the floods of winter come"
    )
    assert found.outcome is Outcome.SIMILAR
    assert found.reasons == (f"similarity {found.score:.2f}",)


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        (QUOTE.replace("3,000", "4,000"), "number changed: 3000 -> 4000"),
        (QUOTE.replace("will", "will not"), "negation added"),
        (QUOTE.replace("about", "never about"), "negation added"),
        (QUOTE.replace("Grey", "Avon"), "named entity changed: grey -> avon"),
    ],
)
def test_hard_differences_are_never_the_same_claim(new, reason):
    found = outcome(new)
    assert found.outcome is Outcome.SIMILAR
    assert reason in found.reasons


def test_a_dropped_negation_is_named():
    found = compare(
        Words.of("The mine did not pollute the river"),
        Words.of("The mine did pollute the river"),
        same_speaker=True,
    )
    assert "negation dropped" in found.reasons


def test_same_words_from_another_speaker_are_a_suggestion():
    found = outcome(QUOTE, same_speaker=False)
    assert (found.outcome, found.reasons[-1]) == (Outcome.SIMILAR, "another speaker")


def test_a_name_at_the_start_changed_to_lower_case_is_not_an_entity_change():
    found = compare(
        Words.of("Crime has fallen by a third since 2019"),
        Words.of("crime has fallen by a third since 2019 in the city"),
        same_speaker=True,
    )
    assert not any("named entity" in reason for reason in found.reasons)


def test_unrelated_statements():
    found = outcome("The council approved a new budget for schools and hospitals next year")
    assert (found.outcome, found.reasons) == (Outcome.UNRELATED, ())


def test_stop_words_weigh_less_than_content_words():
    base = Words.of("the minister said the plan would cut taxes for families")
    stop_changed = Words.of("a minister said that plan would cut taxes for families")
    content_changed = Words.of("the minister said the plan would cut benefits for families")
    assert score(base, stop_changed) > score(base, content_changed)
