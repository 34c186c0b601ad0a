"""Cues other than a reporting verb with its subject: "according to"."""

import pytest

from claims.extraction import extract


def test_according_to_takes_the_rest_of_the_sentence(only):
    att = only("Unemployment fell to 3.5 percent last month, according to the Labor Department.")
    assert att.cue == "according to"
    assert att.speaker.name == "Labor Department"
    assert att.content == "Unemployment fell to 3.5 percent last month"


def test_a_naming_participle_reports_nothing(nlp):
    text = "Residents now use an app called Harbor Watch to report floods."
    assert extract(text, nlp=nlp).attributions == []


def test_an_exchange_without_its_content_is_no_report(nlp):
    text = "The mayor's office denied a request for comment on Tuesday."
    assert extract(text, nlp=nlp).attributions == []


def test_an_exchange_with_a_clause_reports_it(only):
    att = only("The court rejected a request from the city to delay the vote.")
    assert att.content.startswith("a request from the city to delay")


def test_evidence_and_intent_cues_are_labelled(nlp):
    text = (
        "A study found that the river was polluted. Mayor Tom Reyes wants to close the mill. "
        "He hopes that the council agrees."
    )
    kinds = {a.cue: a.cue_kind for a in extract(text, nlp=nlp).attributions}
    assert kinds == {"found": "evidence", "wants": "intent", "hopes": "belief"}


def test_a_bare_passive_participle_names_who_was_asked_not_who_asked(nlp):
    text = "Asked whether he would endorse Clinton, Reid said he had not decided."
    atts = {a.cue: a for a in extract(text, nlp=nlp).attributions}
    # The reporter asked; Reid was asked, and his answer is his own attribution.
    assert atts["Asked"].speaker is None
    assert atts["Asked"].content == "whether he would endorse Clinton"
    assert atts["said"].speaker.name == "Reid"
    assert atts["said"].content == "he had not decided"


def test_the_one_told_asked_the_question_answered(nlp):
    text = (
        "“I stand by every word,” the senator told the Weekly Standard on Thursday when asked "
        "if he still opposed the bill."
    )
    atts = {a.cue: a for a in extract(text, nlp=nlp).attributions}
    assert atts["asked"].speaker.name == "Weekly Standard"
    assert atts["told"].speaker.mention == "the senator"


def test_the_agent_of_asked_is_who_asked(nlp):
    text = "When asked by reporters whether he would run, Smith said he had not decided."
    atts = {a.cue: a for a in extract(text, nlp=nlp).attributions}
    assert atts["asked"].speaker.mention == "reporters"
    assert atts["said"].speaker.name == "Smith"


def test_a_place_before_the_comma_is_no_stranded_subject(nlp):
    text = "The rally was held in Iowa, a swing state, said the organisers' statement."
    for att in extract(text, nlp=nlp).attributions:
        assert att.speaker is None or "swing state" not in att.speaker.mention


@pytest.mark.parametrize(
    "text",
    [
        "LONDON (Reuters) - Donald Trump said he expected a good relationship with Britain.",
        "MYRTLE BEACH, S.C. — Sen. Ted Cruz on Thursday said the mogul was not fit to lead.",
    ],
)
def test_a_datelines_place_is_not_the_speaker(by_cue, text):
    att = by_cue(text, "said")
    assert att.speaker.kind == "person"
    assert att.speaker.name in {"Donald Trump", "Ted Cruz"}
    assert not att.speaker.mention.isupper()
