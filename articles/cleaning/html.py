"""HTML to clean text: trafilatura finds the paragraphs and metadata, lxml is the fallback."""

import datetime
import logging
import re
from dataclasses import dataclass, field
from typing import Any, TypedDict

from articles.cleaning.dates import parse_iso_date
from articles.cleaning.document import PARAGRAPH_SEPARATOR, CleanedDocument, EmptyDocument
from articles.language import detect_language

logger = logging.getLogger(__name__)

_BLOCK_TAGS = {"p", "head", "quote", "list", "item", "table", "row", "cell", "code", "lb"}


class _TrafilaturaOptions(TypedDict):
    with_metadata: bool
    include_comments: bool
    include_tables: bool
    include_images: bool
    favor_precision: bool


# Precision over recall: a reader comment or a table cell taken for the article's prose would
# have its statements attributed to the article.
_TRAFILATURA_OPTIONS: _TrafilaturaOptions = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "favor_precision": True,
}


@dataclass(frozen=True)
class _Extraction:
    """What trafilatura found; empty when it found nothing or failed."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)


def clean_html(html: str, *, url: str | None) -> CleanedDocument:
    # trafilatura and lxml are third-party parsers fed with untrusted input; anything they raise
    # is a defect of the input as far as this app is concerned, so it downgrades to the fallback
    # instead of escaping as an unexpected exception.
    try:
        found = _trafilatura_extract(html, url=url)
    except Exception:
        logger.warning(
            "trafilatura failed on a document; using the plain-text fallback", exc_info=True
        )
        found = _Extraction()
    paragraphs = found.paragraphs
    title = _one_line(found.title or "")
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        paragraphs = _html_fallback_paragraphs(html)
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
    if not text.strip():
        raise EmptyDocument("The HTML document contains no text.")
    return CleanedDocument(
        title=title[:500],
        byline=_one_line(found.author or "")[:500],
        published=_html_date(html) or parse_iso_date(found.date),
        text=text,
        language=detect_language(text) or _html_lang(html),
        outlet=_one_line(found.sitename or "")[:200],
        canonical_url=_canonical_url(found.url, url),
    )


def _trafilatura_extract(html: str, *, url: str | None) -> _Extraction:
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(html, url=url, **_TRAFILATURA_OPTIONS)
    if not isinstance(document, Document):  # None: nothing found
        return _Extraction()
    return _Extraction(
        title=document.title,
        author=document.author,
        date=document.date,
        sitename=document.sitename,
        url=document.url,
        paragraphs=_body_paragraphs(document.body) if document.body is not None else [],
    )


def _body_paragraphs(body: Any) -> list[str]:
    """One paragraph per block element of trafilatura's body tree (list items one each)."""
    paragraphs = []
    for element in body.iter():
        if element.tag not in _BLOCK_TAGS or element.tag in {"list", "table", "row", "lb"}:
            continue
        # Nested blocks (a <p> inside a <quote>) are visited on their own; only the text that
        # belongs directly to this block is taken here.
        parts = [element.text or ""]
        for child in element:
            if child.tag not in _BLOCK_TAGS or child.tag == "lb":
                parts.append("".join(child.itertext()) if child.tag != "lb" else " ")
            parts.append(child.tail or "")
        paragraph = _one_line("".join(parts))
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def _html_fallback_paragraphs(html: str) -> list[str]:
    """Whatever text the page has, for malformed HTML trafilatura gives up on."""
    try:
        import lxml.html

        parser = lxml.html.HTMLParser(encoding="utf-8")
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
        for element in tree.xpath("//script|//style|//noscript|//template"):
            element.drop_tree()
        for element in tree.xpath("//br|//p|//div|//li|//h1|//h2|//h3|//h4|//tr|//article"):
            element.tail = "\n" + (element.tail or "")
        raw_text = tree.text_content()
    except Exception:
        raw_text = re.sub(r"<[^>]*>", "\n", html)
    return [line for line in (_one_line(line) for line in raw_text.split("\n")) if line]


_HTML_LANG_RE = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)


def _html_lang(html: str) -> str:
    match = _HTML_LANG_RE.search(html[:4096])
    return match.group(1).lower() if match and len(match.group(1)) == 2 else ""


def _html_date(html: str) -> datetime.date | None:
    try:
        from htmldate import find_date

        found = find_date(html, original_date=True, extensive_search=False)
    except Exception:
        return None
    return parse_iso_date(found)


def _canonical_url(found: str | None, url: str | None) -> str:
    candidate = (found or "").strip()
    if candidate.startswith(("http://", "https://")) and len(candidate) <= 2000:
        return candidate
    return (url or "")[:2000] if (url or "").startswith(("http://", "https://")) else ""


def _one_line(value: str) -> str:
    return " ".join(value.split())
