"""Extraction tasks: in-process by default; through Redis to a live worker on PostgreSQL when marked."""

import time
from pathlib import Path
from unittest import mock

import pytest
from celery.exceptions import Retry, SoftTimeLimitExceeded
from django.db import OperationalError

from articles.models import Article
from articles.services import article_create_from_text
from claims.tasks import extract_article, extract_articles
from tests.factories import ArticleFactory

SAMPLE = Path(__file__).resolve().parents[2] / "articles" / "demo" / "pentagon-belousov-call.txt"


@pytest.mark.django_db
def test_extract_articles_batch_runs_in_process():
    first = ArticleFactory(text="“Taxes will not rise,” the mayor said on Monday.")
    second = ArticleFactory(text="The council, its chairman said, will vote in May.")
    summaries = extract_articles.delay([first.pk, second.pk]).get()
    assert [s["article_id"] for s in summaries] == [first.pk, second.pk]
    assert set(Article.objects.values_list("status", flat=True)) == {"extracted"}


@pytest.mark.django_db
def test_extract_article_for_a_deleted_article_returns_missing():
    assert extract_article.delay(424242).get() == {"article_id": 424242, "status": "missing"}


def wait_for_status(article_id: int, wanted: str, timeout: float = 90.0) -> Article:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        article = Article.objects.get(pk=article_id)
        if article.status == wanted:
            return article
        time.sleep(0.2)
    pytest.fail(f"article {article_id} stayed {article.status!r}: {article.error}")


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_extract_article_round_trip_through_redis_and_a_live_worker(live_worker):
    article = ArticleFactory(text=SAMPLE.read_text(encoding="utf-8"), status="queued")
    summary = extract_article.delay(article.pk).get(timeout=120)
    article.refresh_from_db()
    assert article.status == "extracted"
    assert summary["article_id"] == article.pk
    assert summary["attributions"] == article.attributions.count() >= 8
    assert article.attributions.filter(speaker__name="Dmitry Peskov").exists()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_ingested_article_is_extracted_by_the_worker_after_commit(live_worker):
    article = article_create_from_text(text=SAMPLE.read_text(encoding="utf-8"))
    extracted = wait_for_status(article.pk, "extracted")
    assert extracted.attributions.filter(speaker__name="Lloyd Austin", kind="direct").exists()


def _soft_limit_after_claiming(texts, **kwargs):
    next(iter(texts))
    raise SoftTimeLimitExceeded()


@pytest.mark.django_db
def test_an_article_over_the_soft_time_limit_fails_with_the_reason(monkeypatch):
    """Finding 5: SoftTimeLimitExceeded was not caught and the article stayed extracting."""
    monkeypatch.setattr("claims.extraction.extract_many", _soft_limit_after_claiming)
    article = ArticleFactory(status="queued", text="The mayor said taxes will rise.")
    with pytest.raises(SoftTimeLimitExceeded):
        extract_article.delay(article.pk)
    article.refresh_from_db()
    assert article.status == "failed"
    assert "soft time limit" in article.error
    assert (article.claimed_by, article.claimed_at) == ("", None)


@pytest.mark.django_db
def test_a_batch_over_the_soft_time_limit_is_queued_again_one_article_a_task(monkeypatch):
    monkeypatch.setattr("claims.extraction.extract_many", _soft_limit_after_claiming)
    ids = [ArticleFactory(status="queued", text=f"He said {n}.").pk for n in range(3)]
    queued = []
    monkeypatch.setattr(extract_article, "delay", queued.append)
    with pytest.raises(SoftTimeLimitExceeded):
        extract_articles.delay(ids)
    assert sorted(queued) == ids
    assert set(Article.objects.values_list("status", flat=True)) == {"queued"}


@pytest.mark.django_db
def test_a_database_outage_is_retried_well_past_five_attempts_then_recorded(monkeypatch):
    """Finding 4: max_retries=5 a second apart lost the tasks of a 10 s database stop."""
    article = ArticleFactory(status="queued", text="The mayor said taxes will rise.")
    gone = OperationalError("server closed the connection unexpectedly")
    monkeypatch.setattr("claims.tasks.articles_extract", mock.Mock(side_effect=gone))
    with pytest.raises(Retry):
        extract_article.apply(args=[article.pk], retries=12, throw=True)
    article.refresh_from_db()
    assert (article.status, article.error) == ("queued", "")

    with pytest.raises(OperationalError):
        extract_article.apply(args=[article.pk], retries=1000, throw=True)
    article.refresh_from_db()
    assert article.status == "failed"
    assert article.error.startswith("Gave up after 1000 retries over temporary errors")
