"""Throughput of the worker's extraction (claims, parse, writes) against bare parsing of the same texts.

usage: python benchmarks/worker_bench.py [DIR]   (default ../shared/eval-dev; PostgreSQL database from
BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/factcheck_worker_bench, recreated)

The worker claims each article with one conditional UPDATE just before ``nlp.pipe`` reads it and
writes its rows after; the ratio says what that costs next to the parse alone.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import drop_database, ensure_database, setup_django

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval-dev"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_worker_bench"
BATCH = 16


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    texts = [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))]
    if not texts:
        print(f"no .txt articles in {folder}; nothing to benchmark", file=sys.stderr)
        return 1
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, fresh=True)
    try:
        setup_django(url)
        return _run(texts)
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(url)


def _run(texts: list[str]) -> int:
    from django.core.management import call_command

    from articles.models import Article
    from claims.extraction import extract_many, load_nlp
    from claims.services.extraction import articles_extract

    call_command("migrate", verbosity=0)
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up

    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in extract_many(texts, nlp=nlp, batch_size=BATCH):
        pass
    parse, parse_cpu = time.perf_counter() - start, time.process_time() - cpu_start

    ids = [
        Article.objects.create(text=text, status=Article.Status.QUEUED, language="en").pk
        for text in texts
    ]
    start, cpu_start = time.perf_counter(), time.process_time()
    for first in range(0, len(ids), BATCH):
        articles_extract(article_ids=ids[first : first + BATCH])
    worker, worker_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    extracted = Article.objects.filter(status=Article.Status.EXTRACTED).count()

    print(f"{len(texts)} articles ({extracted} extracted), batches of {BATCH}")
    for label, seconds, cpu in (
        ("extraction alone", parse, parse_cpu),
        ("worker (claims + writes)", worker, worker_cpu),
    ):
        print(f"{label:<25}: {len(texts) / seconds:6.2f} articles/s, {cpu:6.1f} s of CPU")
    print(f"ratio worker/extraction  : {parse / worker:.2f}")
    print(f"load average             : {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
