"""Train the learnt attribution models (claims/extraction/learnt.py) on PolNeAR's train split.

usage: python scripts/train_attribution.py [--shared DIR] [--cache DIR]
  (defaults ../shared and /tmp/learnt-cache)

Reads DIR/eval-train (never eval-dev) and writes claims/extraction/model/attribution.json:
weights only, the texts stay out of the repository. Parsed documents are cached as DocBin files
in the cache directory so the 840 articles are parsed once. Deterministic: sorted inputs, fixed
folds, a deterministic solver. At the end the pipeline is run on DIR/eval-dev and DIR/samples
with the new weights and the scorer prints its figures.

Steps:
1. align each gold attribution with the parse: its cue's head token, its content's tokens;
2. cue model: every cue-candidate token, positive when it heads a gold cue;
3. content model: every dependent of a gold cue head, positive when most of its subtree is
   inside that cue's gold content;
4. attribution model: the rule attributions plus the proposals of the cue and content models
   (cross-fitted over two folds of articles, so the proposals look like unseen text's), positive
   when the scorer would match them to a gold attribution at 30% overlap; its threshold is the
   one that maximises content F1 over two folds of the train split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin, Token

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.extraction import layout, learnt, pipeline
from claims.extraction.learnt import (
    AttributionModel,
    Candidate,
    LinearModel,
    ParsedChunk,
    candidate_features,
    candidates,
    content_children,
    word_hashes,
)
from claims.extraction.learnt_features import child_features, cue_features

ROOT = Path(__file__).resolve().parents[1]
SEED = 0
CUE_THRESHOLD = 0.25  # proposals below it are never made; the attribution model judges the rest
CHILD_THRESHOLD = 0.5
MIN_COUNT = 2  # features seen once are noise and would only bloat the weights file
VOCABULARY_MIN_COUNT = 1
ATTRIBUTION_C = (0.1, 0.25, 0.5, 1.0, 2.0)
_WORD = re.compile(r"\w+")


@dataclass
class Article:
    id: str
    text: str
    chunks: list[ParsedChunk]
    gold: list[dict[str, Any]]


# -- data ---------------------------------------------------------------------------------------


def load_split(folder: Path, cache: Path) -> list[Article]:
    """The split's articles in id order, parsed once and cached."""
    nlp = pipeline.load_nlp()
    rows = [json.loads(line) for line in (folder / "gold.jsonl").open(encoding="utf-8")]
    rows.sort(key=lambda r: r["id"])
    texts = [(folder / r["id"]).read_text(encoding="utf-8") for r in rows]
    key = hashlib.sha256()
    key.update(
        f"{nlp.meta['name']}-{nlp.meta['version']}-{layout.CHUNK_CHARS}-{layout.PARSE_CHARS}".encode()
    )
    for text in texts:
        key.update(text.encode("utf-8"))
    path = cache / f"{folder.name}-{key.hexdigest()[:16]}.spacy"
    pieces = [(i, base, chunk) for i, t in enumerate(texts) for base, chunk in layout.chunks(t)]
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        started = time.perf_counter()
        docs = list(pipeline.parse_sections(nlp, [chunk for _, _, chunk in pieces]))
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
        print(f"parsed {folder.name}: {len(docs)} chunks in {time.perf_counter() - started:.0f}s")
    chunks: list[list[ParsedChunk]] = [[] for _ in rows]
    for (i, base, _), doc in zip(pieces, docs, strict=True):
        chunks[i].append(ParsedChunk.read(base, doc, texts[i]))
    return [
        Article(r["id"], t, c, r["attributions"])
        for r, t, c in zip(rows, texts, chunks, strict=True)
    ]


def chunk_of(article: Article, char: int) -> ParsedChunk:
    return [c for c in article.chunks if c.base <= char][-1]


def cue_head(article: Article, gold: dict[str, Any]) -> tuple[ParsedChunk, Token] | None:
    """The head token of the gold cue: the occurrence of the cue text nearest the content."""
    cue = (gold.get("cue") or "").strip()
    if not cue:
        return None
    start = min(s for s, _ in gold["spans"])
    end = max(e for _, e in gold["spans"])
    best: tuple[int, int, int] | None = None
    for m in re.finditer(re.escape(cue), article.text):
        inside = start <= m.start() < end and not any(s <= m.start() < e for s, e in gold["spans"])
        distance = 0 if inside else min(abs(m.start() - end), abs(m.end() - start))
        if best is None or distance < best[0]:
            best = (distance, m.start(), m.end())
    if best is None or best[0] > 400:
        return None
    chunk = chunk_of(article, best[1])
    span = chunk.doc.char_span(best[1] - chunk.base, best[2] - chunk.base, alignment_mode="expand")
    if span is None or not len(span):
        return None
    inside_ids = {t.i for t in span}
    heads = [t for t in span if t.head.i not in inside_ids or t.head is t]
    verbs = [t for t in heads if t.pos_ in {"VERB", "AUX"}] or [t for t in span if t.pos_ == "VERB"]
    return chunk, (verbs or heads or list(span))[0]


def content_ids(chunk: ParsedChunk, gold: dict[str, Any]) -> set[int]:
    ids: set[int] = set()
    for s, e in gold["spans"]:
        span = chunk.doc.char_span(s - chunk.base, e - chunk.base, alignment_mode="expand")
        if span is not None:
            ids |= {t.i for t in span if not t.is_punct and not t.is_space}
    return ids


@dataclass
class Aligned:
    """Per article: gold cue heads (chunk base, token index) -> gold content token indices."""

    cues: dict[tuple[int, int], set[int]]


def align(article: Article) -> Aligned:
    cues: dict[tuple[int, int], set[int]] = {}
    for gold in article.gold:
        found = cue_head(article, gold)
        if found is None:
            continue
        chunk, head = found
        cues.setdefault((chunk.base, head.i), set()).update(content_ids(chunk, gold))
    return Aligned(cues)


# -- examples -----------------------------------------------------------------------------------


def cue_vocabulary(articles: Sequence[Article], aligned: Sequence[Aligned]) -> list[str]:
    """Words that headed at least VOCABULARY_MIN_COUNT gold cues: the only tokens the cue model
    scores."""
    counts: Counter[str] = Counter()
    for article, al in zip(articles, aligned, strict=True):
        by_base = {c.base: c for c in article.chunks}
        counts.update(by_base[base].doc[i].lower_ for base, i in al.cues)
    return sorted(w for w, n in counts.items() if n >= VOCABULARY_MIN_COUNT)


def cue_examples(
    articles: Sequence[Article], aligned: Sequence[Aligned], words: frozenset[int]
) -> tuple[list[list[str]], list[int]]:
    x, y = [], []
    for article, al in zip(articles, aligned, strict=True):
        for chunk in article.chunks:
            for tok in chunk.cue_candidates(words):
                x.append(cue_features(tok, chunk.quote[tok.i], int(chunk.sent_start[tok.i])))
                y.append(int((chunk.base, tok.i) in al.cues))
    return x, y


def child_examples(
    articles: Sequence[Article], aligned: Sequence[Aligned], words: frozenset[int]
) -> tuple[list[list[str]], list[int]]:
    x, y = [], []
    for article, al in zip(articles, aligned, strict=True):
        by_base = {c.base: c for c in article.chunks}
        for (base, i), gold_ids in sorted(al.cues.items()):
            chunk = by_base[base]
            cue = chunk.doc[i]
            if not gold_ids or int(chunk.lower[i]) not in words:
                continue
            for child in content_children(cue):
                sub = {t.i for t in child.subtree if not t.is_punct and not t.is_space}
                if not sub:
                    continue
                x.append(child_features(cue, child, chunk.quote[child.i]))
                y.append(int(len(sub & gold_ids) / len(sub) > 0.5))
    return x, y


def fit(x: list[list[str]], y: list[int], c: float, threshold: float) -> LinearModel:
    counts = Counter(f for feats in x for f in set(feats))
    vec = DictVectorizer()
    matrix = vec.fit_transform([{f: 1 for f in feats if counts[f] >= MIN_COUNT} for feats in x])
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(matrix, np.asarray(y))
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 0.005
    }
    return LinearModel(
        dict(sorted(weights.items())), round(float(model.intercept_[0]), 4), threshold
    )


def train_proposers(articles: Sequence[Article], aligned: Sequence[Aligned]) -> AttributionModel:
    """The cue and content models, and a placeholder attribution model that accepts all."""
    vocabulary = cue_vocabulary(articles, aligned)
    words = word_hashes(vocabulary)
    cue = fit(*cue_examples(articles, aligned, words), c=0.5, threshold=CUE_THRESHOLD)
    child = fit(*child_examples(articles, aligned, words), c=0.5, threshold=CHILD_THRESHOLD)
    return AttributionModel(cue, child, LinearModel({}, 0.0, 0.0), words, tuple(vocabulary))


def rule_attributions(article: Article) -> list[Any]:
    """The rule-based attributions exactly as the pipeline hands them to the learnt pass."""
    docs = [(c.base, c.doc) for c in article.chunks]
    seen: list[Any] = []

    def passthrough(text: str, docs: Any, attributions: Sequence[Any], **_: Any) -> list[Any]:
        seen.extend(attributions)
        return list(attributions)

    with mock.patch.object(learnt, "revise", passthrough):
        pipeline._result(article.text, docs)
    return seen


def match_labels(article: Article, cands: Sequence[Candidate]) -> tuple[list[int], int]:
    """The scorer's greedy matching at 30% of the gold tokens: 1 for the matched candidates;
    and the number of gold attributions."""
    word_starts = [m.start() for m in _WORD.finditer(article.text)]
    ends = {m.start(): m.end() for m in _WORD.finditer(article.text)}

    def ids(spans: Iterable[tuple[int, int]]) -> set[int]:
        out: set[int] = set()
        for s, e in spans:
            lo = np.searchsorted(word_starts, s)
            hi = np.searchsorted(word_starts, e)
            out |= {int(k) for k in range(lo, hi) if ends[word_starts[k]] <= e}
        return out

    cand_ids = [ids([(c.start, c.end)]) for c in cands]
    labels = [0] * len(cands)
    n_gold = 0
    for gold in article.gold:
        gs = ids(gold["spans"])
        if not gs:
            continue
        n_gold += 1
        best, bi = 0.0, None
        for j, ps in enumerate(cand_ids):
            if labels[j] or not ps:
                continue
            overlap = len(gs & ps) / len(gs)
            if overlap > best:
                best, bi = overlap, j
        if bi is not None and best >= 0.3:
            labels[bi] = 1
    return labels, n_gold


@dataclass
class Judged:
    features: list[list[str]]
    labels: list[int]
    n_gold: int


def judge_examples(articles: Sequence[Article], model: AttributionModel) -> Judged:
    out = Judged([], [], 0)
    for article in articles:
        cands = candidates(article.text, article.chunks, rule_attributions(article), model)
        labels, n_gold = match_labels(article, cands)
        out.features += candidate_features(cands)
        out.labels += labels
        out.n_gold += n_gold
    return out


def best_threshold(
    probs: Sequence[float], labels: Sequence[int], n_gold: int
) -> tuple[float, float]:
    best = (0.0, 0.5)
    for t in [k / 100 for k in range(10, 81)]:
        kept = [lab for p, lab in zip(probs, labels, strict=True) if p >= t]
        tp = sum(kept)
        precision = tp / len(kept) if kept else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        best = max(best, (f1, t))
    return best


# -- main ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/learnt-cache"))
    args = parser.parse_args()
    started = time.perf_counter()

    articles = load_split(args.shared / "eval-train", args.cache)
    aligned = [align(a) for a in articles]
    n_cues = sum(len(a.cues) for a in aligned)
    n_gold = sum(len(a.gold) for a in articles)
    print(f"{len(articles)} train articles, {n_gold} attributions, {n_cues} cue heads aligned")

    # Proposals for the attribution model come from proposers that did not see the article.
    folds = [articles[0::2], articles[1::2]]
    fold_aligned = [aligned[0::2], aligned[1::2]]
    judged = []
    for k in (0, 1):
        proposers = train_proposers(folds[1 - k], fold_aligned[1 - k])
        judged.append(judge_examples(folds[k], proposers))
        print(f"fold {k}: {len(judged[k].labels)} candidates, {sum(judged[k].labels)} matched")

    # Regularisation and threshold: those that maximise content F1 when each fold is judged by
    # a model trained on the other.
    best: tuple[float, float, float] | None = None
    for c in ATTRIBUTION_C:
        probs: list[float] = []
        labels: list[int] = []
        for k in (0, 1):
            other = judged[1 - k]
            held = fit(other.features, other.labels, c=c, threshold=0.5)
            probs += [held.probability(f) for f in judged[k].features]
            labels += judged[k].labels
        f1, threshold = best_threshold(probs, labels, judged[0].n_gold + judged[1].n_gold)
        print(
            f"attribution C={c}: threshold {threshold}, cross-fitted train content F1@0.3 {f1:.3f}"
        )
        if best is None or f1 > best[0]:
            best = (f1, c, threshold)
    assert best is not None
    _, attribution_c, threshold = best

    final = train_proposers(articles, aligned)
    attribution = fit(
        judged[0].features + judged[1].features,
        judged[0].labels + judged[1].labels,
        c=attribution_c,
        threshold=threshold,
    )
    learnt.MODEL_PATH.write_text(
        json.dumps(
            {
                "about": "Logistic regression weights trained on PolNeAR's train split by "
                "scripts/train_attribution.py; see claims/extraction/learnt.py.",
                "cue_words": list(final.vocabulary),
                "cue": final.cue.to_json(),
                "child": final.child.to_json(),
                "attribution": attribution.to_json(),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    size = learnt.MODEL_PATH.stat().st_size
    print(
        f"wrote {learnt.MODEL_PATH.relative_to(ROOT)} ({size / 1e6:.2f} MB: "
        f"{len(final.cue.weights)} + {len(final.child.weights)} + {len(attribution.weights)} "
        f"weights, {len(final.vocabulary)} cue words) "
        f"in {time.perf_counter() - started:.0f}s"
    )
    return score(args.shared)


def score(shared: Path) -> int:
    """The scorer's figures for the pipeline with the new weights, on dev and the sample page."""
    env = {"DEBUG": "1", "PATH": "/usr/bin:/bin"}
    for split in ("eval-dev", "samples"):
        files = sorted(str(p) for p in (shared / split).glob("*.txt"))
        out = Path(f"/tmp/learnt-train-{split}.jsonl")
        with out.open("w", encoding="utf-8") as fh:
            subprocess.run(
                [sys.executable, str(ROOT / "manage.py"), "extract_claims", "--jsonl", *files],
                check=True,
                stdout=fh,
                env=env,
                cwd=ROOT,
            )
        for flags in ([], ["--parts"], ["--speech-only"]):
            result = subprocess.run(
                [
                    sys.executable,
                    str(shared / "eval-dev" / "score.py"),
                    str(shared / split),
                    str(out),
                    *flags,
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(result.stdout)
            print(
                f"{split} {' '.join(flags) or '(default)'}: content@0.3 {r['content@0.3']} "
                f"content@0.8 F1 {r['content@0.8']['F1']} attribution@0.3 F1 "
                f"{r['attribution@0.3']['F1']} speaker {r['speaker_acc_on_matched']} "
                f"bad offsets {r['bad_offsets']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
