"""The entry point raises nothing but CleaningError, always with a message for a person."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.cleaning import (
    BinaryDocument,
    CleaningError,
    EmptyDocument,
    UndecodableDocument,
    clean_document,
)


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", EmptyDocument, "empty"),
        (b"   \n\t ", EmptyDocument, "empty"),
        ("", EmptyDocument, "empty"),
        ("<html><body><script>x()</script></body></html>", EmptyDocument, "no text"),
        (b"%PDF-1.7 \x00\x01", BinaryDocument, "PDF"),
        (b"abc\x00def", BinaryDocument, "NUL"),
        (bytes(range(128, 256)) * 3, UndecodableDocument, "encoding"),
    ],
)
def test_bad_input_raises_a_cleaning_error_with_a_message(data, error, message):
    with pytest.raises(error, match=message):
        clean_document(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000)))
def test_fuzz_cleaning_raises_only_cleaning_error(data):
    try:
        document = clean_document(data)
    except CleaningError as exc:
        assert str(exc)
    else:
        assert isinstance(document.text, str)
        assert document.text.strip()


HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<html>",
        "<body>",
        "<!--",
        "-->",
        "<script>",
        "<?xml version='1.0' encoding='utf-8'?>",
        "<title>",
        "&amp;",
        "&#0;",
        "<br/>",
        "<meta charset='utf-8'>",
        "The minister said the plan would work. ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.one_of(HTML_PIECES, st.text(max_size=30)), max_size=40),
    content_type=st.sampled_from([None, "text/html", "text/plain", "application/xhtml+xml"]),
)
def test_fuzz_html_like_input_raises_only_cleaning_error(pieces, content_type):
    data = "".join(pieces)
    for value in (data, data.encode("utf-8", "surrogatepass")):
        try:
            document = clean_document(value, content_type=content_type)
        except CleaningError:
            continue
        assert isinstance(document.text, str)
