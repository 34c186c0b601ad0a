"""Attachment: which cue each quote passage belongs to, and who speaks for each cue."""

from __future__ import annotations

import re

from claims.extraction.candidates import Candidate
from claims.extraction.layout import line_bounds
from claims.extraction.patterns import ATTACH_AFTER_CHARS, QUOTE_VOICE, SENTENCE_BREAK
from claims.extraction.quotes import Quote, passage_around
from claims.extraction.speakers import SpeakerResolver


def attach_quotes(
    passages: list[Quote], cands: list[Candidate], text: str
) -> tuple[dict[int, Candidate], dict[int, Candidate]]:
    """Passage index -> the cue introducing it, and passage index -> the cue of the passage it
    continues without a cue of its own (a new paragraph of the same speaker's quote)."""
    owner: dict[int, Candidate] = {}
    continued: dict[int, Candidate] = {}
    # The latest attributed stretch before the passage: (where it ends, its cue).
    anchor: tuple[int, Candidate] | None = None
    sourced = [c for c in cands if c.speaker_tok is not None]
    next_cue = 0
    for i, p in enumerate(passages):
        while next_cue < len(sourced) and sourced[next_cue].cue_start < p.start:
            cue = sourced[next_cue]
            cue_end = line_bounds(text, cue.cue_start)[1]
            if anchor is None or cue_end > anchor[0]:
                anchor = (min(cue_end, p.start), cue)
            next_cue += 1
        words = len(text[p.inner_start : p.inner_end].split())
        if words < 3 and p.closed and not _opens_sentence(text, p.start):
            continue  # scare quotes belong to the sentence around them; “Okay,” he said does not
        cand = _cue_after(p, cands, text) or _cue_before(p, cands, text)
        prev = i - 1 if i > 0 and (i - 1) in owner else None
        if cand is None and prev is not None:
            gap = text[passages[prev].end : p.start]
            c = owner[prev]
            if "\n" not in gap and len(gap) < 100 and passages[prev].end <= c.cue_start < p.start:
                cand = c  # “X,” he said. “Y.”
        if cand is not None:
            owner[i] = cand
            anchor = (p.end, cand)
            continue
        para_start = text.rfind("\n", 0, p.start) + 1
        if (
            anchor is not None
            and not _cue_inside(p, sourced, next_cue, text)
            and not text[para_start : p.start].strip()
            and words >= 4
        ):
            # A quoted paragraph with no cue, right after an attributed quote or report, carries
            # on the same speaker's words: nothing but the paragraph break may stand between.
            between = text[anchor[0] : p.start]
            if not between.strip() and between.count("\n") <= 2:
                continued[i] = anchor[1]
                anchor = (p.end, anchor[1])
    return owner, continued


def _cue_inside(p: Quote, sourced: list[Candidate], first: int, text: str) -> bool:
    """Whether a cue other than the quoted speaker's own "I think" stands in the paragraph
    from `p` on: then the paragraph has an attribution of its own, maybe further than a cue
    attaches (“...,” Scott Pruitt, the attorney general of ..., said) or inside a quote left
    open (“... outreach,' " he told the group). `first` is the first cue after the passage's
    start; a scan ends at the paragraph's end, so the scans stay linear."""
    end = line_bounds(text, p.end - 1)[1]
    for cand in sourced[first:]:
        if cand.cue_start >= end:
            return False
        tok = cand.speaker_tok
        if tok is not None and tok.lower_ not in QUOTE_VOICE:
            return True
    return False


def _opens_sentence(text: str, char: int) -> bool:
    """Whether `char` starts a line or follows a sentence's end."""
    before = text[text.rfind("\n", 0, char) + 1 : char].rstrip()
    return not before or before[-1] in '.!?:"”’'


def _cue_after(q: Quote, by_pos: list[Candidate], text: str) -> Candidate | None:
    """“...,” Sanders said / “...,” said Sanders."""
    gap_end = q.end + ATTACH_AFTER_CHARS
    for cand in by_pos:
        if cand.cue_start < q.end or cand.cue_start > gap_end:
            continue
        between = text[q.end : cand.cue_start]
        if any(m in between for m in '"“”\n') or SENTENCE_BREAK.search(between):
            return None
        # A quote ending in a full stop ends its sentence; "?" and "!" may still take a cue.
        last = text[q.start : q.end].rstrip("\"“”'’‘ ")[-1:]
        if last == "." or (last in "?!" and between.strip()[:1].isupper()):
            return None
        if cand.speaker_tok is not None:
            return cand
    return None


def _cue_before(q: Quote, by_pos: list[Candidate], text: str) -> Candidate | None:
    """Sanders said: “...” / he said, “...” / (split quote) “...,” he said, “...”."""
    for cand in reversed(by_pos):
        if cand.cue_end > q.start:
            continue
        between = text[cand.cue_end : q.start]
        if "\n" in between and not between.rstrip().endswith(":"):
            return None  # only "He said:" may introduce a quote set in its own paragraph
        if len(between.strip()) > 60 or re.search(r"[.!?\"“”]", between):
            return None
        if cand.speaker_tok is None:
            return None
        tail = between.rstrip()
        if tail.endswith((":", ",")) or tail.lower().endswith("that") or not tail:
            return cand
        return None
    return None


def resolve_speakers(
    cands: list[Candidate], passages: list[Quote], resolver: SpeakerResolver
) -> None:
    """Set each candidate's speaker, in text order so that pronouns find the latest entity."""
    for cand in cands:
        if cand.speaker_tok is None:
            continue
        in_quote = passage_around(passages, cand.cue_start) is not None
        if in_quote and cand.speaker_tok.lower_ in QUOTE_VOICE:
            # "I think ..." inside someone's quote is part of that quote, not a new attribution.
            continue
        cand.speaker = resolver.resolve(cand.speaker_tok)
