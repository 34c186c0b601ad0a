"""A background export end to end: queued after commit, sent through Redis, written by a live worker.

The worker is another process with the default MEDIA_ROOT (the project's media/), so the file is
read through the job's storage like the download view does, and deleted afterwards.
"""

import csv
import io
import time

import pytest

from claims.exports.csv import COLUMNS
from claims.exports.selectors import ExportFilters
from claims.exports.services import export_job_create
from claims.models import ExportJob
from tests.claims.exports.conftest import make_verdict

FINISHED = {ExportJob.Status.DONE, ExportJob.Status.FAILED}


def wait_for_job(job_id: int, timeout: float = 60.0) -> ExportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ExportJob.objects.get(pk=job_id)
        if job.status in FINISHED:
            return job
        time.sleep(0.2)
    pytest.fail(f"export job {job_id} stayed {job.status!r} for {timeout:.0f} s")


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_live_worker_writes_the_csv_of_published_verdicts(live_worker, editor, mostly_false):
    published = make_verdict(
        rating=mostly_false, editor=editor, text="Zürich’s budget grew by 20 percent"
    )
    make_verdict(rating=mostly_false, status="draft", text="A draft nobody may see yet")

    job = export_job_create(
        export_format="csv", filters=ExportFilters(statuses=("published",)), actor=editor
    )
    # Autocommit: the on-commit hook has already sent the task to the worker.
    job = wait_for_job(job.pk)
    try:
        assert (job.status, job.error) == (ExportJob.Status.DONE, "")
        assert (job.rows_total, job.rows_written) == (1, 1)
        assert job.requested_by == editor
        assert job.file.name.startswith(f"exports/verdicts-{job.pk}-")
        assert job.file.name.endswith(".csv")
        with job.file.open("rb") as handle:
            text = handle.read().decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == job.rows_written
        [row] = rows
        assert list(row) == COLUMNS
        assert row["verdict_id"] == str(published.pk)
        assert row["status"] == "published"
        assert row["claim"] == "Zürich’s budget grew by 20 percent"
        assert row["speaker"] == "Maria Lopez"
        assert row["rating"] == "Mostly false"
        assert row["published_at"] == "2024-03-05T09:30:00+00:00"
        assert row["editor"] == "Edna Editor"
    finally:
        name = job.file.name
        if name:
            job.file.delete(save=False)
    assert not job.file.storage.exists(name)
