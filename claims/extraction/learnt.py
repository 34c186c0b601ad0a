"""A learnt pass over the rule-based attributions of one article.

Three logistic-regression models trained on PolNeAR's train split (scripts/train_attribution.py;
weights in model/attribution.json, the texts are not shipped) revise what the rules found:

1. the cue model scores every content word as the head of an attribution cue, which finds the
   many reporting, stance and evidence verbs outside the rules' lexicon ("voted to", "signed");
2. for a likely cue that no rule attribution uses, the content model picks which of the cue's
   dependents hold the reported content, and the cue's subject is its source;
3. the attribution model then accepts or rejects every candidate, from the rules or proposed,
   on its cue, kind, length, speaker and its place among the others (nested, overlapping).

Everything is a dictionary lookup per feature on the already parsed Doc: no parsing, no
scikit-learn at run time.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
from spacy import symbols
from spacy.attrs import IDX, LOWER, POS, SENT_START
from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub entry
from spacy.tokens import Doc, Token

from claims.extraction.cues import EXCHANGE_NOUNS, cue_text_kind
from claims.extraction.learnt_features import (
    CUE_POS,
    Candidate,
    attribution_features,
    child_features,
    cue_features,
    quote_states,
)
from claims.extraction.raising import RAISING, acting_subject
from claims.extraction.speakers import Speaker, SpeakerResolver

MODEL_PATH = Path(__file__).with_name("model") / "attribution.json"

_SUBJ = frozenset({"nsubj", "csubj"})
# Dependencies through which a cue without a subject takes its governor's: "... and later
# added", "was able to tout", "stopped short of calling", "..., saying".
_CLIMB = frozenset({"conj", "xcomp", "advcl", "acomp", "pcomp", "prep", "pobj"})
_QUOTE_CHARS = "\"“”‘’'"
# The rules' confidence in a quotation attached to its cue (0.85) or closed by a dash and a
# name (0.8).
_QUOTED = 0.8
_LINE_ENDS = frozenset(".!?:\"”’')]…")
_POINTERS = frozenset("it this that these those so such the his her their its".split())


class AttributionLike(Protocol):
    """What the pass reads from an attribution (claims.extraction.pipeline.Attribution)."""

    @property
    def content(self) -> str: ...
    @property
    def content_start(self) -> int: ...
    @property
    def content_end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def cue(self) -> str: ...
    @property
    def cue_start(self) -> int | None: ...
    @property
    def speaker(self) -> Speaker | None: ...
    @property
    def confidence(self) -> float: ...
    @property
    def parts(self) -> tuple[tuple[int, int], ...]: ...


A = TypeVar("A", bound=AttributionLike)


@dataclass(frozen=True)
class LinearModel:
    """Binary logistic regression over string features."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: Iterable[str]) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))

    def to_json(self) -> dict[str, Any]:
        return {"bias": self.bias, "threshold": self.threshold, "weights": self.weights}


@dataclass(frozen=True)
class AttributionModel:
    cue: LinearModel
    child: LinearModel
    attribution: LinearModel
    # Hashes (the Doc's LOWER attribute) of the words that headed cues in the training data.
    cue_words: frozenset[int]
    vocabulary: tuple[str, ...]


def word_hashes(words: Iterable[str]) -> frozenset[int]:
    return frozenset(hash_string(w) for w in words)


@functools.cache
def load_model(path: Path = MODEL_PATH) -> AttributionModel:
    """The shipped weights, read once per process."""
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return AttributionModel(
        LinearModel.from_json(data["cue"]),
        LinearModel.from_json(data["child"]),
        LinearModel.from_json(data["attribution"]),
        word_hashes(data["cue_words"]),
        tuple(data["cue_words"]),
    )


# -- reading the parse --------------------------------------------------------------------------


_POS_IDS = np.array([symbols.IDS[p] for p in sorted(CUE_POS)], dtype=np.uint64)


@dataclass
class ParsedChunk:
    """One parsed chunk of the article with the per-token facts the models read, taken from
    the Doc's arrays so that only the tokens worth scoring become Token objects."""

    base: int
    doc: Doc
    idx: np.ndarray  # character offset of each token in the chunk
    lower: np.ndarray  # hash of each token's lowercase form
    pos: np.ndarray
    sent_start: np.ndarray  # index of the first token of each token's sentence
    sent_end: np.ndarray  # index just past its sentence's last token
    quote: list[str]  # out | first | in, per token (see learnt_features.quote_states)

    @classmethod
    def read(cls, base: int, doc: Doc, text: str) -> ParsedChunk:
        """`doc` parses `text` from character `base` on (the article and the chunk's offset)."""
        arr = doc.to_array([IDX, LOWER, POS, SENT_START])
        n = len(doc)
        positions = np.arange(n)
        is_start = arr[:, 3] == 1
        if n:
            is_start[0] = True
        sent_start = np.maximum.accumulate(np.where(is_start, positions, 0))
        next_start = np.where(is_start, positions, n)[::-1]
        sent_end = np.append(np.minimum.accumulate(next_start)[::-1][1:], n)
        idx = arr[:, 0].astype(np.int64)
        chunk = text[base : base + doc[-1].idx + len(doc[-1].text_with_ws)] if n else ""
        return cls(
            base, doc, idx, arr[:, 1], arr[:, 2], sent_start, sent_end, quote_states(chunk, idx)
        )

    def token_at(self, char: int) -> Token | None:
        i = int(np.searchsorted(self.idx, char - self.base, side="right")) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if char < tok.idx + self.base + len(tok.text) else None

    def cue_candidates(self, words: frozenset[int]) -> list[Token]:
        """Tokens whose word headed cues in the training data, in a part of speech cues have."""
        lower = self.lower
        return [
            self.doc[int(i)]
            for i in np.flatnonzero(np.isin(self.pos, _POS_IDS))
            if int(lower[i]) in words
        ]


def cue_scores(chunk: ParsedChunk, model: AttributionModel) -> dict[int, float]:
    """Token index -> probability that the token heads a cue, for the cue candidates."""
    return {
        tok.i: model.cue.probability(
            cue_features(tok, chunk.quote[tok.i], int(chunk.sent_start[tok.i]))
        )
        for tok in chunk.cue_candidates(model.cue_words)
    }


def content_children(cue: Token) -> list[Token]:
    """Dependents of a cue that may carry its content (the subject and punctuation never do)."""
    return [c for c in cue.children if not c.is_punct and not c.is_space and c.dep_ not in _SUBJ]


def content_tokens(chunk: ParsedChunk, cue: Token, chosen: Sequence[Token]) -> list[Token]:
    """The tokens from the first chosen dependent's subtree to the last one's, kept within the
    cue's sentence and paragraph."""
    if not chosen:
        return []
    doc = chunk.doc
    lo = max(min(c.left_edge.i for c in chosen), int(chunk.sent_start[cue.i]))
    hi = min(max(c.right_edge.i for c in chosen) + 1, int(chunk.sent_end[cue.i]))
    tokens = list(doc[lo:hi])
    if cue.i < lo:
        cut = next((k for k, t in enumerate(tokens) if "\n" in t.text), len(tokens))
        tokens = tokens[:cut]
    elif cue.i >= hi:
        cut = max((k for k, t in enumerate(tokens) if "\n" in t.text), default=-1)
        tokens = tokens[cut + 1 :]
    return tokens


def char_span(tokens: Sequence[Token], base: int) -> tuple[int, int] | None:
    """Character span of `tokens` without the spaces and punctuation at either end (quote
    marks stay: they show the words are the speaker's)."""
    words = [t for t in tokens if not t.is_space]
    while words and words[-1].is_punct and words[-1].text not in _QUOTE_CHARS:
        words.pop()
    while words and words[0].is_punct and words[0].text not in _QUOTE_CHARS:
        words.pop(0)
    if not words:
        return None
    return base + words[0].idx, base + words[-1].idx + len(words[-1].text)


def source_token(cue: Token) -> Token | None:
    """Who the cue's words belong to: its subject, climbing conjuncts and complements ("...
    and later added"), the agent of a passive, the possessor of a noun ("his claim") or the
    object of "according to"."""
    if cue.lower_ in RAISING:
        return None
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    tok = cue
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in _SUBJ and child.pos_ != "SCONJ":
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.dep_ == "poss" and tok.pos_ == "NOUN":
                return child
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            return None
        if tok.dep_ in {"relcl", "acl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
            return tok.head
        if tok.dep_ not in _CLIMB or tok.head is tok:
            return None
        tok = tok.head
    return None


@dataclass(frozen=True)
class Proposal:
    """A cue of the model's own, with content picked by the content model."""

    cue: Token
    cue_score: float
    start: int
    end: int
    source: Token | None


def propose(
    chunk: ParsedChunk, scores: dict[int, float], model: AttributionModel, taken: set[int]
) -> list[Proposal]:
    """Attributions for likely cues whose character offset is not in `taken`."""
    out = []
    for i, score in scores.items():
        if score < model.cue.threshold:
            continue
        cue = chunk.doc[i]
        if chunk.base + cue.idx in taken:
            continue
        chosen = [
            c
            for c in content_children(cue)
            if model.child.probability(child_features(cue, c, chunk.quote[c.i]))
            >= model.child.threshold
        ]
        span = char_span(content_tokens(chunk, cue, chosen), chunk.base)
        if span is None:
            continue
        out.append(Proposal(cue, score, span[0], span[1], source_token(cue)))
    return out


# -- judging candidates -------------------------------------------------------------------------


def candidate_features(cands: Sequence[Candidate]) -> list[list[str]]:
    """Features of each candidate, read in the context of all the article's candidates."""
    by_start = sorted(range(len(cands)), key=lambda k: cands[k].start)
    starts = [cands[k].start for k in by_start]
    out: list[list[str]] = [[] for _ in cands]
    # The candidates overlapping one are those before it (in order of start) that reach past
    # its start, kept in one sweep, and those after it that start before its end.
    reaching: list[int] = []
    for pos, k in enumerate(by_start):
        c = cands[k]
        reaching = [j for j in reaching if cands[j].end > c.start]
        later = by_start[pos + 1 : bisect.bisect_left(starts, c.end)]
        others = [cands[j] for j in (*reaching, *later) if cands[j].end > c.start]
        nested = c.cue_start is not None and any(o.start <= c.cue_start < o.end for o in others)
        out[k] = attribution_features(c, nested=nested, overlaps=len(others))
        reaching.append(k)
    return out


def _resolve(resolver: SpeakerResolver, tok: Token | None, base: int) -> Speaker | None:
    if tok is None:
        return None
    speaker = resolver.resolve(tok)
    if base and speaker.mention_start is not None and speaker.mention_end is not None:
        speaker = replace(
            speaker,
            mention_start=speaker.mention_start + base,
            mention_end=speaker.mention_end + base,
        )
    return speaker


def candidates(
    text: str,
    chunks: Sequence[ParsedChunk],
    attributions: Sequence[AttributionLike],
    model: AttributionModel,
) -> list[Candidate]:
    """The rule attributions followed by the model's proposals, as candidates."""
    scores = [cue_scores(chunk, model) for chunk in chunks]
    bases = [chunk.base for chunk in chunks]

    def cue_at(char: int | None) -> tuple[float, str]:
        """The cue model's score and the parse label of the token at `char`."""
        k = bisect.bisect_right(bases, char) - 1 if char is not None else -1
        tok = chunks[k].token_at(char) if k >= 0 and char is not None else None
        if tok is None:
            return 0.0, "-"
        return scores[k].get(tok.i, 0.0), f"{tok.pos_}|{tok.dep_}"

    out = [
        Candidate(
            "rule",
            a.kind,
            a.cue,
            a.cue_start,
            a.content_start,
            a.content_end,
            a.content,
            a.speaker,
            len(a.parts),
            *cue_at(a.cue_start),
            a.confidence,
        )
        for a in attributions
    ]
    taken = {a.cue_start for a in attributions if a.cue_start is not None}
    for chunk, chunk_scores in zip(chunks, scores, strict=True):
        resolver = SpeakerResolver(chunk.doc)
        for p in propose(chunk, chunk_scores, model, taken):
            cue_start = chunk.base + p.cue.idx
            out.append(
                Candidate(
                    "learnt",
                    "direct" if text[p.start] in _QUOTE_CHARS else "indirect",
                    p.cue.text,
                    cue_start,
                    p.start,
                    p.end,
                    text[p.start : p.end],
                    _resolve(resolver, p.source, chunk.base),
                    0,
                    p.cue_score,
                    f"{p.cue.pos_}|{p.cue.dep_}",
                    0.0,
                )
            )
    return out


def _holder(chunks: Sequence[ParsedChunk], cue_start: int) -> Speaker | None:
    """The speaker of an accepted raising verb whose subject holds a view and is said to act
    (``claims.extraction.raising``). The judge saw such cues without a source ("Turnout appears
    to have fallen" is the writer's hedge), so the subject is added only once the attribution is
    kept."""
    bases = [chunk.base for chunk in chunks]
    chunk = chunks[bisect.bisect_right(bases, cue_start) - 1]
    cue = chunk.token_at(cue_start)
    subject = acting_subject(cue) if cue is not None else None
    return _resolve(SpeakerResolver(chunk.doc), subject, chunk.base) if subject else None


def _quoted(text: str, attribution: AttributionLike) -> bool:
    """A quotation the rules tied to its cue or to a name after a dash, or one that opens on
    the cue (Smith has “promised to ...”). These stay even where PolNeAR leaves them
    unannotated, as when a spokesman reports a minister: the reviewer needs them to see who
    reported whom. The model also saw too few dash-closed quotes to judge them."""
    cue = attribution.cue_start
    return (attribution.kind == "direct" and attribution.confidence >= _QUOTED) or (
        cue is not None and cue > 0 and text[cue - 1] in '“"‘'
    )


def _checkable(text: str, cand: Candidate) -> bool:
    """The rules' conditions on any attribution: not from a headline-like line (one without
    closing punctuation), and content that says something rather than pointing back ("this",
    "the claim")."""
    cue = cand.cue_start if cand.cue_start is not None else cand.start
    line_end = text.find("\n", cue)
    line = text[text.rfind("\n", 0, cue) + 1 : len(text) if line_end == -1 else line_end]
    if line.rstrip()[-1:] not in _LINE_ENDS:
        return False
    words = cand.content.lower().split()
    if _bare_exchange(words):
        return False
    return len(words) > 2 or not (words and words[0] in _POINTERS)


def _bare_exchange(words: list[str]) -> bool:
    """The rules' test for an exchange named without its content ("denied a request for
    comment"): an exchange noun up front and no "to"/"that" clause saying what was asked."""
    head = [w for w in words[:3] if w not in {"a", "an", "the", "his", "her", "their", "its"}]
    return bool(head) and head[0] in EXCHANGE_NOUNS and not {"to", "that"} & set(words)


def revise(
    text: str,
    docs: Sequence[tuple[int, Doc]],
    attributions: Sequence[A],
    *,
    make: Callable[..., A],
    model: AttributionModel | None = None,
) -> list[A]:
    """The attributions the attribution model accepts, rule-based or proposed, in text order.

    `docs` are the article's parsed chunks with their character offsets; `make` builds a new
    attribution from keyword fields (the pipeline's Attribution class).
    """
    model = model or load_model()
    chunks = [ParsedChunk.read(base, doc, text) for base, doc in docs]
    cands = candidates(text, chunks, attributions, model)
    probs = [model.attribution.probability(f) for f in candidate_features(cands)]
    kept: list[A] = []
    for k, (cand, p) in enumerate(zip(cands, probs, strict=True)):
        if k < len(attributions):
            if p >= model.attribution.threshold or _quoted(text, attributions[k]):
                kept.append(attributions[k])
            continue
        if p < model.attribution.threshold or not _checkable(text, cand):
            continue
        assert cand.cue_start is not None
        speaker = cand.speaker or _holder(chunks, cand.cue_start)
        kept.append(
            make(
                content=cand.content,
                content_start=cand.start,
                content_end=cand.end,
                kind=cand.kind,
                cue=cand.cue,
                cue_start=cand.cue_start,
                cue_end=cand.cue_start + len(cand.cue),
                cue_kind=cue_text_kind(cand.cue),
                speaker=speaker,
                confidence=round(p, 3),
            )
        )
    return sorted(kept, key=lambda a: (a.content_start, a.content_end))
