"""Check-worthiness of a sentence from a shipped linear model (no scikit-learn at runtime).

The weights in model/checkworthiness.json are produced by scripts/train_checkworthiness.py from
the CLEF-2024 CheckThat! Task 1 English data (derived from ClaimBuster); the sentences themselves
are not shipped.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).with_name("model") / "checkworthiness.json"

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[%$]")
_DIGITS = re.compile(r"\d")


def features(sentence: str) -> set[str]:
    """Word uni- and bigrams (numbers folded to one shape) plus a few surface cues."""
    words = ["<num>" if _DIGITS.match(w) else w for w in _TOKEN.findall(sentence.lower())]
    feats = set(words)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    n = len(words)
    feats.add(f"__len_{min(n // 5, 8)}")
    if "<num>" in words or "%" in words:
        feats.add("__number")
    if sum(1 for w in sentence.split()[1:] if w[:1].isupper()) >= 2:
        feats.add("__names")
    if sentence.rstrip().endswith("?"):
        feats.add("__question")
    return feats


@functools.cache
def _model() -> dict[str, Any]:
    with MODEL_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def score_sentence(sentence: str) -> float:
    """Probability-like score in 0..1 that the sentence is worth fact-checking."""
    model = _model()
    weights: dict[str, float] = model["weights"]
    z = model["bias"] + sum(weights.get(f, 0.0) for f in features(sentence))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))


def threshold() -> float:
    """Decision threshold tuned on the dev split for F1 of the Yes class."""
    return float(_model()["threshold"])
