"""Entities the article introduced: governments, acronyms, roles and affiliations."""

import pytest
from spacy.tokens import Doc

from claims.extraction import extract
from claims.extraction.entities import person_part


def test_capital_city_stands_for_its_government(only):
    att = only("Beijing accused Washington of meddling in its internal affairs.")
    assert att.speaker.name == "Chinese government"
    assert att.speaker.kind == "government"


def test_acronym_with_country_adjective_and_later_bare_acronym(nlp):
    text = "The Russian MOD said it had shot down 12 drones. The MOD also claimed that the attack had failed."
    first, second = extract(text, nlp=nlp).attributions
    assert first.speaker.name == "Russian Ministry of Defense"
    assert second.speaker.mention == "The MOD"
    assert second.speaker.name == "Russian Ministry of Defense"


def test_generic_role_words_are_no_affiliation(only):
    text = "Council member Tom Reyes warned that the library cuts would hit the poorest areas."
    att = only(text)
    assert att.speaker.name == "Tom Reyes"
    assert att.speaker.role == "Council member"
    assert att.speaker.affiliation == ""


def test_an_acronym_takes_the_name_the_article_spelled_out(by_cue):
    text = (
        "The Environmental Protection Agency issued new rules on Monday. "
        "The EPA said the rules would cut smog."
    )
    att = by_cue(text, "said")
    assert (att.speaker.name, att.speaker.mention) == ("Environmental Protection Agency", "The EPA")


def test_laws_and_photo_credits_are_no_persons(only):
    credit = "Photo: Mark Lane / Reuters\n\n"
    law = "The Jane Doe Act passed in 1972. Governor Ann Cole signed it. "
    # Neither the photographer nor the act is the "she" who spoke.
    assert only(credit + law + "She said it had worked.").speaker.name == "Ann Cole"


@pytest.mark.parametrize(
    ("words", "pos", "is_person"),
    [
        (["Will", "Run", "Ads"], ["AUX", "VERB", "NOUN"], False),
        (["Trump", "v.", "Trump"], ["PROPN", "ADP", "PROPN"], False),
        (["Jane", "Roe"], ["PROPN", "PROPN"], True),
    ],
)
def test_a_person_entity_holds_no_verb_and_no_case_word(nlp, words, pos, is_person):
    doc = Doc(nlp.vocab, words=words, pos=pos, ents=["B-PERSON"] + ["I-PERSON"] * (len(words) - 1))
    assert (person_part(doc.ents[0]) is not None) is is_person
