"""Throughput of the worker's extraction (claims, parse, writes) against bare parsing of the same texts,
and of the worker's path with claim matching on against off.

usage: python benchmarks/worker_bench.py [DIR] [--claims N]   (default ../shared/eval-dev; PostgreSQL
database from BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/factcheck_worker_bench,
recreated)

The worker claims each article with one conditional UPDATE just before ``nlp.pipe`` reads it and
writes its rows after; the ratio says what that costs next to the parse alone. The claim table is
first filled with N claims (default 10,000) made like matching_bench.py's; then the same articles
go through the worker's path again with matching off (every statement becomes a new claim, no
candidate lookup, no scoring) and once more with it on, the claims of each pass removed before
the next, and both throughputs are printed with their ratio.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmarks._common import drop_database, ensure_database, setup_django

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval-dev"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_worker_bench"
BATCH = 16


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--claims", type=int, default=10_000)
    options = parser.parse_args()
    folder = options.folder
    texts = [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))]
    if not texts:
        print(f"no .txt articles in {folder}; nothing to benchmark", file=sys.stderr)
        return 1
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, fresh=True)
    try:
        setup_django(url)
        return _run(texts, claims=options.claims)
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(url)


def _run(texts: list[str], *, claims: int) -> int:
    from django.core.management import call_command

    from claims.extraction import extract_many, load_nlp

    call_command("migrate", verbosity=0)
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up

    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in extract_many(texts, nlp=nlp, batch_size=BATCH):
        pass
    parse, parse_cpu = time.perf_counter() - start, time.process_time() - cpu_start

    _prefill(claims)
    worker, worker_cpu, extracted = _worker_pass(texts)
    with mock.patch("claims.services.extraction.statements_match", _unmatched):
        off, off_cpu, _ = _worker_pass(texts)
    on, on_cpu, _ = _worker_pass(texts)

    n = len(texts)
    print(f"{n} articles ({extracted} extracted), batches of {BATCH}, {claims} claims stored")
    for label, seconds, cpu in (
        ("extraction alone", parse, parse_cpu),
        ("worker (claims + writes)", worker, worker_cpu),
        ("worker, matching off", off, off_cpu),
        ("worker, matching on", on, on_cpu),
    ):
        print(f"{label:<25}: {n / seconds:6.2f} articles/s, {cpu:6.1f} s of CPU", flush=True)
    print(f"ratio worker/extraction  : {parse / worker:.2f}")
    print(f"ratio matching on/off    : {off / on:.2f}")
    print(f"load average             : {os.getloadavg()[0]:.2f}")
    return 0


def _unmatched(statements: Sequence[object]) -> list[object]:
    """Matching switched off: no statement is a known claim, nothing is suggested."""
    from claims.matching import Match

    return [Match(claim_id=None) for _ in statements]


def _prefill(claims: int) -> None:
    """Store ``claims`` claims as matching_bench.py does (COPY, then the matching index)."""
    from matching_bench import SHARED, claim_texts, load, reindex, sentences

    if claims <= 0:
        return
    base = sentences(SHARED / "eval-train")
    reindex(build=False)
    load(claim_texts(base, 0, claims))
    reindex(build=True)


def _worker_pass(texts: list[str]) -> tuple[float, float, int]:
    """The worker's path over fresh copies of ``texts``: seconds taken, seconds of this process's
    CPU and articles extracted.
    The articles and claims of the pass are removed afterwards so each pass sees the same table."""
    from articles.models import Article
    from claims.models import Claim
    from claims.services.extraction import articles_extract

    last_claim = Claim.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = [
        Article.objects.create(text=text, status=Article.Status.QUEUED, language="en").pk
        for text in texts
    ]
    start, cpu_start = time.perf_counter(), time.process_time()
    for first in range(0, len(ids), BATCH):
        articles_extract(article_ids=ids[first : first + BATCH])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    extracted = Article.objects.filter(pk__in=ids, status=Article.Status.EXTRACTED).count()
    Article.objects.filter(pk__in=ids).delete()
    Claim.objects.filter(id__gt=last_claim).delete()
    return seconds, cpu, extracted


if __name__ == "__main__":
    sys.exit(main())
