"""The speaker tables, written once per value and read by word."""

from claims.extraction.speaker_words import METONYMS, PERSONAL_PRONOUNS, TITLE_ROLES, by_word


def test_by_word_turns_groups_round():
    assert by_word({"Senator": "sen., sen", "US government": "united states, us"}) == {
        "sen.": "Senator",
        "sen": "Senator",
        "united states": "US government",
        "us": "US government",
    }


def test_tables_read_by_word():
    assert TITLE_ROLES["gov."] == TITLE_ROLES["gov"] == "Governor"
    assert PERSONAL_PRONOUNS["hers"] == "female"
    assert METONYMS["north korea"] == METONYMS["pyongyang"] == "North Korean government"
