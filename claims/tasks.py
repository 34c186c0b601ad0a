"""Celery entry points for claims: each loads rows by id and calls a service."""

from dataclasses import asdict
from typing import Any

from celery import shared_task

from claims.exports.tasks import run_export_job
from claims.services.extraction import TEMPORARY_DATABASE_ERRORS, articles_extract
from claims.webhook_tasks import deliver_webhook

# Tasks written in their own modules are re-exported: Celery's autodiscovery imports claims.tasks.
__all__ = ["deliver_webhook", "extract_article", "extract_articles", "run_export_job"]

_EXTRACTION: dict[str, Any] = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TEMPORARY_DATABASE_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
}


@shared_task(**_EXTRACTION)
def extract_article(article_id: int) -> dict:
    """Extract one article's attributions and claims (safe to run twice)."""
    summaries = articles_extract(article_ids=[article_id])
    return asdict(summaries[0]) if summaries else {"article_id": article_id, "status": "missing"}


@shared_task(**_EXTRACTION)
def extract_articles(article_ids: list[int]) -> list[dict]:
    """Extract a batch of articles, parsed together through ``nlp.pipe``."""
    return [asdict(summary) for summary in articles_extract(article_ids=article_ids)]
