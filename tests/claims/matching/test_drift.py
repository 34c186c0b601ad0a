"""Drift: the word diff of a variant against the earlier wording, its change classes and severity."""

import pytest

from claims.matching.drift import Severity, drift, word_diff

QUOTE = "We will protect about 3,000 homes along the Grey River before the winter floods arrive"


def test_diff_is_op_text_pairs_reading_as_the_later_wording():
    assert word_diff("Taxes rose 6 percent last year", "Taxes rose 8 percent this year") == [
        ["equal", "Taxes rose"],
        ["delete", "6"],
        ["insert", "8"],
        ["equal", "percent"],
        ["delete", "last"],
        ["insert", "this"],
        ["equal", "year"],
    ]


def test_only_case_and_punctuation_is_no_change():
    found = drift(QUOTE, QUOTE.lower() + "!")
    assert (found.changes, found.severity, found.changed) == ([], Severity.NONE, False)
    assert found.diff == [["equal", QUOTE.lower()]]


@pytest.mark.parametrize(
    ("later", "changes", "severity"),
    [
        (QUOTE.replace("3,000", "4,000"), ["number"], Severity.HIGH),
        (QUOTE.replace("will", "will not"), ["negation"], Severity.HIGH),
        (QUOTE.replace("will", "won't"), ["negation", "other_wording"], Severity.HIGH),
        (QUOTE.replace("Grey", "Avon"), ["named_entity"], Severity.HIGH),
        (QUOTE.replace("about ", ""), ["qualifier_dropped"], Severity.MEDIUM),
        (
            QUOTE.replace("protect", "protect almost all"),
            ["qualifier_added", "other_wording"],
            Severity.MEDIUM,
        ),
        (QUOTE.replace("arrive", "come"), ["other_wording"], Severity.LOW),
    ],
)
def test_each_change_class_and_its_severity(later, changes, severity):
    found = drift(QUOTE, later)
    assert (found.changes, found.severity) == (changes, severity)


def test_a_dropped_negation_shows_as_a_deletion():
    found = drift("The mine did not pollute the river", "The mine did pollute the river")
    assert ["delete", "not"] in found.diff
    assert found.changes == ["negation"]


def test_the_models_list_every_change_class():
    from claims.matching.drift import Change
    from claims.models import ClaimVariant

    assert tuple(c.value for c in Change) == ClaimVariant.CHANGES
