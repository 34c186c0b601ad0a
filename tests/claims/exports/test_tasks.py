"""The background export task, run in-process (eager) as in every test without a live worker."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.exports.selectors import ExportFilters
from claims.exports.services import export_job_create
from claims.exports.tasks import run_export_job
from claims.models import ExportJob
from tests.claims.exports.conftest import make_verdict
from tests.factories import RatingFactory

pytestmark = pytest.mark.django_db


def test_task_writes_the_file_and_updates_the_job(editor, mostly_false, media_root, monkeypatch):
    import claims.exports.services as services

    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    verdicts = [make_verdict(rating=mostly_false, editor=editor) for _ in range(5)]
    make_verdict(rating=mostly_false, status="draft")
    job = ExportJob.objects.create(
        requested_by=editor,
        format="jsonl",
        filters=ExportFilters(statuses=("published",)).to_json(),
    )

    with CaptureQueriesContext(connection) as captured:
        result = run_export_job.delay(job.pk).get()

    job.refresh_from_db()
    assert result == "done"
    assert (job.status, job.rows_total, job.rows_written, job.error) == ("done", 5, 5, "")
    progress = [
        q["sql"]
        for q in captured
        if q["sql"].startswith('UPDATE "claims_exportjob" SET "rows_written"')
    ]
    assert len(progress) == 2, "progress is saved while the file is written (after rows 2 and 4)"
    assert job.file.name.startswith(f"exports/verdicts-{job.pk}-")
    assert job.file.name.endswith(".jsonl")
    lines = (media_root / job.file.name).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [v.pk for v in verdicts]


def test_running_twice_leaves_a_finished_job_alone(editor, mostly_false, media_root):
    make_verdict(rating=mostly_false, editor=editor)
    job = ExportJob.objects.create(requested_by=editor, format="csv")
    run_export_job.delay(job.pk)
    job.refresh_from_db()
    first_file = job.file.name

    assert run_export_job.delay(job.pk).get() == "done"

    job.refresh_from_db()
    assert job.file.name == first_file
    assert sorted(p.name for p in (media_root / "exports").iterdir()) == [
        first_file.removeprefix("exports/")
    ]


def test_invalid_claimreview_fails_the_job_naming_verdicts(editor, scale, media_root):
    bad = make_verdict(rating=RatingFactory(scale=scale, label="", value=3), editor=editor)
    job = ExportJob.objects.create(requested_by=editor, format="claimreview")

    assert run_export_job.delay(job.pk).get() == "failed"

    job.refresh_from_db()
    assert job.status == "failed"
    assert f"verdict {bad.pk}: missing reviewRating.alternateName" in job.error
    assert not job.file


def test_deleted_job_is_logged_not_raised(caplog):
    assert run_export_job.delay(987654).get() == "missing"
    assert "Export job 987654 no longer exists" in caplog.text


def test_create_queues_the_task_after_commit(
    editor, mostly_false, media_root, django_capture_on_commit_callbacks
):
    make_verdict(rating=mostly_false, editor=editor)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = export_job_create(export_format="csv", filters=ExportFilters(), actor=editor)

    assert ExportJob.objects.get().status == "queued"
    assert len(queued) == 1
    queued[0]()
    job.refresh_from_db()
    assert (job.status, job.rows_written) == ("done", 1)


def test_create_refuses_reviewers_and_unknown_formats(editor, reviewer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not allowed"):
        export_job_create(export_format="csv", filters=ExportFilters(), actor=reviewer)
    with pytest.raises(ValidationError, match="Unknown export format 'xls'"):
        export_job_create(export_format="xls", filters=ExportFilters(), actor=editor)
    assert not ExportJob.objects.exists()
