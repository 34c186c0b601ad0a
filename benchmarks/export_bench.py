"""Verdict export benchmark: rows/s and peak memory per format at 10,000 and 100,000 rows.

    DEBUG=1 .venv/bin/python benchmarks/export_bench.py [--rows N] [--sizes 10000,100000]
        [--formats csv,jsonl,claimreview]

Uses PostgreSQL at ``BENCH_DATABASE_URL`` (default
postgres://postgres@127.0.0.1:5432/factcheck_bench_export): creates the database if missing,
migrates it and fills it once with published verdicts (bulk_create in batches; kept for the next
run). Each export goes through the same path as the API and the command (``export_check`` then
``export_chunks``, the text encoded as a response would be, then thrown away).

CPU time is this process's (Python's share; PostgreSQL's own work is not in it). Speed is
measured without tracemalloc (it slows Python down several times); memory in a second
pass with tracemalloc, whose peak counts every Python allocation made during the export.
Target for every format: >= 20,000 rows/s at 100,000 rows, and peak memory growing < 50 MB from
10,000 to 100,000 rows. The machine is shared: expect run-to-run noise of a third either way.
"""

import argparse
import os
import resource
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta

from _common import ensure_database, extracted_article, said, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench_export"
BATCH = 5000


def seed(rows: int) -> None:
    """Published verdicts, each on its own claim, said by one of 2,000 speakers in one article."""
    from articles.models import Article
    from claims.models import Attribution, Claim, Rating, RatingScale, Source, Verdict

    have = Verdict.objects.count()
    if have >= rows:
        print(f"{have} verdicts already there")
        return
    scale, _ = RatingScale.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "worst": 1, "best": 5}
    )
    labels = ["False", "Mostly false", "Half true", "Mostly true", "True"]
    ratings = [
        Rating.objects.get_or_create(scale=scale, value=v, defaults={"label": labels[v - 1]})[0]
        for v in range(1, 6)
    ]
    speakers = list(Source.objects.filter(disambiguation="bench"))
    if not speakers:
        speakers = []
        for n in range(2000):
            source = Source(
                name=f"Speaker {n}", kind="person", role="Minister", disambiguation="bench"
            )
            source.normalized_name = f"speaker {n}"
            speakers.append(source)
        speakers = Source.objects.bulk_create(speakers)
    base = datetime(2020, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    for start in range(have, rows, BATCH):
        stop = min(rows, start + BATCH)
        articles = Article.objects.bulk_create(
            extracted_article(
                url=f"https://bench.example/story-{n}",
                title=f"Story {n}: the budget, the harbour and the vote",
                outlet=f"Outlet {n % 50}",
                published_at=base + timedelta(minutes=n),
                text=f"Minister {n} said the budget grew by {n % 90} percent last year.",
            )
            for n in range(start, stop)
        )
        claims = []
        for n in range(start, stop):
            claim = Claim(text=f"The budget grew by {n % 90} percent last year (item {n})")
            claim.fill_matching_fields()
            claim.status = "accepted"
            claims.append(claim)
        claims = Claim.objects.bulk_create(claims)
        Attribution.objects.bulk_create(
            said(article, claim, speakers[n % len(speakers)], len("Minister "), len(article.text))
            for n, article, claim in zip(range(start, stop), articles, claims, strict=True)
        )
        Verdict.objects.bulk_create(
            Verdict(
                claim=claim,
                rating=ratings[n % 5],
                status="published",
                summary=f"The budget grew by {n % 9} percent, not {n % 90}.",
                published_at=base + timedelta(days=1, minutes=n),
                public_url=f"https://factcheck.example.org/verdicts/{n}/",
            )
            for n, claim in zip(range(start, stop), claims, strict=True)
        )
        print(f"  seeded {stop} verdicts ({time.perf_counter() - started:.0f} s)", flush=True)


def run_export(export_format, queryset) -> int:
    from claims.exports.formats import export_check, export_chunks

    size = 0
    export_check(export_format=export_format, queryset=queryset)
    for chunk in export_chunks(export_format=export_format, queryset=queryset):
        size += len(chunk.encode())
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="verdicts in the database")
    parser.add_argument("--sizes", default="10000,100000", help="export sizes to measure")
    parser.add_argument("--formats", default="csv,jsonl,claimreview", help="formats to measure")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup_django(url)

    from django.core.management import call_command
    from django.db import connection

    from claims.exports.formats import FORMATS, export_queryset
    from claims.exports.selectors import ExportFilters
    from claims.models import Verdict

    call_command("migrate", verbosity=0)
    seed(args.rows)
    connection.cursor().execute("ANALYZE")
    ids = list(Verdict.objects.order_by("pk").values_list("pk", flat=True))
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"\nPostgreSQL {connection.pg_version}, {len(ids)} verdicts, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"load average {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    print(
        f"{'format':<12} {'rows':>8} {'seconds':>8} {'rows/s':>9} {'CPU s':>7} "
        f"{'rows/CPU-s':>10} {'MB out':>8} {'peak MB':>8}"
    )
    results = {}
    names = args.formats.split(",")
    for export_format in [FORMATS[name] for name in names]:
        for size in sizes:
            last_id = ids[min(size, len(ids)) - 1]
            queryset = export_queryset(export_format=export_format, filters=ExportFilters()).filter(
                pk__lte=last_id
            )
            started, cpu_started = time.perf_counter(), time.process_time()
            out = run_export(export_format, queryset)
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            tracemalloc.start()
            run_export(export_format, queryset)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            results[export_format.name, size] = (size / seconds, peak)
            print(
                f"{export_format.name:<12} {size:>8} {seconds:>8.2f} {size / seconds:>9.0f} "
                f"{cpu:>7.2f} {size / cpu:>10.0f} {out / 2**20:>8.1f} {peak:>8.1f}",
                flush=True,
            )
    small, large = sizes[0], sizes[-1]
    print(
        f"\nmax RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MB"
    )
    for name in names:
        speed = results[name, large][0]
        growth = results[name, large][1] - results[name, small][1]
        verdict = "meets" if speed >= 20_000 and growth < 50 else "MISSES"
        print(
            f"{name}: {speed:.0f} rows/s at {large}, peak memory grows {growth:+.1f} MB from "
            f"{small}: {verdict} the target (>= 20,000 rows/s, < 50 MB growth)"
        )


if __name__ == "__main__":
    main()
