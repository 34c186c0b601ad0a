"""Attributions the line layout marks: dash signatures and titles."""

import pytest

from claims.extraction import extract


def test_quote_closed_by_dash_and_name(only):
    text = "“The most unqualified candidate ever to run for office.” ― Ana Ruiz\n"
    att = only(text)
    assert att.cue == "―"
    assert att.speaker.name == "Ana Ruiz"
    assert att.content == "The most unqualified candidate ever to run for office."


@pytest.mark.parametrize(
    ("title", "speaker", "content"),
    [
        ("Ortiz: Crime Fell By A Third Since 2019", "Ortiz", "Crime Fell By A Third Since 2019"),
        ("Mayor Ortiz says crime fell by a third", "Mayor Ortiz", "crime fell by a third"),
        (
            "Crime fell by a third since 2019, Mayor Ortiz says",
            "Mayor Ortiz",
            "Crime fell by a third since 2019",
        ),
    ],
)
def test_title_attributions(nlp, title, speaker, content):
    text = f"{title}\n\nMayor Ortiz spoke to the council on Monday about the budget."
    atts = [a for a in extract(text, nlp=nlp).attributions if a.content_start < len(title)]
    assert [(a.speaker.mention, a.content) for a in atts] == [(speaker, content)]
    assert text[atts[0].cue_start : atts[0].cue_end] == atts[0].cue


def test_title_with_a_section_label_is_no_attribution(nlp):
    text = "The Latest: Council votes on the budget\n\nThe council met on Monday to vote."
    assert extract(text, nlp=nlp).attributions == []
