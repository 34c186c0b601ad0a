"""How far the content of a reporting verb reaches."""

import pytest

from claims.extraction import extract


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "Mayor Jane Holloway warned that the bridge would close in May.",
            "warned",
            "Jane Holloway",
            "that the bridge would close in May",
        ),
        (
            "Police Chief Dan Moore told reporters that the suspect had fled.",
            "told",
            "Dan Moore",
            "that the suspect had fled",
        ),
        (
            "Acme Corp announced that it would cut 300 jobs.",
            "announced",
            "Acme Corp",
            "that it would cut 300 jobs",
        ),
        (
            "Peter Hall admitted that mistakes were made.",
            "admitted",
            "Peter Hall",
            "that mistakes were made",
        ),
        (
            "Karen Lowe insisted that the contract was legal.",
            "insisted",
            "Karen Lowe",
            "that the contract was legal",
        ),
        (
            "Analysts believe the economy will shrink next year.",
            "believe",
            "Analysts",
            "the economy will shrink next year",
        ),
        (
            "The union accused the company of hiding losses.",
            "accused",
            "union",
            "the company of hiding losses",
        ),
        ("Senator Ron Vega has called for a full inquiry.", "called", "Ron Vega", "a full inquiry"),
    ],
)
def test_reporting_verb_families(only, text, cue, speaker, content):
    att = only(text)
    assert att.cue == cue
    assert att.kind == "indirect"
    assert speaker in att.speaker.name
    assert att.content == content


def test_a_cue_in_a_relative_clause_reports_no_further_than_its_clause(nlp):
    text = (
        "Labor Secretary Thomas Perez, who said he expects a deal soon, met the unions on Monday."
    )
    [att] = [a for a in extract(text, nlp=nlp).attributions if a.cue == "said"]
    assert att.content == "he expects a deal soon"
    assert att.speaker.name == "Thomas Perez"
