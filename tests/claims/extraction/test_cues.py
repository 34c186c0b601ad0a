import pytest

from claims.extraction.cues import cue_lemma


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("said", "say"),
        ("told", "tell"),
        ("reiterated", "reiterate"),
        ("denies", "deny"),
        ("admitted", "admit"),
        ("insisting", "insist"),
        ("wrote", "write"),
        ("tweeted", "tweet"),
        ("Warned", "warn"),
    ],
)
def test_inflected_cues_map_to_their_lemma(form, lemma):
    assert cue_lemma(form) == lemma


@pytest.mark.parametrize("word", ["table", "walked", "the", ""])
def test_non_cues_are_rejected(word):
    assert cue_lemma(word) is None
