import pytest

from articles.language import detect_language, is_english, not_english_reason


@pytest.mark.parametrize("language", ["en", "EN", " en ", "en-GB", "en_US", "eng", ""])
def test_english_and_unknown_are_read_by_the_extractor(language):
    assert is_english(language)


@pytest.mark.parametrize("language", ["de", "fr-CA", "enm", "english", "nl"])
def test_other_languages_are_not(language):
    assert not is_english(language)


def test_the_skip_reason_names_the_language():
    assert not_english_reason("de") == "Language 'de' is not supported by the English extractor"


def test_a_short_text_is_unknown_and_so_counts_as_english():
    assert detect_language("Hello there") == ""
    assert is_english(detect_language("Hello there"))
