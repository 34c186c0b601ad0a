"""A worker killed (SIGKILL to its whole process group) while it holds articles loses none of
them: the next worker's reconciler finds the stale claims and every article is extracted once."""

import time

import pytest
from django.db.models import Count

from articles.models import Article
from articles.services import EXTRACTION_BATCH_SIZE
from claims.models import Attribution
from tests.faults.conftest import article_text, wait_for

ARTICLES = 60
# A claim goes stale after the workers' 30 s hard time limit; the reconciler runs every 3 s.
RECOVERY_BOUND = 150


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_articles_are_all_extracted_once_by_the_next_worker(processes, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(ARTICLES):
        (folder / f"story-{number:02}.txt").write_text(article_text(number), encoding="utf-8")
    ingest = processes.manage("ingest", str(folder), timeout=120)
    assert f"{ARTICLES} created" in ingest.stdout

    first = processes.worker("first")
    # Killed in the middle of a batch: every article of it claimed, parsing under way.
    wait_for(
        lambda: Article.objects.filter(status="extracting").count() >= EXTRACTION_BATCH_SIZE,
        timeout=90,
        what="the first worker to claim a batch",
    )
    processes.kill(first)
    held = set(Article.objects.filter(status="extracting").values_list("pk", flat=True))
    assert held, "the worker was killed while holding articles"

    processes.worker("second")
    started = time.monotonic()
    wait_for(
        lambda: Article.objects.filter(status="extracted").count() == ARTICLES,
        timeout=RECOVERY_BOUND,
        what=f"all {ARTICLES} articles to be extracted",
    )
    print(
        f"\nkilled worker held {len(held)} articles; all {ARTICLES} extracted "
        f"{time.monotonic() - started:.1f} s after the second worker was ready; 0 lost"
    )

    # Each article was taken once, the killed worker's ones twice (their first take died).
    attempts = dict(Article.objects.values_list("pk", "attempts"))
    assert {pk for pk, count in attempts.items() if count == 2} == held
    assert {count for pk, count in attempts.items() if pk not in held} == {1}
    # Nothing was written twice: one row per span, and every article has its attributions.
    doubled = (
        Attribution.objects.values("article", "content_start", "content_end")
        .annotate(rows=Count("id"))
        .filter(rows__gt=1)
    )
    assert not doubled.exists()
    assert not Article.objects.annotate(rows=Count("attributions")).filter(rows=0).exists()
