"""Throughput of the full extraction pipeline against bare spaCy parsing of the same texts.

usage: python benchmarks/extract_bench.py [DIR]   (default ../shared/eval-dev, read in place:
the articles are not part of the repository)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.extraction import extract_many, load_nlp

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval-dev"
ROUNDS = 2


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"no .txt articles in {folder}; nothing to benchmark", file=sys.stderr)
        return 1
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up: first call allocates the model's buffers

    # The machine is shared: alternate the two modes and keep each one's best round, so a
    # neighbour's burst of work does not decide the ratio.
    bare = full = float("inf")
    tokens = 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
        bare = min(bare, time.perf_counter() - start)
        start = time.perf_counter()
        for _ in extract_many(texts, nlp=nlp, batch_size=16):
            pass
        full = min(full, time.perf_counter() - start)

    n = len(texts)
    print(f"{n} articles, {tokens} tokens, model {nlp.meta['name']} {nlp.pipe_names}")
    print(f"bare nlp.pipe : {n / bare:7.2f} articles/s  {tokens / bare:9.0f} tokens/s")
    print(f"full pipeline : {n / full:7.2f} articles/s  {tokens / full:9.0f} tokens/s")
    print(f"ratio pipeline/bare: {bare / full:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
