"""The layout of raw article text: lines, lines that read as headlines, paragraph-aligned chunks
for parsing, and sentences found without a parse."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from claims.extraction.patterns import CLOSED_LINE, SENTENCE

# The rules resolve speakers within a section of the article: longer texts are cut into
# paragraph-aligned sections of about this size, losing only coreference across sections, so
# that the work per section is bounded and a long text costs in proportion to its length.
CHUNK_CHARS = 50_000
# spaCy's memory grows with the length of the documents in a batch: each section is parsed in
# pieces of whole lines of at most about this size, then put back together as one Doc.
PARSE_CHARS = 5_000


# Longer lines without closing punctuation are prose that lost its full stop, not headlines.
_HEADLINE_WORDS = 25
# The article's last line may be a bio or an embedded post that ends without a full stop.
_LAST_LINE_PROSE_WORDS = 10


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines that read like headlines or site chrome (short, no closing
    punctuation); no attribution is taken from them."""
    spans = []
    pos = 0
    lines = text.split("\n")
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for i, line in enumerate(lines):
        stripped = line.strip()
        words = len(stripped.split())
        prose = words > _HEADLINE_WORDS or (i == last and i > 0 and words > _LAST_LINE_PROSE_WORDS)
        if stripped and not prose and not CLOSED_LINE.search(stripped):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def in_spans(char: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `char` falls in one of the sorted, disjoint `spans`."""
    i = bisect.bisect_right(spans, (char, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= char < spans[i][1]


def chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """(offset, piece) pieces of `text` of about `size` characters (CHUNK_CHARS by default),
    cut after a line end where there is one in the piece's second half, else after a sentence's
    end or a space."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            end = _cut(text, start + size // 2, end)
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _cut(text: str, lo: int, hi: int) -> int:
    """Where to end a piece between `lo` and `hi`: after the last line end, else after the last
    sentence end, else after the last space; `hi` when there is none."""
    cut = text.rfind("\n", lo, hi)
    if cut != -1:
        return cut + 1
    sentence = max(text.rfind(f"{mark} ", lo, hi - 1) for mark in ".!?")
    if sentence != -1:
        return sentence + 2
    cut = text.rfind(" ", lo, hi)
    return cut + 1 if cut != -1 else hi


def line_bounds(text: str, char: int) -> tuple[int, int]:
    """Start and end of the line holding `char`."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end == -1 else end


def clip_to_line(text: str, cue: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """The part of `span` on the cue's line, None if there is none."""
    line_start, line_end = line_bounds(text, cue)
    start, end = max(span[0], line_start), min(span[1], line_end)
    return (start, end) if end > start else None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """start..end without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Trimmed spans of the sentences of `text`, cut at sentence punctuation and line ends."""
    for m in SENTENCE.finditer(text):
        yield trim(text, m.start(), m.end())
