"""Scraped plain text to clean text: the page's header read for metadata, its chrome dropped.

A page saved as text keeps the site around the article: a header (menu, title, byline, date), links
to other stories in and after the body, share bars and footers. Each line is judged on its own
evidence: article paragraphs are long and end like sentences; chrome is short, has no final
punctuation, is made of known navigation words, or is a headline sitting where no paragraph
would (glued to the top of a paragraph, after the last paragraph, after a "Next article" label).
"""

import datetime
import re
from typing import TypedDict

from articles.cleaning.dates import find_date, without_dates
from articles.cleaning.document import PARAGRAPH_SEPARATOR, CleanedDocument, EmptyDocument
from articles.language import detect_language

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


class _Header(TypedDict):
    title: str
    byline: str
    published: datetime.date | None


def _read_header(lines: list[str]) -> _Header:
    """Title, byline and date from the lines above the first paragraph; the rest is chrome."""
    header: _Header = {"title": "", "byline": "", "published": None}
    for line in lines:
        if not line:
            continue
        date = find_date(line)
        if date and header["published"] is None and _is_date_line(line):
            header["published"] = date
            continue
        if match := _BYLINE_RE.match(line):
            if not header["byline"]:
                header["byline"] = match.group("name").strip(" ,;")
            if header["published"] is None and match.group("rest"):
                header["published"] = find_date(match.group("rest"))
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
    rest = without_dates(line)
    leftover = [word for word in re.split(r"[\s|•·,]+", rest) if word]
    return all(word.lower().strip(":") in CHROME_LINES for word in leftover) or len(leftover) <= 2


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
