"""Features of the learnt attribution component, read off an already parsed spaCy Doc.

Three decisions share them: whether a token heads an attribution cue (cue_features), which of a
cue's dependents hold the reported content (child_features), and whether a finished attribution,
from the rules or proposed by the model, is one (attribution_features). Every function is a
constant-time read of the token and its immediate neighbourhood, so scoring a document stays
linear in its length. Features are plain strings; their weights live in model/attribution.json.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Token

from claims.extraction.cues import CUE_NOUNS, INTENT_VERBS, PREP_CUES, SPEECH_VERBS, cue_lemma
from claims.extraction.quotes import find_quotes
from claims.extraction.speakers import Speaker

# Parts of speech a cue head can have ("said", "claim", "clear", "according").
CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_FUNCTION_DEPS = frozenset({"prep", "mark", "agent", "advmod", "prt", "dative", "aux", "neg"})
_QUOTE_STATES = ("out", "first", "in")
_QUOTE_MARKS = "\"“”‘’'"
_PRONOUNS = frozenset("i we you he she they it who this that".split())


def quote_states(text: str, idx: np.ndarray) -> list[str]:
    """Per token of `text` (`idx` are their character offsets): "out" of quotations, "first"
    word of one (the reporter quotes from the cue on: has “promised to ...”) or "in" one."""
    quotes = find_quotes(text)
    states = np.zeros(len(idx), dtype=np.int8)
    if quotes:
        starts = np.array([q.start for q in quotes])
        ends = np.array([q.end for q in quotes])
        k = np.searchsorted(starts, idx, side="right") - 1
        safe = np.maximum(k, 0)
        inside = (k >= 0) & (starts[safe] < idx) & (idx < ends[safe])
        states[inside] = 2
        first = np.searchsorted(idx, starts, side="right")
        first = first[first < len(idx)]
        states[first[inside[first]]] = 1
    return [_QUOTE_STATES[s] for s in states]


def _bucket(n: int, edges: Sequence[int]) -> int:
    return bisect.bisect_right(edges, n)


def _lexicon(word: str) -> str:
    lemma = cue_lemma(word)
    if lemma is None:
        return "noun" if word in CUE_NOUNS else "none"
    if lemma in INTENT_VERBS:
        return "intent"
    if lemma in PREP_CUES and lemma not in SPEECH_VERBS:
        return "prep"
    return "speech"


def cue_features(tok: Token, quote: str, sent_start: int) -> list[str]:
    """Evidence that `tok` heads the cue of an attribution: its word, its place in the parse
    and what hangs off it (a clause, a "that", a preposition, a subject)."""
    w = tok.lower_
    lex = _lexicon(w)
    head = tok.head
    feats = [
        f"w={w}",
        f"lex={lex}",
        f"pos={tok.pos_}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"w|dep={w}|{tok.dep_}",
        f"lex|dep={lex}|{tok.dep_}",
        f"hpos|dep={head.pos_}|{tok.dep_}",
        f"hw={head.lower_}" if head.dep_ != "ROOT" or head is not tok else "hw=ROOT",
        f"q={quote}",
        f"lex|q={lex}|{quote}",
        f"sp={_bucket(tok.i - sent_start, (1, 3, 8, 20))}",
    ]
    doc = tok.doc
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    feats += [f"nx={nxt}", f"w|nx={w}|{nxt}", f"pv={prev}", f"w|pv={w}|{prev}"]
    has_subj = False
    for child in tok.children:
        dep = child.dep_
        feats.append(f"cd={dep}")
        feats.append(f"lex|cd={lex}|{dep}")
        if dep in _FUNCTION_DEPS:
            feats.append(f"w|cd|cw={w}|{dep}|{child.lower_}")
            feats.append(f"cd|cw={dep}|{child.lower_}")
        elif dep in {"ccomp", "xcomp", "dobj", "parataxis", "acl", "attr", "oprd", "advcl"}:
            feats.append(f"w|cd={w}|{dep}")
            feats.append(f"cd|side={dep}|{child.i > tok.i}")
        if dep in _SUBJ:
            has_subj = True
            feats.append(f"subj={child.pos_}|{child.ent_type_}")
            feats.append(f"subjpron={child.lower_ in _PRONOUNS}")
            feats.append(f"lex|subj={lex}|{child.pos_}")
    feats.append(f"lex|hassubj={lex}|{has_subj}")
    return feats


def child_features(cue: Token, child: Token, quote: str) -> list[str]:
    """Evidence that the subtree of `child` is part of what `cue` reports."""
    w = cue.lower_
    lex = _lexicon(w)
    dep = child.dep_
    side = "R" if child.i > cue.i else "L"
    size = child.right_edge.i - child.left_edge.i + 1
    feats = [
        f"d={dep}",
        f"d|s={dep}|{side}",
        f"d|pos={dep}|{child.pos_}",
        f"w|d={w}|{dep}",
        f"lex|d|s={lex}|{dep}|{side}",
        f"cpos|d={cue.pos_}|{dep}",
        f"cdep|d={cue.dep_}|{dep}",
        f"sz|d={_bucket(size, (1, 2, 4, 8, 16))}|{dep}",
        f"q|d={quote}|{dep}",
    ]
    first = child.left_edge.lower_ if child.left_edge.i != child.i else "-"
    feats += [f"d|first={dep}|{first}", f"w|d|first={w}|{dep}|{first}"]
    if dep in _FUNCTION_DEPS or child.pos_ in {"ADP", "SCONJ", "PART"}:
        feats += [f"d|cw={dep}|{child.lower_}", f"w|d|cw={w}|{dep}|{child.lower_}"]
    return feats


@dataclass(frozen=True)
class Candidate:
    """A candidate attribution, from the rules or proposed by the model, as the attribution
    model sees it."""

    origin: str  # rule | learnt
    kind: str
    cue: str
    cue_start: int | None
    start: int
    end: int
    content: str
    speaker: Speaker | None
    parts: int
    cue_score: float
    cue_parse: str  # part of speech and dependency label of the cue's token
    confidence: float  # the rules' own (it tells which rule made it); 0 for proposals


def _starts_with(content: str) -> str:
    first = content[:1]
    if not first:
        return "empty"
    if first in _QUOTE_MARKS:
        return "quote"
    word = content.split()[0].lower()
    if word in {"that", "to", "how", "what", "why", "whether", "if"}:
        return word
    return "upper" if first.isupper() else "lower"


def attribution_features(cand: Candidate, *, nested: bool, overlaps: int) -> list[str]:
    """Evidence that a finished candidate is an attribution the annotators would mark; `nested`
    and `overlaps` place it among the article's other candidates."""
    cue_word = cand.cue.lower().split()[-1] if cand.cue.strip() else "-"
    spk = cand.speaker
    mention = spk.mention.lower() if spk else ""
    pron = mention if mention in _PRONOUNS else ("name" if mention else "none")
    origin, kind = cand.origin, cand.kind
    length = _bucket(len(cand.content.split()), (2, 4, 7, 12, 20, 35, 60))
    cue_band = min(9, int(cand.cue_score * 10))
    starts_with = _starts_with(cand.content)
    overlaps = min(overlaps, 3)
    return [
        f"o={origin}",
        f"o|k={origin}|{kind}",
        f"cue={cue_word}",
        f"o|cue={origin}|{cue_word}",
        f"k|cue={kind}|{cue_word}",
        f"cs={cue_band}",
        f"o|cs={origin}|{cue_band}",
        f"len={length}",
        f"k|len={kind}|{length}",
        f"sk={spk.kind if spk else 'none'}",
        f"spk={pron}",
        f"hs={bool(spk and spk.name)}",
        f"nest={nested}",
        f"k|nest={kind}|{nested}",
        f"ov={overlaps}",
        f"k|ov={kind}|{overlaps}",
        f"parts={min(cand.parts, 3)}",
        f"ci={cand.cue_start is not None and cand.start <= cand.cue_start < cand.end}",
        f"sw={starts_with}",
        f"k|sw={kind}|{starts_with}",
        f"cp={cand.cue_parse}",
        f"o|cp={origin}|{cand.cue_parse}",
        f"conf={cand.confidence:.2f}",
        f"ends={cand.content.rstrip(_QUOTE_MARKS)[-1:] in '.?!'}",
    ]
