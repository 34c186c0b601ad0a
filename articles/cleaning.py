"""Turning a received document (HTML or scraped plain text) into clean body text and metadata.

``clean_document`` is the one entry point. It never touches the database and raises nothing but
``CleaningError``: ingestion stores the message on the article, and the extraction engineer's
``extract_claims`` command prints it.

The clean text is what every character offset in the system points into, so it is built from the
document's own paragraphs, verbatim, separated by blank lines ("\\n\\n").
"""

import codecs
import datetime
import logging
import re
from dataclasses import dataclass

import charset_normalizer

from articles.language import detect_language

logger = logging.getLogger(__name__)

PARAGRAPH_SEPARATOR = "\n\n"


class CleaningError(ValueError):
    """The document cannot be turned into text; the message says why, for a person to read."""


class EmptyDocument(CleaningError):
    pass


class BinaryDocument(CleaningError):
    pass


class UndecodableDocument(CleaningError):
    pass


@dataclass(frozen=True)
class CleanedDocument:
    title: str
    byline: str
    published: datetime.date | None
    text: str
    language: str  # ISO 639-1, or "" when it cannot be told
    outlet: str
    canonical_url: str


def clean_document(
    data: bytes | str, *, content_type: str | None = None, url: str | None = None
) -> CleanedDocument:
    """Clean ``data`` (HTML or plain text, decided from ``content_type`` or by sniffing)."""
    text = decode_document(data, content_type=content_type)
    if not text.strip():
        raise EmptyDocument("The document is empty.")
    if _looks_binary(text):
        raise BinaryDocument("The document is binary, not text.")
    if is_html(text, content_type=content_type):
        return _clean_html(text, url=url)
    return clean_plain_text(text)


# --- Decoding ---------------------------------------------------------------------------------

_MAGIC_NUMBERS = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CHARSET_PARAM_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def decode_document(data: bytes | str, *, content_type: str | None = None) -> str:
    """Decode ``data`` with its BOM, declared charset (header, then <meta>) or a detected one."""
    if isinstance(data, str):
        return data
    if not data.strip():
        raise EmptyDocument("The document is empty.")
    for magic, kind in _MAGIC_NUMBERS.items():
        if data.startswith(magic):
            raise BinaryDocument(f"The document is {kind}, not text or HTML.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # UTF-16/32 text is full of NUL bytes, so the BOM must be honoured before the NUL test.
            return _decode_strict(data, encoding) or _undecodable(encoding)
    if b"\x00" in data:
        raise BinaryDocument("The document is binary (it contains NUL bytes), not text.")
    declared = []
    if content_type and (match := _CHARSET_PARAM_RE.search(content_type)):
        declared.append(match.group(1))
    if match := _META_CHARSET_RE.search(data[:4096]):
        declared.append(match.group(1).decode("ascii", "replace"))
    # Declarations are often wrong (a page that says latin-1 but is UTF-8), so each is only used
    # when it decodes the bytes cleanly; UTF-8 is tried next because a clean UTF-8 decoding of
    # non-ASCII bytes is almost never an accident.
    for encoding in [*declared, "utf-8"]:
        decoded = _decode_strict(data, encoding)
        if decoded is not None:
            return decoded
    legacy = _decode_strict(data, "cp1252")
    if legacy is not None and _reads_as_western_text(legacy):
        return legacy
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise UndecodableDocument(
            "The document's character encoding could not be determined; it may be binary."
        )
    return data.decode(best.encoding, errors="replace")


def _decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


_TYPOGRAPHY = set("“”‘’–—…€«»°£§·•")


def _reads_as_western_text(text: str) -> bool:
    """Whether a windows-1252 reading gives ordinary accented prose.

    windows-1252 is what an undeclared legacy page almost always is (browsers default to it too);
    mostly-ASCII text gives charset detection too little to go on and it picks DOS code pages.
    """
    non_ascii = [char for char in text if ord(char) > 127]
    if not non_ascii or len(non_ascii) > len(text) * 0.3:
        return False
    plausible = sum(1 for char in non_ascii if char.isalpha() or char in _TYPOGRAPHY)
    return plausible >= len(non_ascii) * 0.9


def _undecodable(encoding: str) -> str:
    raise UndecodableDocument(
        f"The document starts with a {encoding} marker but is not {encoding}."
    )


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    return "\x00" in sample or len(_CONTROL_RE.findall(sample)) > max(8, len(sample) // 20)


_HTML_SNIFF_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|section|span|br|h[1-6]|title|meta|a\s)"
    r"[\s>/]",
    re.IGNORECASE,
)


def is_html(text: str, *, content_type: str | None = None) -> bool:
    """HTML when the content type says so, or when tags appear near the start of the text."""
    if content_type:
        media_type = content_type.split(";")[0].strip().lower()
        if "html" in media_type or media_type.endswith("+xml"):
            return True
        if media_type == "text/plain":
            return False
    return bool(_HTML_SNIFF_RE.search(text[:4096]))


# --- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "head", "quote", "list", "item", "table", "row", "cell", "code", "lb"}


def _clean_html(html: str, *, url: str | None) -> CleanedDocument:
    # trafilatura and lxml are third-party parsers fed with untrusted input; anything they raise
    # is a defect of the input as far as this app is concerned, so it downgrades to the fallback
    # instead of escaping as an unexpected exception.
    try:
        document = _trafilatura_extract(html, url=url)
    except Exception:
        logger.warning(
            "trafilatura failed on a document; using the plain-text fallback", exc_info=True
        )
        document = None
    metadata = document or {}
    paragraphs = metadata.get("paragraphs") or []
    title = _one_line(metadata.get("title") or "")
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        paragraphs = _html_fallback_paragraphs(html)
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
    if not text.strip():
        raise EmptyDocument("The HTML document contains no text.")
    language = detect_language(text) or _html_lang(html)
    return CleanedDocument(
        title=title[:500],
        byline=_one_line(metadata.get("author") or "")[:500],
        published=_html_date(html) or _parse_iso_date(metadata.get("date")),
        text=text,
        language=language,
        outlet=_one_line(metadata.get("sitename") or "")[:200],
        canonical_url=_canonical_url(metadata.get("url"), url),
    )


def _trafilatura_extract(html: str, *, url: str | None) -> dict | None:
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    if document is None:
        return None
    result = {
        "title": document.title,
        "author": document.author,
        "date": document.date,
        "sitename": document.sitename,
        "url": document.url,
        "paragraphs": [],
    }
    if document.body is not None:
        result["paragraphs"] = _body_paragraphs(document.body)
    return result


def _body_paragraphs(body) -> list[str]:
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
    return _parse_iso_date(found)


def _parse_iso_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _canonical_url(found: str | None, url: str | None) -> str:
    candidate = (found or "").strip()
    if candidate.startswith(("http://", "https://")) and len(candidate) <= 2000:
        return candidate
    return (url or "")[:2000] if (url or "").startswith(("http://", "https://")) else ""


def _one_line(value: str) -> str:
    return " ".join(value.split())


# --- Scraped plain text -----------------------------------------------------------------------
#
# A page saved as text keeps the site around the article: a header (menu, title, byline, date), links
# to other stories in and after the body, share bars and footers. Each line is judged on its own
# evidence: article paragraphs are long and end like sentences; chrome is short, has no final
# punctuation, is made of known navigation words, or is a headline sitting where no paragraph
# would (glued to the top of a paragraph, after the last paragraph, after a "Next article" label).

# Labels after which the next short lines are headlines of other stories.
LIST_LABELS = frozenset(
    {
        "read more",
        "read next",
        "see also",
        "also read",
        "related",
        "related articles",
        "related stories",
        "related posts",
        "more from",
        "more stories",
        "most read",
        "most popular",
        "trending",
        "recommended",
        "you may also like",
        "previous article",
        "next article",
        "previous",
        "next",
        "previous post",
        "next post",
    }
)
# Lines that are navigation or furniture whatever the site (compared lowercased, without final ":").
CHROME_LINES = LIST_LABELS | frozenset(
    {
        "menu",
        "home",
        "search",
        "date",
        "by",
        "author",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "comments",
        "comment",
        "leave a comment",
        "advertisement",
        "ad",
        "sponsored",
        "sponsored content",
        "skip to content",
        "skip to main content",
        "back to top",
        "subscribe",
        "sign up",
        "sign in",
        "log in",
        "login",
        "newsletter",
        "sign up for our newsletter",
        "subscribe to our newsletter",
        "follow us",
        "tags",
        "topics",
        "all rights reserved",
        "cookie settings",
        "accept cookies",
        "privacy policy",
        "terms of use",
        "contact us",
        "about us",
    }
)
# "Related: Some headline", "Read more: ...", "Tags: a, b", "Follow us on X", "© 2024 Outlet".
_CHROME_PREFIX_RE = re.compile(
    r"^(?:(?:related|read more|read next|see also|also read|more|tags|topics|filed under|"
    r"photo|image|credit|source|advertisement)\s*:|follow us\b|sign up\b|subscribe\b|click here\b|"
    r"share (?:this|on)\b|©|\(c\)\s|copyright\b)",
    re.IGNORECASE,
)
_COPYRIGHT_RE = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?P<owner>[^.|]+?)"
    r"\s*(?:\.|\||all rights reserved|$)",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?:by|written by|author|words by)\s*:?\s+(?P<name>[^|•·\n]+?)\s*(?:[|•·]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_LABEL_ONLY_RE = re.compile(r"^[\w ]{1,30}:$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), None),
    (re.compile(r"\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"), None),
    (
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{_MONTH_NAMES})\.?,?\s+(?P<y>\d{{4}})\b",
            re.I,
        ),
        "mn",
    ),
    (
        re.compile(
            rf"\b(?P<mn>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
            re.I,
        ),
        "mn",
    ),
]
_DATE_LABEL_RE = re.compile(
    r"^(?:date|published|posted|updated|last updated|first published)\b\s*:?\s*", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”»]$")
_ATTRIBUTION_DASH_RE = re.compile(r"\s[–—-]\s\S")

# A paragraph line is a sentence: at least this many words when it ends like one...
PARAGRAPH_MIN_WORDS = 6
# ...and a line this long is a paragraph whatever its ending (a paragraph cut by the scraper).
PARAGRAPH_ANY_ENDING_WORDS = 30
# Headlines and labels are short; longer lines are never dropped as chrome.
HEADLINE_MAX_WORDS = 20


def clean_plain_text(text: str) -> CleanedDocument:
    """Read the header of a scraped page (title, byline, date) and keep only its paragraphs."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = _unwrap(lines)
    first_paragraph = next((i for i, line in enumerate(lines) if _is_paragraph(line)), None)
    if first_paragraph is None:
        # Nothing reads like article prose (a list, a caption, a single line): keep it all rather
        # than guess what is chrome.
        kept = [line for line in lines if line]
        body = PARAGRAPH_SEPARATOR.join(kept)
        if not body:
            raise EmptyDocument("The document is empty.")
        return CleanedDocument(
            title="",
            byline="",
            published=None,
            text=body,
            language=detect_language(body),
            outlet="",
            canonical_url="",
        )
    header = _read_header(lines[:first_paragraph])
    paragraphs, outlet = _body_paragraphs_from_lines(lines[first_paragraph:])
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    return CleanedDocument(
        title=header["title"][:500],
        byline=header["byline"][:500],
        published=header["published"],
        text=body,
        language=detect_language(body),
        outlet=outlet[:200],
        canonical_url="",
    )


# Text hard-wrapped at a fixed width (e-mail, plain-text newsletters) has no line longer than this.
WRAP_MAX_CHARS = 100
# A wrapped line is at least this long; a shorter one ends its paragraph (or is a heading).
WRAP_MIN_CHARS = 40


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into one line per paragraph, when the text is wrapped at all.

    Scraped pages put each paragraph on one (long) line, so any line longer than a terminal is
    taken as proof that the text is not wrapped, and nothing is joined.
    """
    non_empty = [line for line in lines if line]
    if len(non_empty) < 4 or any(len(line) > WRAP_MAX_CHARS for line in non_empty):
        return lines
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        if (
            line
            and len(previous) >= WRAP_MIN_CHARS
            and not _is_chrome(line)
            and not _is_chrome(previous)
            and not _BYLINE_RE.match(previous)
            and not _BYLINE_RE.match(line)
        ):
            joined[-1] = f"{previous} {line}"
        else:
            joined.append(line)
    return joined


def _read_header(lines: list[str]) -> dict:
    """Title, byline and date from the lines above the first paragraph; the rest is chrome."""
    header = {"title": "", "byline": "", "published": None}
    for line in lines:
        if not line:
            continue
        date = _find_date(line)
        if date and header["published"] is None and _is_date_line(line):
            header["published"] = date
            continue
        if match := _BYLINE_RE.match(line):
            if not header["byline"]:
                header["byline"] = match.group("name").strip(" ,;")
            if header["published"] is None and match.group("rest"):
                header["published"] = _find_date(match.group("rest"))
            continue
        if _is_chrome(line) or _LABEL_ONLY_RE.match(line):
            continue
        # The title is the first headline-like line: a kicker ("World") is one or two words, so
        # at least three words are asked for.
        if not header["title"] and len(line.split()) >= 3 and not _ends_sentence(line):
            header["title"] = line
    return header


def _is_date_line(line: str) -> bool:
    """A line that is a date with at most a label and a chrome word or two around it."""
    rest = _DATE_LABEL_RE.sub("", line)
    for pattern, _ in _DATE_PATTERNS:
        rest = pattern.sub("", rest)
    leftover = [word for word in re.split(r"[\s|•·,]+", rest) if word]
    return all(word.lower().strip(":") in CHROME_LINES for word in leftover) or len(leftover) <= 2


def _find_date(line: str) -> datetime.date | None:
    for pattern, month_group in _DATE_PATTERNS:
        for match in pattern.finditer(line):
            month = _MONTHS.get(match.group("mn").lower()) if month_group else int(match.group("m"))
            try:
                return datetime.date(int(match.group("y")), month or 0, int(match.group("d")))
            except ValueError:
                continue
    return None


def _body_paragraphs_from_lines(lines: list[str]) -> tuple[list[str], str]:
    """Keep paragraph lines and the short lines that belong to the article; return the outlet too.

    A short line is dropped when the evidence says it is chrome: known navigation words, a label
    announcing other stories (and the headlines under it), a headline glued to the top of a
    paragraph (how an inline "related story" box comes out of a scraper), a headline standalone
    between paragraphs that carries the "– source" tail of a headline, or anything short after the
    last paragraph. Other short lines (sub-headings, a one-line quote) stay.
    """
    last_paragraph = max(i for i, line in enumerate(lines) if _is_paragraph(line))
    kept: list[str] = []
    outlet = ""
    in_story_list = False
    for index, line in enumerate(lines):
        if not line:
            continue
        if copyright_match := _COPYRIGHT_RE.match(line):
            outlet = outlet or copyright_match.group("owner").strip(" ,")
        if _is_paragraph(line):
            in_story_list = False
            kept.append(line)
            continue
        key = _chrome_key(line)
        if key in LIST_LABELS:
            in_story_list = True
            continue
        if in_story_list or _is_chrome(line) or _LABEL_ONLY_RE.match(line):
            continue
        if index > last_paragraph or _is_glued_headline(lines, index):
            continue
        if _is_standalone(lines, index) and _ATTRIBUTION_DASH_RE.search(line):
            continue
        kept.append(line)
    return kept, outlet


def _is_glued_headline(lines: list[str], index: int) -> bool:
    """A headline on the line right above a paragraph, with a blank line (or nothing) above it."""
    line = lines[index]
    if len(line.split()) > HEADLINE_MAX_WORDS or _ends_sentence(line):
        return False
    above = lines[index - 1] if index > 0 else ""
    below = lines[index + 1] if index + 1 < len(lines) else ""
    return (not above or _ends_sentence(above)) and _is_paragraph(below) and below[:1].isupper()


def _is_standalone(lines: list[str], index: int) -> bool:
    above = lines[index - 1] if index > 0 else ""
    below = lines[index + 1] if index + 1 < len(lines) else ""
    return not above and not below


def _chrome_key(line: str) -> str:
    return " ".join(line.lower().rstrip(":").replace("»", "").replace("›", "").split())


_BREADCRUMB_SEPARATOR_RE = re.compile(r"\s[»›>/|]\s")


def _is_breadcrumb(line: str) -> bool:
    """ "Home » World » Europe": short segments joined by a navigation separator."""
    segments = _BREADCRUMB_SEPARATOR_RE.split(line)
    return len(segments) >= 2 and all(1 <= len(segment.split()) <= 3 for segment in segments)


def _is_chrome(line: str) -> bool:
    return (
        _chrome_key(line) in CHROME_LINES
        or bool(_CHROME_PREFIX_RE.match(line))
        or _is_breadcrumb(line)
    )


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END_RE.search(line))


def _is_paragraph(line: str) -> bool:
    words = len(line.split())
    if words >= PARAGRAPH_ANY_ENDING_WORDS:
        return True
    return words >= PARAGRAPH_MIN_WORDS and _ends_sentence(line) and not _is_chrome(line)
