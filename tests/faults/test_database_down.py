"""The database unreachable for 15 s while a worker drains 50 tasks: every task retries with
backoff through the outage and all 50 articles end extracted."""

import time

import pytest

from articles.models import Article
from claims.tasks import extract_article
from factcheck.celery import app as celery_app
from tests.factories import ArticleFactory
from tests.faults.conftest import article_text, wait_for
from tests.services import worker_database_url

TASKS = 50
OUTAGE_SECONDS = 15


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_database_outage_while_draining_loses_no_task(processes, own_redis, db_proxy):
    # No queue time: only the tasks' own retries can bring these through, not the reconciler.
    ids = [
        ArticleFactory(text=article_text(number), status="queued", queued_at=None).pk
        for number in range(TASKS)
    ]
    processes.worker("worker", database_url=worker_database_url(port=db_proxy.port))
    with celery_app.connection_for_write(own_redis.url) as broker:
        for article_id in ids:
            extract_article.apply_async(args=[article_id], connection=broker, queue="factcheck")

    wait_for(
        lambda: Article.objects.filter(status="extracted").count() >= 5,
        timeout=90,
        what="the worker to start draining",
    )
    db_proxy.stop()
    during = Article.objects.filter(status="extracted").count()
    time.sleep(OUTAGE_SECONDS)
    db_proxy.start()
    back = time.monotonic()
    wait_for(
        lambda: Article.objects.filter(status="extracted").count() == TASKS,
        timeout=120,
        what=f"all {TASKS} articles to be extracted",
    )
    print(
        f"\n{during} of {TASKS} extracted when the database went away for {OUTAGE_SECONDS} s; "
        f"all extracted {time.monotonic() - back:.1f} s after it came back; 0 lost"
    )
    assert not Article.objects.exclude(status="extracted").exists()
    assert set(Article.objects.values_list("error", flat=True)) == {""}
