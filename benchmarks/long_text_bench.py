"""Extraction time of one long article against one ten times shorter: the cost must grow
linearly with the length (a 1 MB article within about ten times a 100 KB one), and memory stay
bounded.

usage: python benchmarks/long_text_bench.py [DIR]   (default ../shared/eval-dev, read in place:
the articles are not part of the repository; without them the sample page is repeated)

The long articles are the folder's articles one after another, blank lines between them, cycled
until the size is reached: text an extractor meets when a feed sends a whole transcript or an
archive page.
"""

from __future__ import annotations

import itertools
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.extraction import extract, load_nlp

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "eval-dev"
SAMPLE = ROOT / "articles" / "demo" / "pentagon-belousov-call.txt"
SIZES = (100_000, 1_000_000)


def long_text(texts: list[str], size: int) -> str:
    pieces: list[str] = []
    length = 0
    for text in itertools.cycle(texts):
        pieces.append(text.strip())
        length += len(pieces[-1]) + 2
        if length >= size:
            break
    return "\n\n".join(pieces)[:size]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    files = sorted(folder.glob("*.txt")) or [SAMPLE]
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = load_nlp()
    extract(texts[0], nlp=nlp)  # warm-up: the model's buffers and the learnt weights
    print(f"{len(files)} articles from {files[0].parent}, model {nlp.meta['name']}")
    # CPU time of this process, beside wall time: on a shared machine the neighbours' load
    # changes the second from one run to the next, much less the first.
    times = {}
    for size in SIZES:
        text = long_text(texts, size)
        start, cpu = time.perf_counter(), time.process_time()
        result = extract(text, nlp=nlp)
        times[size] = time.process_time() - cpu
        print(
            f"{len(text) / 1000:6.0f} KB: {times[size]:6.1f} s CPU "
            f"({time.perf_counter() - start:.1f} s wall), "
            f"{len(result.attributions)} attributions, {len(result.claims)} claims, "
            f"peak RSS so far {peak_mb():.0f} MB"
        )
    small, large = SIZES
    print(
        f"CPU time ratio {large // 1000} KB / {small // 1000} KB: "
        f"{times[large] / times[small]:.1f} (length ratio {large / small:.0f}; target about 10)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
