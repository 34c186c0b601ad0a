"""Attribution records from a candidate and a span of its content: the span trimmed, its kind
(direct, mixed, indirect) read off the quotes, content that only points back ("that account")
dropped, and the parts a cue clause cuts it into."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from claims.extraction.candidates import Candidate
from claims.extraction.layout import trim
from claims.extraction.patterns import ANAPHOR_DETERMINERS, ANAPHORS, REFERRING_NOUNS
from claims.extraction.quotes import Quote
from claims.extraction.records import Attribution


def present(attributions: Iterable[Attribution | None]) -> list[Attribution]:
    """The attributions that were made (make() gives None for a span that is no statement)."""
    return [att for att in attributions if att is not None]


def _kind(start: int, end: int, quotes: list[Quote]) -> str:
    for q in quotes:
        if q.inner_start <= start and end <= q.inner_end + 1:
            return "direct"
    if any(start <= q.start and q.end <= end + 1 for q in quotes):
        return "mixed"
    return "indirect"


def anaphoric(content: str) -> bool:
    """Whether reported content only points back at earlier speech ("this", "that account",
    "the claim"): no statement a reviewer could check."""
    words = re.findall(r"[\w’']+", content.lower())
    if not words:
        return True  # only punctuation: nothing anyone said
    if len(words) == 1:
        return words[0] in ANAPHORS
    return (
        len(words) <= 3
        and words[0] in ANAPHOR_DETERMINERS
        and all(w in REFERRING_NOUNS for w in words[1:])
    )


def make(
    text: str, span: tuple[int, int], cand: Candidate, quotes: list[Quote], kind: str | None = None
) -> Attribution | None:
    """The attribution of `cand` with content `span`; its kind from the quotes unless given."""
    start, end = trim(text, *span)
    if end - start < 2 or (kind != "direct" and anaphoric(text[start:end])):
        return None
    return Attribution(
        content=text[start:end],
        content_start=start,
        content_end=end,
        kind=kind or _kind(start, end, quotes),
        cue=cand.cue_text,
        cue_start=cand.cue_start,
        cue_end=cand.cue_end,
        speaker=cand.speaker,
        confidence=cand.confidence,
        cue_kind=cand.cue_kind,
    )


def make_parts(
    text: str,
    parts: list[tuple[int, int]],
    cand: Candidate,
    quotes: list[Quote],
    kind: str | None = None,
) -> Attribution | None:
    """One attribution whose content runs from the first part to the last; `parts` is set only
    when there are several (the words between them are not the speaker's)."""
    att = make(text, (parts[0][0], parts[-1][1]), cand, quotes, kind)
    if att is None or len(parts) < 2:
        return att
    return replace(att, parts=tuple(parts))


def _trim_part(text: str, start: int, end: int) -> tuple[int, int]:
    """A part of a quotation without the spaces, commas and dashes left where a cue cut it."""
    start, end = trim(text, start, end)
    while end > start and (text[end - 1] in ",;—–-" or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in ",;—–-" or text[start].isspace()):
        start += 1
    return start, end


def quote_groups(text: str, direct: list[Quote], cand: Candidate) -> list[list[tuple[int, int]]]:
    """The quote passages of one cue as attributions, each given by its parts.

    “X,” he said, “Y.” gives two attributions, X and Y, so that neither runs over "he said".
    “X,” he said. “Y.” stays one attribution with parts X and Y: PolNeAR annotates it as one
    relation, and splitting it measurably cost precision on the dev set.
    """
    before = [p for p in direct if p.end <= cand.cue_start]
    after = [p for p in direct if p.end > cand.cue_start]
    spans = [(g[0].inner_start, g[-1].inner_end) for g in (before, after) if g]
    parts = [_trim_part(text, *span) for span in spans]
    if len(parts) == 2 and re.search(r"[.!?]", text[cand.cue_end : after[0].start]):
        return [parts]
    return [[part] for part in parts]


def cue_clause(cand: Candidate) -> tuple[int, int]:
    """Character span of a parenthetical cue clause: "he said" in "The deal, he said, is dead"."""
    base = cand.cue_start - cand.cue.idx
    words = [t for t in cand.cue.subtree if not t.is_punct] or [cand.cue]
    return base + words[0].idx, base + words[-1].idx + len(words[-1].text)


def around(text: str, span: tuple[int, int], clause: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of `span` on either side of `clause`, or [] if the clause does not cut it."""
    if not span[0] < clause[0] < clause[1] < span[1]:
        return []
    parts = [_trim_part(text, span[0], clause[0]), _trim_part(text, clause[1], span[1])]
    return parts if all(e - s >= 2 for s, e in parts) else []
