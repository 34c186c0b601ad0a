"""Check-worthiness of a sentence from a shipped linear model (no scikit-learn at runtime).

The model reads a sentence the extraction pipeline has already parsed (a spaCy Span or Doc): word uni-
and bigrams plus what the parse tells about it — numbers, percentages and sums of money, named
entities, comparatives and superlatives, tense and modal verbs, who the subject is (I / we / you / a
named entity), negation, the root verb and its dependents, length. Plain text is accepted too and
parsed first, which costs a parse per sentence; callers that hold the parse should pass spans.

The weights in model/checkworthiness.json are produced by scripts/train_checkworthiness.py from the
CLEF-2024 CheckThat! Task 1 English data (derived from ClaimBuster); the sentences themselves are not
shipped. Scores are probabilities calibrated on the dev split so that 0.5 is the decision point.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from claims.extraction.parse import doc_text

MODEL_PATH = Path(__file__).with_name("model") / "checkworthiness.json"
DECISION = 0.5

Sentence = str | Span | Doc

_DIGIT = re.compile(r"\d")
_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_MODALS = frozenset(
    {"will", "would", "could", "should", "might", "must", "can", "may", "shall"}
    | {"'ll", "'d", "wo", "ca"}
)
_PERCENT = frozenset({"%", "percent", "percentage"})
_MONEY = frozenset({"$", "dollar", "dollars", "cents", "million", "billion", "trillion"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_DEPENDENTS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "prep", "advmod"})


def _word(tok: Token) -> str:
    return "<num>" if tok.like_num or _DIGIT.search(tok.text) else tok.lower_


def _person(tok: Token) -> str:
    """Who a subject is: first person singular or plural, second person, another pronoun, or the
    entity type or part of speech of anything else."""
    low = tok.lower_
    if low in _FIRST_SINGULAR:
        return "1s"
    if low in _FIRST_PLURAL:
        return "1p"
    if low in _SECOND:
        return "2"
    if tok.pos_ == "PRON":
        return "pron"
    return tok.ent_type_ or tok.pos_


def _root_features(root: Token) -> list[str]:
    """The main verb: its tag or modal, its subject's person, negation and its dependents."""
    aux = [c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")]
    modal = next((a for a in aux if a in _MODALS), None)
    tense = f"md:{modal}" if modal else root.tag_
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    person = _person(subject) if subject is not None else "none"
    feats = [
        f"rt:{root.tag_}",
        f"rw:{root.lower_}",
        f"rv:{root.lower_}|{tense}",
        f"subj:{person}",
        f"x:{person}|{tense}",
    ]
    feats += [f"raux:{a}" for a in aux]
    feats += [f"d:{root.lower_}>{c.dep_}>{c.tag_}" for c in root.children if c.dep_ in _DEPENDENTS]
    if any(c.dep_ == "neg" for c in root.children):
        feats.append(f"x:{person}|neg")
    return feats


def entity_labels(span: Span) -> list[str]:
    """Labels of the named entities wholly inside `span`, as Span.ents gives them, read off the
    span's own tokens: Span.ents walks every entity of the document, which made scoring the
    sentences of a long article quadratic."""
    doc = span.doc
    labels = []
    for tok in span:
        if tok.ent_iob_ != "B":
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= span.end:
            labels.append(tok.ent_type_)
    return labels


def features(sentence: Span | Doc) -> set[str]:
    """Binary features of a parsed sentence (numbers folded to one shape)."""
    span = sentence[:] if isinstance(sentence, Doc) else sentence
    toks = [t for t in span if not t.is_space]
    words = [_word(t) for t in toks if not t.is_punct or t.text in "%?"]
    feats = {f"w:{w}" for w in words}
    feats.update(f"b:{a} {b}" for a, b in itertools.pairwise(["<s>", *words, "</s>"]))
    lows = [t.lower_ for t in toks]
    labels = entity_labels(span)
    ents = set(labels)
    feats.update(f"e:{e}" for e in ents)
    feats.update(f"ee:{a}|{b}" for a, b in itertools.combinations(sorted(ents), 2))
    feats.add(f"ne:{min(len(labels), 4)}")
    numbers = sum(1 for t in toks if t.like_num)
    feats.add(f"nnum:{min(numbers, 3)}")
    for tok in toks:
        feats.add(f"t:{tok.tag_}")
        if tok.tag_ in ("JJR", "RBR"):
            feats.add("comp")
        elif tok.tag_ in ("JJS", "RBS"):
            feats.add("sup")
        elif tok.tag_ == "MD":
            feats.add(f"md:{tok.lower_}")
        if tok.dep_ == "neg":
            feats.add("neg")
        if "Past" in tok.morph.get("Tense", []):
            feats.add("past")
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            feats.add(f"v:{tok.tag_}")
    if _PERCENT.intersection(lows):
        feats.add("pct")
    if _MONEY.intersection(lows):
        feats.add("money")
    if numbers and "past" in feats:
        feats.add("num&past")
    if toks:
        feats.update(_root_features(span.root))
    n = len(toks)
    feats.add(f"len:{min(n // 4, 12)}")
    if n <= 6:
        feats.add("short")
    for name, group in (("1s", _FIRST_SINGULAR), ("1p", _FIRST_PLURAL), ("2p", _SECOND)):
        feats.add(f"{name}:{min(sum(1 for w in lows if w in group), 2)}")
    if span.text.rstrip().endswith("?"):
        feats.add("q")
    return feats


@functools.cache
def _model() -> dict[str, Any]:
    with MODEL_PATH.open(encoding="utf-8") as fh:
        model: dict[str, Any] = json.load(fh)
    return model


def _probability(feats: set[str]) -> float:
    model = _model()
    weights: dict[str, float] = model["weights"]
    z = model["bias"] + sum(weights.get(f, 0.0) for f in feats)
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))


def _parse(texts: list[str]) -> list[Doc]:
    # Imported here: the pipeline imports this module.
    from claims.extraction import load_nlp

    return list(load_nlp().pipe(texts, batch_size=64))


def score_sentences(sentences: Iterable[Sentence]) -> list[float]:
    """Probabilities in 0..1 that each sentence is worth fact-checking; 0.5 is the decision point.

    Spans and Docs are scored from their parse; plain strings are parsed first, all in one batch."""
    items = list(sentences)
    texts = [s for s in items if isinstance(s, str)]
    parsed = iter(_parse(texts) if texts else [])
    return [_probability(features(next(parsed) if isinstance(s, str) else s)) for s in items]


def score_sentence(sentence: Sentence) -> float:
    """Probability in 0..1 that one sentence is worth fact-checking; 0.5 is the decision point."""
    return score_sentences([sentence])[0]


def threshold() -> float:
    """The decision point: the dev-tuned threshold is folded into the model's bias."""
    return DECISION


def span_at(docs: Sequence[tuple[int, Doc]], start: int, end: int) -> Span | None:
    """The parsed tokens covering text[start:end], given docs parsed from chunks of the text that
    begin at the given character offsets; None when no chunk holds the whole range."""
    for base, doc in docs:
        if base <= start and end <= base + len(doc_text(doc)):
            span = doc.char_span(start - base, end - base, alignment_mode="expand")
            if span is not None and len(span):
                return span
    return None
