"""Who speaks: pronouns, descriptors, appositions, documents and their authors."""

import pytest

from claims.extraction import extract


def test_pronoun_resolves_to_previous_person_of_matching_gender(only):
    text = "Senator Mary Ellis met Governor Tom Baker. She insisted that the deal was fair."
    att = only(text)
    assert att.speaker.mention == "She"
    assert att.speaker.name == "Mary Ellis"
    assert (att.speaker.mention_start, att.speaker.mention_end) == (43, 46)


def test_descriptor_resolves_to_the_person_holding_the_role(only):
    text = (
        "Secretary of Defense Lloyd Austin visited Kyiv on Monday. "
        "The Pentagon chief said the aid would continue."
    )
    att = only(text)
    assert att.speaker.mention == "The Pentagon chief"
    assert att.speaker.name == "Lloyd Austin"
    assert att.speaker.affiliation == "Pentagon"


def test_surname_resolves_to_full_name(by_cue):
    text = "Peter Hall denied the report. Hall admitted that mistakes were made."
    att = by_cue(text, "admitted")
    assert att.speaker.mention == "Hall"
    assert att.speaker.name == "Peter Hall"


@pytest.mark.parametrize("dateline", ["", "Date: 2024-05-20\n\n"])
def test_data_released_by_a_body_speak_for_it(only, dateline):
    text = dateline + (
        "Figures released by the Harbor City police department on Monday show that reported "
        "crime fell by 9 percent between 2019 and 2023."
    )
    att = only(text)
    assert att.cue == "show"
    assert att.speaker.name == "Harbor City police department"
    assert att.speaker.kind == "organization"
    assert att.speaker.mention == "Figures released by the Harbor City police department"
    assert att.content == "that reported crime fell by 9 percent between 2019 and 2023"


def test_relative_pronoun_of_a_non_noun_is_never_a_named_speaker(nlp):
    text = "Figures from the city show that reported crime fell."
    for att in extract(text, nlp=nlp).attributions:
        assert att.speaker.name not in {"show", "that", "reported"}


def test_document_speaker_is_named_by_its_whole_phrase(nlp, by_cue):
    text = (
        "Engineers had warned in 2021 that the barriers would not cover the lower valley, "
        "according to a report seen by the Grey Valley Courier."
    )
    [report] = extract(text, nlp=nlp).attributions
    assert report.cue == "according to"
    assert report.speaker.name == "a report seen by the Grey Valley Courier"
    assert report.content.startswith("Engineers had warned in 2021")
    # The report is the outer source; the engineers it reports are its subject.
    assert report.subject == "Engineers"


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman for the mayor, Lena Park, said the mayor meant violent crime only.",
        "Lena Park, a spokeswoman for the mayor, said the mayor meant violent crime only.",
    ],
)
def test_appositive_name_is_the_speaker_and_the_descriptor_her_role(only, text):
    att = only(text)
    assert att.speaker.name == "Lena Park"
    assert att.speaker.role == "spokeswoman for the mayor"
    assert text[att.speaker.mention_start : att.speaker.mention_end] == att.speaker.mention
    assert "Lena Park" in att.speaker.mention


def test_dateline_is_not_part_of_the_speaker(only):
    text = "Date: 2024-06-02\n\nThe State Water Agency said on Sunday that the barriers held."
    att = only(text)
    assert att.speaker.name == "State Water Agency"
    assert att.speaker.mention == "The State Water Agency"
