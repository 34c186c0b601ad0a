"""Celery entry points for claims: each loads rows by id and calls a service."""

import uuid
from dataclasses import asdict

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from articles.models import Article
from claims.exports.tasks import run_export_job
from claims.services.extraction import articles_extract, articles_give_up, articles_release
from claims.services.reconcile import work_reconcile
from claims.webhook_tasks import deliver_webhook
from factcheck.work import TEMPORARY_ERRORS, enqueue, retry_countdown

# Tasks written in their own modules are re-exported: Celery's autodiscovery imports claims.tasks.
__all__ = [
    "deliver_webhook",
    "extract_article",
    "extract_articles",
    "reconcile_work",
    "run_export_job",
]


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def extract_article(self: Task, article_id: int) -> dict:
    """Extract one article's attributions and claims (safe to run twice)."""
    summaries = _extract(self, [article_id])
    return summaries[0] if summaries else {"article_id": article_id, "status": "missing"}


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def extract_articles(self: Task, article_ids: list[int]) -> list[dict]:
    """Extract a batch of articles, parsed together through ``nlp.pipe``."""
    return _extract(self, article_ids)


def _extract(task: Task, article_ids: list[int]) -> list[dict]:
    """Run the extraction; retry temporary errors with backoff (``retry_countdown``), and never
    leave an article ``extracting`` when the soft time limit or the last retry ends the task."""
    task_id = task.request.id or uuid.uuid4().hex
    try:
        return [asdict(s) for s in articles_extract(article_ids=article_ids, task_id=task_id)]
    except SoftTimeLimitExceeded:
        _over_time_limit(task_id, article_ids)
        raise
    except TEMPORARY_ERRORS as exc:
        retries = task.request.retries or 0
        countdown = retry_countdown(retries)
        if countdown is None:
            reason = f"Gave up after {retries} retries over temporary errors: {exc}".strip()
            articles_give_up(article_ids=article_ids, task_id=task_id, reason=reason[:1000])
            raise
        # The countdown decides when to stop, not Celery's max_retries.
        raise task.retry(exc=exc, countdown=countdown, max_retries=retries + 1) from exc


def _over_time_limit(task_id: str, article_ids: list[int]) -> None:
    """A lone article over the soft time limit fails with the reason; a batch's articles are each
    queued alone, so only the one that is too slow fails."""
    if len(article_ids) == 1:
        reason = (
            f"Extraction took longer than the soft time limit "
            f"({settings.CELERY_TASK_SOFT_TIME_LIMIT} s, CELERY_TASK_SOFT_TIME_LIMIT)."
        )
        articles_release(task_id=task_id, status=Article.Status.FAILED, error=reason)
        return
    articles_release(task_id=task_id, status=Article.Status.QUEUED)
    waiting = Article.objects.filter(pk__in=article_ids, status=Article.Status.QUEUED)
    for article_id in waiting.values_list("pk", flat=True):
        enqueue(extract_article, article_id)


@shared_task
def reconcile_work() -> dict:
    """Queue again the work that is due and not running (beat, every WORK_RECONCILE_INTERVAL)."""
    return asdict(work_reconcile())
