"""The reconciler queues again what is due and not running (findings 1 to 4 of issue 11)."""

import datetime

import pytest
from django.utils import timezone

from claims import tasks as claims_tasks
from claims.models import ExportJob, WebhookDelivery
from claims.services.reconcile import work_reconcile
from claims.webhook_tasks import deliver_webhook
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


@pytest.fixture
def sent(monkeypatch):
    """What the reconciler sends, by task name (nothing runs)."""
    from articles import tasks as article_tasks
    from claims.exports import tasks as export_tasks

    calls: dict[str, list] = {}
    for task in (
        claims_tasks.extract_articles,
        article_tasks.fetch_article,
        deliver_webhook,
        export_tasks.run_export_job,
    ):
        name = task.name.rsplit(".", 1)[-1]
        monkeypatch.setattr(
            task,
            "delay",
            lambda *args, _name=name, **kwargs: calls.setdefault(_name, []).append(args),
        )
    return calls


def reconcile(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return work_reconcile()


def test_articles_held_by_a_killed_worker_are_queued_again(
    settings, sent, django_capture_on_commit_callbacks
):
    """Finding 1: a SIGKILLed worker's batch stayed extracting with nobody to sweep it."""
    limit = settings.CELERY_TASK_TIME_LIMIT
    dead = ArticleFactory(status="extracting", claimed_at=ago(limit + 5), attempts=1)
    alive = ArticleFactory(status="extracting", claimed_at=ago(limit - 30), attempts=1)
    summary = reconcile(django_capture_on_commit_callbacks)

    assert summary.requeued_stale == 1 and summary.extractions == 1
    assert sent["extract_articles"] == [([dead.pk],)]
    dead.refresh_from_db()
    assert (dead.status, dead.claimed_by, dead.claimed_at) == ("queued", "", None)
    alive.refresh_from_db()
    assert alive.status == "extracting"


def test_an_article_that_kills_every_worker_fails_with_the_reason(
    settings, sent, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        status="extracting",
        claimed_at=ago(settings.CELERY_TASK_TIME_LIMIT + 5),
        attempts=settings.WORK_MAX_ATTEMPTS,
    )
    assert reconcile(django_capture_on_commit_callbacks).failed_stale == 1
    article.refresh_from_db()
    assert article.status == "failed"
    assert "stopped before finishing it" in article.error
    assert "extract_articles" not in sent


def test_queued_articles_are_sent_again_after_the_grace_period_only(
    settings, sent, django_capture_on_commit_callbacks
):
    """Findings 2 and 4: a send lost to a broker outage left the article queued forever."""
    grace = settings.WORK_QUEUED_GRACE
    waiting = ArticleFactory(status="queued", queued_at=ago(grace + 1))
    fresh = ArticleFactory(status="queued", queued_at=ago(grace - 10))
    unwanted = ArticleFactory(status="queued", queued_at=None)  # ingested with --no-extract
    url = ArticleFactory(status="queued", queued_at=ago(grace + 1), text="", url="https://a.test/1")

    summary = reconcile(django_capture_on_commit_callbacks)

    assert (summary.extractions, summary.fetches) == (1, 1)
    assert sent["extract_articles"] == [([waiting.pk],)]
    assert sent["fetch_article"] == [(url.pk,)]
    waiting.refresh_from_db()
    assert waiting.queued_at > ago(5), "sent now, so the next run waits another grace period"
    assert fresh.pk not in sent["extract_articles"][0][0]
    assert unwanted.pk not in sent["extract_articles"][0][0]
    # Run again at once: nothing is sent twice.
    assert reconcile(django_capture_on_commit_callbacks).extractions == 0


def test_pending_webhook_deliveries_are_sent_again(
    settings, sent, django_capture_on_commit_callbacks
):
    """Finding 3: deliveries made while the broker was down stayed pending forever."""
    grace = settings.WORK_QUEUED_GRACE
    owner = UserFactory()
    webhook = owner.webhooks.create(url="https://hooks.test/", secret="s", events=["x"])
    lost = WebhookDelivery.objects.create(
        webhook=webhook, event="verdict.published", payload={}, due_at=ago(grace + 1)
    )
    WebhookDelivery.objects.create(  # a retry scheduled for later
        webhook=webhook, event="verdict.published", payload={}, due_at=ago(-600)
    )
    WebhookDelivery.objects.create(  # a live worker is posting it
        webhook=webhook,
        event="verdict.published",
        payload={},
        due_at=ago(grace + 1),
        claimed_at=ago(1),
    )
    assert reconcile(django_capture_on_commit_callbacks).deliveries == 1
    assert sent["deliver_webhook"] == [(lost.pk,)]


def test_export_jobs_left_queued_or_by_a_dead_worker_are_sent_again(
    settings, sent, django_capture_on_commit_callbacks
):
    queued = ExportJob.objects.create(format="csv")
    ExportJob.objects.filter(pk=queued.pk).update(updated_at=ago(settings.WORK_QUEUED_GRACE + 1))
    running = ExportJob.objects.create(format="csv", status="running", claimed_at=ago(60))
    ExportJob.objects.filter(pk=running.pk).update(updated_at=ago(settings.WORK_QUEUED_GRACE + 1))
    assert reconcile(django_capture_on_commit_callbacks).exports == 1
    assert sent["run_export_job"] == [(queued.pk,)]


def test_the_beat_task_returns_the_counts():
    assert claims_tasks.reconcile_work.delay().get() == {
        "requeued_stale": 0,
        "failed_stale": 0,
        "extractions": 0,
        "fetches": 0,
        "deliveries": 0,
        "exports": 0,
    }


def test_reconciling_a_big_backlog_costs_a_few_queries_per_kind(
    settings, sent, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for _ in range(40):
        ArticleFactory(status="queued", queued_at=ago(settings.WORK_QUEUED_GRACE + 1))
    with django_assert_max_num_queries(16):
        summary = reconcile(django_capture_on_commit_callbacks)
    assert summary.extractions == 40
    assert [len(args[0]) for args in sent["extract_articles"]] == [16, 16, 8]
