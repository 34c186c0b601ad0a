"""Quotation spans in raw article text, robust to mixed quote styles and unbalanced marks.

A quote mark's role (opening or closing) is decided by its neighbours rather than its glyph, since
scraped text mixes straight and curly marks and sometimes uses ” to open a paragraph.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

DOUBLE_MARKS = frozenset('"“”„«»')
SINGLE_MARKS = frozenset("'‘’‚")
_NOMINAL_OPENERS = frozenset("“„«‘‚")
_BEFORE_OPENER = frozenset("([{—–-/:")
_AFTER_CLOSER = frozenset(".,;:!?)]}—–-…")
# A runaway quote (missing closing mark) must not swallow the rest of the article.
_MAX_QUOTE_CHARS = 6000


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark, or the paragraph end when the quote is left open
    closed: bool
    continues: bool  # left open because the next paragraph reopens it (news convention)

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


def _role(text: str, i: int) -> str:
    """'open', 'close' or '' (an apostrophe or an undecidable mark)."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    can_open = (prev.isspace() or prev in _BEFORE_OPENER) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSER or nxt in "\"'”’")
    if text[i] in SINGLE_MARKS and prev.isalnum() and nxt.isalnum():
        return ""
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if can_open and can_close:
        return "open" if text[i] in _NOMINAL_OPENERS else "close"
    return ""


def _paragraph_end(text: str, i: int) -> int:
    nl = text.find("\n", i)
    end = len(text) if nl == -1 else nl
    while end > i and text[end - 1].isspace():
        end -= 1
    return end


def _next_paragraph_opens_quote(text: str, para_end: int) -> bool:
    j = para_end
    while j < len(text) and text[j].isspace():
        j += 1
    return j < len(text) and text[j] in DOUBLE_MARKS and _role(text, j) == "open"


def find_quotes(text: str) -> list[Quote]:
    """Top-level quotations, in text order; single-quoted passages inside double quotes are
    part of the outer quote."""
    quotes: list[Quote] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        is_double = ch in DOUBLE_MARKS
        if not (is_double or ch in SINGLE_MARKS) or _role(text, i) != "open":
            i += 1
            continue
        marks = DOUBLE_MARKS if is_double else SINGLE_MARKS
        para_end = _paragraph_end(text, i)
        limit = min(para_end, i + _MAX_QUOTE_CHARS)
        j = i + 1
        close = -1
        depth = 1  # same-style quotes nested inside: “... he calls “hell” ...”
        while j < limit:
            if text[j] in marks:
                role = _role(text, j)
                if role == "close":
                    depth -= 1
                    if depth == 0:
                        close = j
                        break
                elif role == "open" and is_double:
                    depth += 1
            j += 1
        if close >= 0:
            quotes.append(Quote(i, close + 1, closed=True, continues=False))
            i = close + 1
        elif is_double and j >= limit and limit == para_end and para_end > i + 1:
            continues = _next_paragraph_opens_quote(text, para_end)
            quotes.append(Quote(i, para_end, closed=False, continues=continues))
            i = para_end
        else:
            i += 1
    return quotes


def passages(quotes: list[Quote], text: str) -> list[Quote]:
    """Quotes that read as one passage: “A,” “B.” side by side, or a quote reopened in the next
    paragraph."""
    runs: list[list[Quote]] = []
    for q in quotes:
        if runs:
            prev = runs[-1][-1]
            gap = text[prev.end : q.start]
            if prev.continues or (not gap.strip(" ,\t\u00a0") and "\n" not in gap):
                runs[-1].append(q)
                continue
        runs.append([q])
    return [Quote(run[0].start, run[-1].end, run[-1].closed, run[-1].continues) for run in runs]


def passage_around(passages: list[Quote], char: int) -> Quote | None:
    """The passage whose marks enclose `char`; `passages` are disjoint and in text order."""
    i = bisect.bisect_left(passages, char, key=lambda p: p.start) - 1
    return passages[i] if i >= 0 and char < passages[i].end else None
