"""Attribution records from a cue's quotes and content: parts, and content that is no statement."""

import pytest

from claims.extraction import extract
from claims.extraction.attributions import anaphoric


def test_split_quote_gives_two_attributions_of_quoted_words_only(nlp):
    text = "“We will not raise taxes,” Governor Tom Baker said, “and we will balance the budget.”"
    first, second = extract(text, nlp=nlp).attributions
    assert [first.content, second.content] == [
        "We will not raise taxes",
        "and we will balance the budget.",
    ]
    for att in (first, second):
        assert att.kind == "direct"
        assert att.speaker.name == "Tom Baker"
        assert (att.cue, att.cue_start) == ("said", text.index("said"))
        assert att.reported_by is None
        assert att.parts == ()
    assert second.confidence == first.confidence


def test_quote_continued_after_the_cue_sentence_is_one_attribution_with_parts(only):
    # PolNeAR annotates this as one relation; the parts say which words are the speaker's.
    text = "“The roads are ready,” Mayor Jane Holloway said. “The trains are not.”"
    att = only(text)
    assert att.content.endswith("The trains are not.")
    assert att.speaker.name == "Jane Holloway"
    assert [text[s:e] for s, e in att.parts] == ["The roads are ready", "The trains are not."]


@pytest.mark.parametrize(
    "text",
    [
        "Residents of the lower valley disputed that account.",
        "Residents of the lower valley disputed the claim.",
        "Residents of the lower valley rejected this.",
    ],
)
def test_anaphoric_object_is_not_reported_content(nlp, text):
    assert extract(text, nlp=nlp).attributions == []


def test_punctuation_only_content_is_not_a_statement():
    """Regression: content with no word at all made the anaphora check index an empty list."""
    assert anaphoric("…!") is True
    assert anaphoric("that account") is True
    assert anaphoric("taxes rose by 6 percent") is False
