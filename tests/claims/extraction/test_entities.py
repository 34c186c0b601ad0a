"""Entities the article introduced: governments, acronyms, roles and affiliations."""

from claims.extraction import extract


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
