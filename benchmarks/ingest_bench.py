"""Ingest benchmark: 10,000 synthetic articles from JSON Lines, without extraction.

    DEBUG=1 .venv/bin/python benchmarks/ingest_bench.py [--count N] [--postgres URL]

Goes through the same path as ``manage.py ingest FILE.jsonl --no-extract`` (reading records with
``articles.bulk_sources`` and ``articles.services.article_bulk_ingest``), on a temporary SQLite file
and, when ``--postgres URL`` or ``BENCH_DATABASE_URL`` is given, on a temporary database created on
that PostgreSQL server (and dropped afterwards). Each backend runs in its own process, because
Django's database settings are fixed at start-up. Prints articles/s and peak memory (max RSS).
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "minister council budget harbour ferry election report police court energy price water "
    "school hospital contract vote protest strike market bank tax road bridge farm drought"
).split()


def generate(path: Path, count: int, *, seed: int = 7) -> None:
    """Articles with unique text; every 50th repeats an earlier URL so dedupe is exercised."""
    rng = random.Random(seed)
    run = uuid.uuid4().hex[:8]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            paragraphs = [
                " ".join(rng.choice(WORDS) for _ in range(40)).capitalize()
                + f" said the spokesman of item {n} in run {run}."
                for _ in range(5)
            ]
            url_n = n - 1 if n % 50 == 49 else n
            record = {
                "url": f"https://bench.example/{run}/story-{url_n}?utm_source=bench",
                "title": f"Story {n}",
                "text": "\n\n".join(paragraphs),
                "published": "2024-06-26",
                "outlet": "Bench Gazette",
            }
            handle.write(json.dumps(record) + "\n")


def worker(jsonl: Path) -> dict:
    """Run inside a process whose DATABASE_URL is the database under test."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from articles.bulk_sources import items_from_arguments
    from articles.models import Article
    from articles.services import article_bulk_ingest

    started = time.perf_counter()
    summary = article_bulk_ingest(items=items_from_arguments([str(jsonl)]), extract=False)
    elapsed = time.perf_counter() - started
    return {
        "backend": connection.vendor,
        "created": summary.count("created"),
        "duplicate": summary.count("duplicate"),
        "failed": summary.count("failed"),
        "rows": Article.objects.count(),
        "seconds": round(elapsed, 2),
        "articles_per_second": round(
            (summary.count("created") + summary.count("duplicate")) / elapsed, 1
        ),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_backend(database_url: str, jsonl: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", "LOG_LEVEL": "ERROR"}
    env.pop("CELERY_BROKER_URL", None)
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", str(jsonl)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"benchmark worker failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def with_temporary_postgres(url: str, jsonl: Path) -> dict:
    """Create a scratch database next to the one in ``url``, benchmark it, drop it."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = f"ingest_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return run_backend(urlunsplit(parts._replace(path=f"/{name}")), jsonl)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(Path(args.worker))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        generate(jsonl, args.count)
        results = [run_backend(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", jsonl)]
        if args.postgres:
            results.append(with_temporary_postgres(args.postgres, jsonl))
    for result in results:
        print(
            f"{result['backend']:>10}: {result['articles_per_second']:>8} articles/s "
            f"({result['created']} created, {result['duplicate']} duplicate, "
            f"{result['failed']} failed in {result['seconds']} s), "
            f"peak RSS {result['peak_rss_mb']} MB"
        )


if __name__ == "__main__":
    main()
