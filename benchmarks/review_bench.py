"""Server time and query count of the desk's pages (queue, article, claim, article list, my work,
the merge picker) with 10,000 claims.

Creates (and finally drops) its own PostgreSQL database, migrates it, bulk-creates the data and
times each page with Django's test client: median of N requests, plus the queries one request runs.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_bench_review \
        .venv/bin/python benchmarks/review_bench.py [--claims 10000] [--requests 15] [--keep]
"""

import argparse
import os
import statistics
import time

from _common import drop_database, ensure_database, populate_newsroom, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench_review"


def measure(client, url: str, requests: int) -> tuple[float, int, int]:
    from django.db import connection

    client.get(url)  # warm caches and the connection
    # Django clears connection.queries at each request start, so count with an execute wrapper.
    executed = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: executed.append(sql) or execute(sql, *rest)
    ):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(executed), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, fresh=True)
    try:
        setup_django(url, ALLOWED_HOSTS="testserver,127.0.0.1,localhost")
        from django.core.management import call_command
        from django.test import Client
        from django.urls import reverse

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        data = populate_newsroom(claims=args.claims, articles=args.claims // 10)
        print(f"populated {args.claims} claims in {time.perf_counter() - started:.1f}s")
        client = Client()
        client.force_login(data["reviewer"])
        pages = {
            "queue (default: candidates by check-worthiness)": reverse("review:queue"),
            "queue (all statuses, sorted by latest article date)": reverse("review:queue")
            + "?status=&sort=-latest_published",
            "queue (all statuses, outlet filter, sorted by date)": reverse("review:queue")
            + "?status=&outlet=Outlet+3&sort=-latest_published",
            "queue (speaker search, page 5)": reverse("review:queue") + "?speaker=Speaker+4&page=5",
            "article (20 attributions)": reverse("review:article", args=[data["article"].pk]),
            "article (154 attributions, 43 speakers)": reverse(
                "review:article", args=[data["large_article"].pk]
            ),
            "claim (50 stances, 200 history rows)": reverse(
                "review:claim", args=[data["claim"].pk]
            ),
            "article list (all, newest first)": reverse("review:articles"),
            "article list (search in title, outlet and text)": reverse("review:articles")
            + "?q=unemployment+fell+by+4217",
            "article list (status and outlet, page 3)": reverse("review:articles")
            + "?status=extracted&outlet=Outlet+3&page=3",
            "my work": reverse("review:my-work"),
            "merge picker (search as you type)": reverse("review:claim-search")
            + "?q=fell+by+42&exclude=1",
        }
        print(f"{'page':<55} {'median ms':>10} {'queries':>8} {'KiB':>7}")
        for label, page_url in pages.items():
            median, queries, size = measure(client, page_url, args.requests)
            print(f"{label:<55} {median:>10.1f} {queries:>8} {size / 1024:>7.0f}")
        from django.db import connections

        connections.close_all()
    finally:
        if not args.keep:
            drop_database(url)


if __name__ == "__main__":
    main()
