"""Claim matching on PostgreSQL at 10,000, 100,000 and 1,000,000 claims: the time to match one new
statement (fingerprint, candidates from the band index, scoring), p50 and p95, and per statement when an
article's statements are matched together.

Usage: ``DEBUG=1 .venv/bin/python benchmarks/matching_bench.py [--sizes 10000,100000,1000000]``

The database is ``BENCH_DATABASE_URL`` (default
postgres://postgres@127.0.0.1:5432/factcheck_bench_matching), created and migrated when missing.
Claims are sentences of the PolNeAR train split (``../shared/eval-train``) with a third of their
words swapped at random for other words of the corpus, so the index sees real English;
they are loaded with COPY, the GIN index rebuilt after each size. The statements looked up are
half near copies of stored claims (a word dropped: the "same" path) and half sentences of the dev
split (mostly unrelated: the path of a new claim).
"""

import argparse
import os
import random
import re
import statistics
import time
from pathlib import Path

from _common import ROOT, ensure_database, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench_matching"
SHARED = ROOT.parent / "shared"
SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
LOOKUPS = 200
ARTICLE_STATEMENTS = 20


def sentences(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.txt")):
        for sentence in SENTENCE.findall(path.read_text(encoding="utf-8")):
            words = sentence.split()
            if 8 <= len(words) <= 40:
                found.append(" ".join(words))
    return found


def claim_texts(base: list[str], start: int, stop: int) -> list[str]:
    vocabulary = sorted({w for s in base[:5000] for w in s.split()})
    texts = []
    for i in range(start, stop):
        rng = random.Random(i)
        words = base[i % len(base)].split()
        for _ in range(max(1, len(words) // 3)):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        texts.append(" ".join(words))
    return texts


def load(texts: list[str]) -> None:
    """COPY claims in."""
    from django.db import connection

    from claims.matching.words import match_key
    from claims.naming import claim_fingerprint, normalize_claim_text

    with connection.cursor() as cursor:
        columns = (
            "text, normalized_text, fingerprint, match_key, status, rejection_reason, checkworthiness, "
            "requires_double_review, version, created_at, updated_at"
        )
        with cursor.cursor.copy(f"COPY claims_claim ({columns}) FROM STDIN") as copy:
            for text in texts:
                copy.write_row(
                    (
                        text,
                        normalize_claim_text(text),
                        claim_fingerprint(text),
                        match_key(text),
                        "candidate",
                        "",
                        0.5,
                        False,
                        1,
                        "2026-01-01T00:00:00Z",
                        "2026-01-01T00:00:00Z",
                    )
                )


_dropped: list[str] = []


def reindex(build: bool) -> None:
    """Drop the matching index before loading (as the migration made it); build it again
    afterwards."""
    from django.db import connection

    from claims.matching.index import PG_INDEX

    with connection.cursor() as cursor:
        if not build:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [PG_INDEX])
            _dropped.extend(row[0] for row in cursor.fetchall())
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
            return
        started = time.perf_counter()
        while _dropped:
            cursor.execute(_dropped.pop())
        cursor.execute("ANALYZE claims_claim")
        print(f"  matching index built in {time.perf_counter() - started:.0f} s", flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(stored: list[str], unseen: list[str]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.matching import Statement, statements_match
    from claims.matching.index import PG_INDEX

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [PG_INDEX])
        if cursor.fetchone() is None:
            raise SystemExit(f"the index {PG_INDEX} is missing")
    rng = random.Random(11)
    near = []
    for text in rng.sample(stored, LOOKUPS // 2):
        words = text.split()
        del words[rng.randrange(len(words))]
        near.append(" ".join(words))
    statements = near + rng.sample(unseen, LOOKUPS // 2)
    statements_match([Statement(statements[0])])  # warm-up
    single = []
    same = 0
    for text in statements:
        started = time.perf_counter()
        [match] = statements_match([Statement(text)])
        single.append((time.perf_counter() - started) * 1000)
        same += match.claim_id is not None
    per_article = []
    for start in range(0, len(statements), ARTICLE_STATEMENTS):
        batch = [Statement(t) for t in statements[start : start + ARTICLE_STATEMENTS]]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            statements_match(batch)
            elapsed = (time.perf_counter() - started) * 1000
        per_article.append(elapsed / len(batch))
    print(
        f"  one statement: p50 {statistics.median(single):.1f} ms, p95 "
        f"{percentile(single, 0.95):.1f} ms ({same} of {len(statements)} matched a claim); "
        f"{ARTICLE_STATEMENTS} statements of an article together: "
        f"{statistics.median(per_article):.1f} ms per statement, {len(captured)} queries",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, fresh=True)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    base = sentences(SHARED / "eval-train")
    unseen = sentences(SHARED / "eval-dev")
    print(f"{len(base)} train sentences, {len(unseen)} dev sentences", flush=True)
    loaded = 0
    sample: list[str] = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"{size:,} claims", flush=True)
        reindex(build=False)
        for start in range(loaded, size, 100_000):
            texts = claim_texts(base, start, min(size, start + 100_000))
            load(texts)
            sample += texts[:: max(1, len(texts) // 2000)]
        reindex(build=True)
        loaded = size
        measure(sample, unseen)


if __name__ == "__main__":
    main()
