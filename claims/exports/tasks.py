"""Celery entry point for background verdict exports (imported by claims/tasks.py for discovery)."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from claims.exports.services import export_job_run
from claims.models import ExportJob

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
    # A million-row export takes minutes, not the default five.
    soft_time_limit=3600,
    time_limit=3660,
)
def run_export_job(job_id: int) -> str:
    """Write the file of one export job; safe to run twice (a finished job is left alone)."""
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None:
        logger.warning("Export job %s no longer exists; nothing to do", job_id)
        return "missing"
    return export_job_run(job=job, time_limit=run_export_job.time_limit).status
