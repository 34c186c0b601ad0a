"""Bytes to text: a BOM, UTF-8 (even with a stray invalid byte), a declared charset, or the legacy
encoding of an undeclared page."""

import pytest

from articles.cleaning import clean_document
from articles.cleaning.decoding import decode_document


def test_declared_latin1_charset_is_used():
    data = "<p>Caf\u00e9 owners said the new rules were unfair to small businesses.</p>"
    document = clean_document(data.encode("latin-1"), content_type="text/html; charset=ISO-8859-1")

    assert "Café owners" in document.text


def test_utf16_with_bom_is_decoded():
    text = "The mayor said the bridge will reopen in May after the repairs."
    document = clean_document(text.encode("utf-16"))

    assert document.text == text


def test_undeclared_windows_1252_is_detected():
    text = (
        "Die Regierung hat am Montag beschlossen, dass die Steuern für Unternehmen steigen werden. "
        * 3
    )
    document = clean_document(text.encode("cp1252"))

    assert "für Unternehmen" in document.text
    assert document.language == "de"


# Curly quotes, an apostrophe and a dash: three-byte UTF-8 sequences whose bytes, read as a
# Cyrillic code page, give "тАЬ" and the like.
QUOTED = (
    "\u201cThe council\u2019s budget is balanced,\u201d the mayor said. "
    "\u201cWe cut nothing.\u201d Critics disagreed \u2014 sharply, and at length. "
) * 3


def _with_stray_byte(text: str, stray: bytes = b"\xff") -> bytes:
    """``text`` in UTF-8 with ``stray`` (invalid there) inserted before its second space."""
    data = text.encode("utf-8")
    at = data.index(b" ", data.index(b" ") + 1)
    return data[:at] + stray + data[at:]


@pytest.mark.parametrize("stray", [b"\xff", b"\x92", b"\xe2\x80", b"\xc3"])
def test_one_stray_byte_in_utf8_keeps_it_utf8(stray):
    data = _with_stray_byte(QUOTED, stray)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    text = decode_document(data)

    assert text == data.decode("utf-8", errors="replace")
    assert text.count("\ufffd") == 1
    assert "\u201cThe council\u2019s" in text
    assert "тА" not in text


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/html; charset=utf-8",
        "text/html; charset=windows-1252",
        "text/html; charset=latin-1",
    ],
)
def test_stray_bytes_in_utf8_win_over_a_latin_or_utf8_declaration(content_type):
    data = _with_stray_byte(QUOTED) + b" " + _with_stray_byte("\u201cAgain.\u201d " * 4, b"\x85")

    text = decode_document(data, content_type=content_type)

    assert text.count("\ufffd") == 2
    assert "\u201cWe cut nothing.\u201d" in text


def test_a_page_declaring_latin1_that_is_valid_utf8_is_read_as_utf8():
    html = f'<html><head><meta charset="ISO-8859-1"></head><body><p>{QUOTED}</p></body></html>'
    data = html.encode("utf-8")

    for content_type in ("text/html; charset=ISO-8859-1", None):  # header, then <meta> only
        text = decode_document(data, content_type=content_type)
        assert "\u201cThe council\u2019s budget" in text
        assert "\u00e2\u20ac" not in text and "\u00e2\x80" not in text


def test_a_declared_latin1_page_of_ascii_and_latin1_is_still_latin1():
    data = "Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9: \u00a35.".encode("latin-1")

    assert decode_document(data, content_type="text/plain; charset=latin-1") == data.decode(
        "latin-1"
    )


def test_windows_1252_with_many_accents_is_not_mistaken_for_broken_utf8():
    text = "Les élèves ont été très déçus après l’été; « Où êtes-vous ? » a-t-il demandé. " * 4
    data = text.encode("cp1252")

    assert decode_document(data) == text


def test_a_document_of_utf8_stray_bytes_only_is_not_utf8():
    data = b"The budget rose by 5\xb0 and fell by 3\xb0 in May; prices \xb1 2%."

    assert "\ufffd" not in decode_document(data)
