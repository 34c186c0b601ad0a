"""Train the check-worthiness model and write its weights as JSON.

usage: python scripts/train_checkworthiness.py [DATA_DIR]   (default ../shared/checkworthiness)

Logistic regression over the binary features of claims.extraction.checkworthiness.features; C and
the decision threshold are chosen on dev.tsv, the F1 of the Yes class is reported on dev-test.tsv.
Only the weights are written: the sentences stay out of the repository.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.extraction.checkworthiness import MODEL_PATH, features

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "checkworthiness"


def read(path: Path) -> tuple[list[dict[str, int]], list[int]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    x = [dict.fromkeys(features(r["Text"]), 1) for r in rows]
    y = [1 if r["class_label"].strip() == "Yes" else 0 for r in rows]
    return x, y


def best_threshold(probs: list[float], y: list[int]) -> tuple[float, float]:
    best = (0.0, 0.5)
    for t in [i / 100 for i in range(10, 91)]:
        f1 = f1_score(y, [int(p >= t) for p in probs])
        best = max(best, (f1, t))
    return best


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    x_train, y_train = read(data / "train.tsv")
    x_dev, y_dev = read(data / "dev.tsv")
    x_test, y_test = read(data / "dev-test.tsv")
    vec = DictVectorizer()
    train = vec.fit_transform(x_train)
    dev = vec.transform(x_dev)

    best = None
    for c in (0.1, 0.25, 0.5, 1.0, 2.0):
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        model.fit(train, y_train)
        f1, t = best_threshold(list(model.predict_proba(dev)[:, 1]), y_dev)
        print(f"C={c}: dev F1={f1:.3f} at threshold {t}")
        if best is None or f1 > best[0]:
            best = (f1, t, c, model)
    assert best is not None
    _, t, c, model = best
    # Tiny weights change hardly any decision and would only bloat the shipped file.
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 0.1
    }
    bias = round(float(model.intercept_[0]), 4)
    # Measured with the shipped (pruned, rounded) weights, exactly as the runtime scores.
    shipped = [bias + sum(weights.get(f, 0.0) for f in x) for x in x_test]
    test_f1 = f1_score(y_test, [int(1 / (1 + math.exp(-z)) >= t) for z in shipped])
    print(f"chosen C={c} threshold={t}: dev-test F1 (Yes) = {test_f1:.3f}")

    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(
        json.dumps(
            {
                "about": "Logistic regression weights; see scripts/train_checkworthiness.py. "
                "Trained on CLEF-2024 CheckThat! Task 1 English (ClaimBuster-derived) data.",
                "bias": bias,
                "threshold": t,
                "dev_test_f1": round(test_f1, 3),
                "weights": dict(sorted(weights.items())),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )
    print(f"wrote {len(weights)} weights to {MODEL_PATH}")


if __name__ == "__main__":
    main()
