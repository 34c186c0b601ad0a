"""The clean statement an attribution carries as a claim, and the fields that describe it."""

import pytest

from claims.extraction import Attribution, extract
from claims.extraction.statements import claim_text


def _att(text: str, content: str, parts: tuple[tuple[int, int], ...] = ()) -> Attribution:
    start = text.index(content)
    return Attribution(
        content, start, start + len(content), "indirect", "said", 0, 4, None, parts=parts
    )


@pytest.mark.parametrize(
    ("content", "statement"),
    [
        ("that the bridge will close in May", "the bridge will close in May"),
        ("“We will not cut a single school,”", "We will not cut a single school"),
        ("that the plan was “dead on arrival.”", "the plan was “dead on arrival”"),
        ("the plan was “dead on arrival.", "the plan was dead on arrival"),
        ("‘We will not cut a single school,’", "We will not cut a single school"),
        ("Is the bridge safe?", "Is the bridge safe"),
    ],
)
def test_claim_text_drops_the_words_that_only_frame_the_statement(content, statement):
    text = f"The mayor said {content} on Monday."
    assert claim_text(text, _att(text, content)) == statement


@pytest.mark.parametrize("content", ["that “", "“,", "”.", "...”"])
def test_claim_text_of_content_with_no_words_is_the_content_itself(content):
    text = f"The mayor said {content} on Monday."
    assert claim_text(text, _att(text, content)) == content


def test_claim_text_joins_the_parts_of_an_interrupted_quote():
    text = "“Taxes will not rise,” she said. “The budget is balanced.”"
    parts = ((1, 21), (34, 57))
    att = _att(text, text[1:57], parts)
    assert claim_text(text, att) == "Taxes will not rise. The budget is balanced"


def test_records_carry_claim_text_kind_and_checkworthiness(nlp):
    text = "Mayor Ann Cole said that the city will close 14 schools next year."
    [att] = extract(text, nlp=nlp).attributions
    assert att.content == "that the city will close 14 schools next year"
    assert att.claim_text == "the city will close 14 schools next year"
    assert att.cue_kind == "speech"
    assert 0.0 < att.checkworthiness <= 1.0


def test_an_interrupted_quote_keeps_the_speakers_words_as_parts(nlp):
    text = (
        "The council met on Monday. “We will not raise taxes,” the mayor said. "
        "“The budget is balanced.”"
    )
    [att] = extract(text, nlp=nlp).attributions
    assert [text[s:e] for s, e in att.parts] == [
        "We will not raise taxes",
        "The budget is balanced.",
    ]
    assert att.claim_text == "We will not raise taxes. The budget is balanced"
