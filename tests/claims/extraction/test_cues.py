import pytest

from claims.extraction.cues import cue_kind, cue_lemma


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


# One lemma of each kind, and the speech acts that are said to someone (a promise is speech).
EXAMPLE_KINDS = {
    "say": "speech",
    "warn": "speech",
    "promise": "speech",
    "tweet": "writing",
    "write": "writing",
    "according to": "according_to",
    "believe": "belief",
    "hope": "belief",
    "support": "belief",
    "want": "intent",
    "plan": "intent",
    "find": "evidence",
    "show": "evidence",
    "praise": "other",
}


@pytest.mark.parametrize(("lemma", "kind"), EXAMPLE_KINDS.items())
def test_cue_kind_of_a_lemma(lemma, kind):
    assert cue_kind(lemma) == kind


def test_suggest_is_evidence_only_with_a_document_subject():
    assert cue_kind("suggest", document_subject=True) == "evidence"
    assert cue_kind("suggest") == "speech"
