"""Bytes to text: a BOM, a declared charset, or the legacy encoding of an undeclared page."""

from articles.cleaning import clean_document


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
