"""Writes for verdict exports: background export jobs, from request to file.

A job stores its format and filters, a worker writes the file into ``MEDIA_ROOT/exports/`` and
keeps ``rows_written`` / ``rows_total`` current so the job page can show progress.
"""

import logging
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import QuerySet

from claims.exports.claimreview import ClaimReviewInvalid
from claims.exports.formats import FORMATS, export_check, export_queryset
from claims.exports.permissions import can_export_all
from claims.exports.selectors import ExportFilters
from claims.models import ExportJob, Verdict
from factcheck.work import RELEASED, claim_fields, enqueue_on_commit, unclaimed

logger = logging.getLogger(__name__)
Row = TypeVar("Row")

# How often (in rows) a running job saves its progress.
PROGRESS_EVERY = 1000


def export_async_threshold() -> int:
    """Exports larger than this run as a background job rather than a streamed download."""
    return settings.EXPORT_ASYNC_THRESHOLD


def export_job_create(*, export_format: str, filters: ExportFilters, actor: User) -> ExportJob:
    """Record a background export for ``actor`` and queue it once the transaction commits."""
    from claims.exports.tasks import run_export_job

    if not can_export_all(actor):
        raise ValidationError("You are not allowed to export verdicts.")
    if export_format not in FORMATS:
        raise ValidationError(f"Unknown export format {export_format!r}: use {', '.join(FORMATS)}.")
    job = ExportJob(requested_by=actor, format=export_format, filters=filters.to_json())
    job.full_clean(exclude=["file"])
    job.save()
    enqueue_on_commit(run_export_job, job.pk)
    return job


def _counted(rows: Iterable[Row], *, job: ExportJob) -> Iterator[Row]:
    """Pass rows through, saving the running count every ``PROGRESS_EVERY`` rows."""
    written = 0
    for row in rows:
        yield row
        written += 1
        if written % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job.pk).update(rows_written=written)
    job.rows_written = written


def _fail(job: ExportJob, message: str) -> ExportJob:
    job.status = ExportJob.Status.FAILED
    job.error = message
    job.save(update_fields=["status", "error", "rows_written", "updated_at"])
    return job


def export_job_run(*, job: ExportJob, time_limit: float | None = None) -> ExportJob:
    """Write the job's file. Safe to run twice: a finished job is left alone, one another worker
    is writing too (claimed less than ``time_limit`` seconds ago), an interrupted one starts over."""
    if job.status == ExportJob.Status.DONE:
        return job
    taken = (
        ExportJob.objects.filter(pk=job.pk)
        .exclude(status=ExportJob.Status.DONE)
        .filter(unclaimed(time_limit))
        .update(**claim_fields())
    )
    if not taken:
        logger.info("Export job %s is being written by another worker", job.pk)
        return job
    try:
        return _run(job)
    finally:
        ExportJob.objects.filter(pk=job.pk).update(**RELEASED)


def _run(job: ExportJob) -> ExportJob:
    export_format = FORMATS.get(job.format)
    if export_format is None:
        return _fail(job, f"Unknown export format {job.format!r}.")
    queryset: QuerySet[Verdict] = export_queryset(
        export_format=export_format, filters=ExportFilters.from_json(job.filters)
    )
    job.status = ExportJob.Status.RUNNING
    job.rows_total = queryset.count()
    job.rows_written = 0
    job.error = ""
    job.save(update_fields=["status", "rows_total", "rows_written", "error", "updated_at"])

    try:
        export_check(export_format=export_format, queryset=queryset)
    except ClaimReviewInvalid as exc:
        return _fail(
            job, "Nothing was exported. Fix these verdicts first:\n" + "\n".join(exc.problems)
        )

    try:
        with tempfile.TemporaryFile() as handle:
            verdicts = _counted(export_format.reader(queryset), job=job)
            for chunk in export_format.chunks(verdicts):
                handle.write(chunk.encode())
            handle.seek(0)
            if job.file:
                job.file.delete(save=False)
            name = f"verdicts-{job.pk}-{secrets.token_urlsafe(12)}.{export_format.extension}"
            job.file.save(name, File(handle), save=False)
    except ClaimReviewInvalid as exc:
        return _fail(
            job, "Nothing was exported. Fix these verdicts first:\n" + "\n".join(exc.problems)
        )
    except Exception as exc:
        _fail(job, f"The export failed: {exc}")
        raise
    job.status = ExportJob.Status.DONE
    job.save(update_fields=["status", "rows_written", "file", "updated_at"])
    logger.info("Export job %s wrote %s rows to %s", job.pk, job.rows_written, job.file.name)
    return job
