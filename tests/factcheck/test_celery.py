"""The Celery app as configured from settings, the registered tasks and extraction's retry rule."""

from unittest import mock

import pytest
from celery.exceptions import Retry
from django.db import OperationalError

from articles.models import Article
from claims import tasks as claims_tasks
from factcheck.celery import app
from tests.factories import ArticleFactory

EXTRACTION_TASKS = ["claims.tasks.extract_article", "claims.tasks.extract_articles"]


def test_messages_are_json_only():
    assert app.conf.task_serializer == "json"
    assert app.conf.result_serializer == "json"
    assert list(app.conf.accept_content) == ["json"]


def test_every_task_has_a_soft_and_a_hard_time_limit():
    soft, hard = app.conf.task_soft_time_limit, app.conf.task_time_limit
    assert soft and hard
    # The soft limit comes first, so a task can clean up before it is killed.
    assert 0 < soft < hard


def test_the_expected_tasks_are_registered():
    app.loader.import_default_modules()

    assert {
        "claims.tasks.extract_article",
        "claims.tasks.extract_articles",
        "articles.tasks.fetch_article",
        "articles.tasks.poll_feed",
        "articles.tasks.poll_due_feeds",
        "claims.deliver_webhook",
        "claims.exports.tasks.run_export_job",
    } <= set(app.tasks)


@pytest.mark.parametrize("name", EXTRACTION_TASKS)
def test_extraction_tasks_ack_late_and_are_handed_out_again_if_the_worker_dies(name):
    app.loader.import_default_modules()
    task = app.tasks[name]

    assert task.acks_late is True
    assert task.reject_on_worker_lost is True


def test_redis_hands_out_unacknowledged_tasks_only_after_the_hard_time_limit():
    options = app.conf.broker_transport_options
    assert options["visibility_timeout"] > app.conf.task_time_limit


def test_export_task_acks_late_with_its_own_longer_limits():
    app.loader.import_default_modules()
    task = app.tasks["claims.exports.tasks.run_export_job"]

    assert (task.acks_late, task.reject_on_worker_lost) == (True, True)
    assert OperationalError in task.autoretry_for
    assert task.soft_time_limit < task.time_limit


def test_beat_polls_due_feeds():
    entries = [
        e for e in app.conf.beat_schedule.values() if e["task"] == "articles.tasks.poll_due_feeds"
    ]
    assert len(entries) == 1
    assert 0 < entries[0]["schedule"] <= 300, "feeds are checked for being due every few minutes"


@pytest.mark.django_db
def test_extract_article_retries_when_the_database_is_temporarily_gone():
    article = ArticleFactory(status=Article.Status.QUEUED)
    calls = []

    def database_gone(*, article_ids, task_id):
        calls.append(article_ids)
        raise OperationalError("server closed the connection unexpectedly")

    with (
        mock.patch.object(claims_tasks, "articles_extract", side_effect=database_gone),
        pytest.raises(Retry) as retry,
    ):
        claims_tasks.extract_article.delay(article.pk)

    assert isinstance(retry.value.exc, OperationalError)
    assert calls == [[article.pk]]
    article.refresh_from_db()
    # Nothing was recorded as a failure: the retry will do the work.
    assert (article.status, article.error) == (Article.Status.QUEUED, "")


@pytest.mark.django_db
def test_extract_article_marks_the_article_failed_on_a_non_temporary_error():
    article = ArticleFactory(status=Article.Status.QUEUED, text="The mayor said taxes will rise.")

    # The write of the extractor's result fails on bad data (a ValueError), not the database.

    with mock.patch(
        "claims.services.extraction._write", side_effect=ValueError("offsets out of range")
    ):
        summary = claims_tasks.extract_article.delay(article.pk).get()

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == "Extraction failed: offsets out of range"
    assert summary == {
        "article_id": article.pk,
        "status": "failed",
        "attributions": 0,
        "claims": 0,
        "kept_reviewed": 0,
        "error": "Extraction failed: offsets out of range",
    }


def test_worker_children_are_replaced_after_outgrowing_the_memory_limit():
    assert app.conf.worker_max_memory_per_child == 768 * 1024


def test_worker_memory_limit_is_read_from_the_environment():
    from tests.factcheck.test_settings import settings_value

    limit = "settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD"
    assert settings_value(limit, DEBUG="1", CELERY_WORKER_MAX_MEMORY_PER_CHILD="204800") == "204800"
    assert settings_value(limit, DEBUG="1", CELERY_WORKER_MAX_MEMORY_PER_CHILD="0") == "None"
