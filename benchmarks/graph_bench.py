"""Latency and query counts of GET /api/v1/graph/ on PostgreSQL with 10,000 claims.

Usage: ``DEBUG=1 .venv/bin/python benchmarks/graph_bench.py [--runs 20]``

The database is ``BENCH_DATABASE_URL`` (default
postgres://postgres@127.0.0.1:5432/factcheck_bench_graph); it is created and migrated when missing
and filled once (500 articles, 300 sources, 10,000 claims, 20,000 attributions, 2,000 stances,
1,000 claim relations) with bulk_create. Each scenario is requested through the full API stack
(token authentication, permissions, serialization) with Django's test client; p50 and p95 are
wall-clock over ``--runs`` requests after one warm-up, and the query count is the same for every run.
"""

import argparse
import os
import random
import statistics
import time

from _common import ensure_database, numbered_article, said, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench_graph"
ARTICLES, SOURCES, CLAIMS, ATTRIBUTIONS = 500, 300, 10_000, 20_000
STANCES, RELATIONS = 2_000, 1_000
TOPICS = "tariff budget vaccine election pension drought".split()


def seed() -> None:
    from django.utils import timezone

    from articles.models import Article
    from claims.models import Attribution, Claim, ClaimRelation, Source, Stance

    if Claim.objects.count() >= CLAIMS:
        return
    print("Seeding ...", flush=True)
    rng = random.Random(7)
    now = timezone.now()
    articles = Article.objects.bulk_create(
        numbered_article(
            i,
            title=f"Story {i}",
            text=f"Officials argued about the {TOPICS[i % len(TOPICS)]} plan in story {i}. " * 4,
            published_at=now,
        )
        for i in range(ARTICLES)
    )
    organizations = Source.objects.bulk_create(
        Source(name=f"Ministry {i}", normalized_name=f"ministry {i}", kind="organization")
        for i in range(SOURCES // 10)
    )
    people = Source.objects.bulk_create(
        Source(
            name=f"Speaker {i}",
            normalized_name=f"speaker {i}",
            kind="person",
            affiliation=organizations[i % len(organizations)],
        )
        for i in range(SOURCES - len(organizations))
    )
    sources = organizations + people
    claims = []
    for i in range(CLAIMS):
        claim = Claim(
            text=f"The {TOPICS[i % len(TOPICS)]} figure {i} rose by {rng.randint(1, 90)} percent",
            status="accepted",
            checkworthiness=rng.random(),
        )
        claim.fill_matching_fields()
        claims.append(claim)
    claims = Claim.objects.bulk_create(claims, batch_size=2000)
    attributions = []
    for i in range(ATTRIBUTIONS):
        claim = claims[i % CLAIMS]
        article = articles[rng.randrange(ARTICLES)]
        attributions.append(
            said(
                article,
                claim,
                sources[rng.randrange(len(sources))],
                i % 200,
                i % 200 + 40,
                content=claim.text,
                extractor_version="bench",
            )
        )
    Attribution.objects.bulk_create(attributions, batch_size=2000)
    pairs = {(rng.randrange(len(sources)), rng.randrange(CLAIMS)) for _ in range(STANCES)}
    Stance.objects.bulk_create(
        Stance(source=sources[s], claim=claims[c], stance=rng.choice(["supports", "refutes"]))
        for s, c in pairs
    )
    relations = {(rng.randrange(CLAIMS), rng.randrange(CLAIMS)) for _ in range(RELATIONS)}
    ClaimRelation.objects.bulk_create(
        ClaimRelation(from_claim=claims[a], to_claim=claims[b], relation="contradicts")
        for a, b in relations
        if a != b
    )
    # Planner statistics for the freshly loaded tables, as autovacuum would gather them later.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client, headers: dict, params: dict, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get("/api/v1/graph/", params, **headers)
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    timings = []
    queries = set()
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get("/api/v1/graph/", params, **headers)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
        queries.add(len(captured.captured_queries))
    timings.sort()
    return {
        "nodes": len(body["nodes"]),
        "edges": len(body["edges"]),
        "truncated": body["truncated"],
        "p50": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
        "queries": sorted(queries),
        "bytes": len(response.content),
    }


def search_indexes_used(text: str) -> list[str]:
    """The full-text GIN indexes (migration claims/0006) PostgreSQL uses to seed ``q=text``."""
    from django.db import connection

    from claims.models import Claim
    from claims.selectors.search import claim_search

    sql, params = (
        claim_search(queryset=Claim.objects.all(), text=text).values("pk").query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    names = ("claims_claim_text_search", "articles_article_text_search")
    return [name for name in names if name in plan]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup_django(url)
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from articles.models import Article
    from claims.models import Source

    call_command("migrate", verbosity=0)
    seed()
    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
        "token": "100000/hour",
        "graph": "100000/hour",
    }
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="graph-bench", defaults={"is_superuser": True, "is_staff": True}
    )
    token, _ = Token.objects.get_or_create(user=user)
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}", "HTTP_HOST": "localhost"}
    client = Client()

    article = Article.objects.filter(url__startswith="https://news.example.org/bench/").first()
    source = Source.objects.filter(kind="person").order_by("id").first()
    scenarios = [
        ("article graph, depth 1", {"article": article.pk, "depth": 1}),
        ("source graph, depth 2", {"source": source.pk, "depth": 2}),
        ("q=tariff, depth 2, limit 10000", {"q": "tariff", "depth": 2, "limit": 10000}),
    ]
    print(f"PostgreSQL {url} — {args.runs} runs per scenario")
    print(f"q=tariff seeds through: {', '.join(search_indexes_used('tariff')) or 'no index'}")
    print(
        f"{'scenario':34} {'nodes':>6} {'edges':>6} {'trunc':>5} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'KiB':>7}"
    )
    for name, params in scenarios:
        runs = args.runs if params.get("limit", 0) < 10000 else max(5, args.runs // 4)
        result = measure(client, headers, params, runs)
        print(
            f"{name:34} {result['nodes']:>6} {result['edges']:>6} {result['truncated']!s:>5} "
            f"{result['p50']:>8.1f} {result['p95']:>8.1f} "
            f"{','.join(map(str, result['queries'])):>8} {result['bytes'] / 1024:>7.0f}"
        )


if __name__ == "__main__":
    main()
