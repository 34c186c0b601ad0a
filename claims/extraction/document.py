"""The attributions of one parsed chunk of an article, found in a fixed sequence of steps:
quotes, candidate cues, which cue each quote belongs to, speakers, and the records."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from claims.extraction.attach import attach_quotes, resolve_speakers
from claims.extraction.attributions import (
    around,
    cue_clause,
    make,
    make_parts,
    present,
    quote_groups,
)
from claims.extraction.candidates import Candidate, find_candidates
from claims.extraction.layout import clip_to_line, in_spans
from claims.extraction.line_attributions import title_attributions
from claims.extraction.parse import doc_text
from claims.extraction.quotes import Quote, find_quotes, passage_around, passages
from claims.extraction.records import Attribution
from claims.extraction.speakers import SpeakerResolver


@dataclass(frozen=True)
class _Chunk:
    text: str  # the whole article
    quotes: list[Quote]  # the chunk's quotes, in article offsets
    passages: list[Quote]  # the quotes joined into passages, outside headline lines


def extract_doc(
    doc: Doc, text: str, base: int, headlines: list[tuple[int, int]]
) -> list[Attribution]:
    """Attributions of one parsed chunk of `text` that starts at `base`; spans are the
    article's."""
    chunk = _quotes(doc, text, base, headlines)
    cands = _candidates(doc, text, base, headlines)
    owner, continued = attach_quotes(chunk.passages, cands, text)
    resolver = SpeakerResolver(doc)
    # The title is resolved first: the resolver learns entities in text order.
    titled = title_attributions(doc, resolver) if base == 0 else []
    title_end = titled[0].content_end if titled else -1
    resolve_speakers(cands, chunk.passages, resolver)
    attributions = list(titled)
    for cand in cands:
        if (cand.speaker is None and not cand.unsourced) or cand.cue_start < title_end:
            continue
        mine = [chunk.passages[i] for i, c in owner.items() if c is cand]
        attributions += _cue_attributions(chunk, cand, mine)
    return attributions + _continued(chunk, continued)


def _quotes(doc: Doc, text: str, base: int, headlines: list[tuple[int, int]]) -> _Chunk:
    """The chunk's quotes moved to article offsets, and the passages they form; quotes in
    headline lines are no one's speech."""
    quotes = [
        Quote(q.start + base, q.end + base, q.closed, q.continues)
        for q in find_quotes(doc_text(doc))
    ]
    joined = [p for p in passages(quotes, text) if not in_spans(p.start, headlines)]
    return _Chunk(text, quotes, joined)


def _candidates(
    doc: Doc, text: str, base: int, headlines: list[tuple[int, int]]
) -> list[Candidate]:
    """The chunk's candidates in article offsets, sorted by cue; content is cut to the cue's
    line because a parse can run one sentence across paragraphs."""
    cands = find_candidates(doc, base, headlines)
    for cand in cands:
        cand.cue_start += base
        cand.cue_end += base
        if cand.content is not None:
            cand.content = clip_to_line(
                text, cand.cue_start, (cand.content[0] + base, cand.content[1] + base)
            )
    cands.sort(key=lambda c: c.cue_start)
    return cands


def _cue_attributions(chunk: _Chunk, cand: Candidate, mine: list[Quote]) -> list[Attribution]:
    """The attributions of one cue: the quotes it introduces as direct speech, then its
    reported content unless those quotes already cover it."""
    content, direct = _mixed_or_direct(cand.content, mine)
    # A quote attached to the cue makes the attribution surer than the parse alone.
    confident = replace(cand, confidence=max(cand.confidence, 0.85))
    groups = quote_groups(chunk.text, direct, cand) if direct else []
    out = present(
        make_parts(chunk.text, parts, confident, chunk.quotes, "direct") for parts in groups
    )
    if content is None or (
        direct and direct[0].start <= content[0] and content[1] <= direct[-1].end
    ):
        return out
    return out + _reported(chunk, cand, confident, content)


def _mixed_or_direct(
    content: tuple[int, int] | None, mine: list[Quote]
) -> tuple[tuple[int, int] | None, list[Quote]]:
    """The cue's content grown over the quotes that sit inside it (mixed speech), and the
    quotes that stand on their own (direct speech)."""
    direct = []
    for p in mine:
        if (
            content is not None
            and content[0] <= p.start < content[1]
            and (content[0] < p.start or content[1] > p.end + 1)
        ):
            content = (content[0], max(content[1], p.end))
        else:
            direct.append(p)
    return content, direct


def _reported(
    chunk: _Chunk, cand: Candidate, confident: Candidate, content: tuple[int, int]
) -> list[Attribution]:
    """The cue's reported content; a parenthetical cue ("The deal, he said, is dead") is cut
    out of it, and inside one pair of quote marks leaves two direct parts."""
    text = chunk.text
    parts = [content]
    if cand.cue.dep_ == "parataxis":
        clause = cue_clause(cand)
        quote = passage_around(chunk.passages, cand.cue_start)
        if quote is not None and content[0] <= quote.inner_start + 1:
            # “The deal, he said, is dead.”: two direct parts, without the cue clause.
            halves = around(text, (quote.inner_start, quote.inner_end), clause)
            if halves:
                return present(make(text, h, confident, chunk.quotes, "direct") for h in halves)
        parts = around(text, content, clause) or parts
    return present([make_parts(text, parts, cand, chunk.quotes)])


def _continued(chunk: _Chunk, continued: dict[int, Candidate]) -> list[Attribution]:
    """Quotes that carry on the previous quote in a new paragraph, attributed to its speaker
    with less confidence, since the sentence does not name them."""
    out = []
    for i, cand in continued.items():
        if cand.speaker is None:
            continue
        p = chunk.passages[i]
        carried = replace(cand.speaker, mention="", mention_start=None, mention_end=None)
        out.append(
            make(
                chunk.text,
                (p.inner_start, p.inner_end),
                replace(cand, speaker=carried, confidence=0.5),
                chunk.quotes,
                "direct",
            )
        )
    return present(out)
