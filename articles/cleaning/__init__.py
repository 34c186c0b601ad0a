"""Turning a received document (HTML or scraped plain text) into clean body text and metadata.

``clean_document`` is the one entry point. It never touches the database and raises nothing but
``CleaningError``: ingestion stores the message on the article, and the ``extract_claims`` command
prints it.

The clean text is what every character offset in the system points into, so it is built from the
document's own paragraphs, verbatim, separated by blank lines ("\\n\\n").
"""

from articles.cleaning.decoding import decode_document, is_html, looks_binary
from articles.cleaning.document import (
    PARAGRAPH_SEPARATOR,
    BinaryDocument,
    CleanedDocument,
    CleaningError,
    EmptyDocument,
    UndecodableDocument,
)
from articles.cleaning.html import clean_html
from articles.cleaning.text import clean_plain_text

__all__ = [
    "PARAGRAPH_SEPARATOR",
    "BinaryDocument",
    "CleanedDocument",
    "CleaningError",
    "EmptyDocument",
    "UndecodableDocument",
    "clean_document",
    "clean_html",
    "clean_plain_text",
    "decode_document",
    "is_html",
]


def clean_document(
    data: bytes | str, *, content_type: str | None = None, url: str | None = None
) -> CleanedDocument:
    """Clean ``data`` (HTML or plain text, decided from ``content_type`` or by sniffing)."""
    text = decode_document(data, content_type=content_type)
    if not text.strip():
        raise EmptyDocument("The document is empty.")
    if looks_binary(text):
        raise BinaryDocument("The document is binary, not text.")
    if is_html(text, content_type=content_type):
        return clean_html(text, url=url)
    return clean_plain_text(text)
