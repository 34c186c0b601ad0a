import csv
import io
import json

import pytest
from django.contrib import admin
from django.http import StreamingHttpResponse
from django.urls import reverse

from claims.models import ExportJob
from tests.claims.exports.conftest import make_verdict
from tests.factories import RatingFactory

pytestmark = pytest.mark.django_db
URL = "/review/exports/"


def rows(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/review/exports/")


@pytest.mark.parametrize("role", ["reviewer", "api_user"])
def test_reviewers_and_api_clients_get_403(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"format": "csv"}).status_code == 403
    assert client.get("/review/exports/jobs/1/").status_code == 403


def test_editor_sees_filters_and_a_button_per_format(client, editor, mostly_false):
    client.force_login(editor)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("since", "until", "rating", "outlet", "speaker", "status"):
        assert f'name="{name}"' in html
    for value in ("csv", "jsonl", "claimreview"):
        assert f'name="format" value="{value}"' in html
    assert "Truth-o-meter: Mostly false (2)" in html


def test_editor_downloads_drafts_marked_as_drafts(client, editor, mostly_false):
    published = make_verdict(rating=mostly_false, editor=editor)
    draft = make_verdict(rating=mostly_false, status="draft")
    client.force_login(editor)

    response = client.post(URL, {"format": "csv", "status": ["draft", "published"]})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert [(r["verdict_id"], r["status"]) for r in rows(response)] == [
        (str(published.pk), "published"),
        (str(draft.pk), "draft"),
    ]
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("total", [2, 20])
def test_download_query_count_does_not_grow(
    client, editor, mostly_false, django_assert_num_queries, total
):
    for _ in range(total):
        make_verdict(rating=mostly_false, editor=editor)
    client.force_login(editor)

    # 1 session; 2 user; 3-4 user and group permissions; 5 the rating filter checked;
    # 6 COUNT (stream or job?); 7 verdicts with claim, rating, scale, people; 8 appearances.
    with django_assert_num_queries(8):
        response = client.post(URL, {"format": "csv", "rating": [mostly_false.pk]})
        exported = rows(response)

    assert len(exported) == total


def test_invalid_claimreview_lists_each_problem_and_exports_nothing(client, editor, scale):
    bad = make_verdict(rating=RatingFactory(scale=scale, label="", value=3), editor=editor)
    client.force_login(editor)

    response = client.post(URL, {"format": "claimreview"})

    assert response.status_code == 422
    assert f"verdict {bad.pk}: missing reviewRating.alternateName" in response.content.decode()


def test_bad_dates_redisplay_the_form_with_a_message(client, editor):
    client.force_login(editor)

    response = client.post(URL, {"format": "csv", "since": "2024-02-01", "until": "2024-01-01"})

    assert response.status_code == 400
    assert "The start date comes after the end date." in response.content.decode()


def test_background_export_runs_as_a_job_with_progress_and_download(
    client, editor, mostly_false, media_root, django_capture_on_commit_callbacks
):
    verdict = make_verdict(rating=mostly_false, editor=editor)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post(URL, {"format": "jsonl", "background": "on"})

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/review/exports/jobs/{job.pk}/"
    # Queued after commit; tasks run in-process in tests, so the job is already done.
    assert len(queued) == 1
    assert (job.status, job.rows_written, job.rows_total, job.requested_by) == (
        "done",
        1,
        1,
        editor,
    )
    assert job.filters["statuses"] == []
    page = client.get(response["Location"]).content.decode()
    assert "1 of 1 verdicts written (100%)" in page
    assert 'http-equiv="refresh"' not in page
    assert f'href="/review/exports/jobs/{job.pk}/download/"' in page

    download = client.get(f"/review/exports/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == (
        f'attachment; filename="verdicts-export-{job.pk}.jsonl"'
    )
    lines = b"".join(download.streaming_content).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [verdict.pk]


def test_large_exports_become_jobs(
    client, editor, mostly_false, media_root, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_ASYNC_THRESHOLD = 2
    for _ in range(3):
        make_verdict(rating=mostly_false, editor=editor)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"format": "csv"})

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert (job.status, job.rows_written) == ("done", 3)
    assert job.file.name.startswith("exports/verdicts-")
    assert (media_root / job.file.name).read_text(encoding="utf-8-sig").count("\n") == 4


def test_running_job_page_refreshes_itself(client, editor):
    job = ExportJob.objects.create(
        requested_by=editor, format="csv", status="running", rows_total=200, rows_written=50
    )
    client.force_login(editor)

    page = client.get(f"/review/exports/jobs/{job.pk}/").content.decode()

    assert '<meta http-equiv="refresh" content="2">' in page
    assert "50 of 200 verdicts written (25%)" in page
    assert client.get(f"/review/exports/jobs/{job.pk}/download/").status_code == 404


def test_failed_job_page_shows_the_reason(client, editor):
    job = ExportJob.objects.create(
        requested_by=editor, format="claimreview", status="failed", error="verdict 3: missing url"
    )
    client.force_login(editor)

    page = client.get(f"/review/exports/jobs/{job.pk}/").content.decode()

    assert "verdict 3: missing url" in page
    assert "The export failed" in page


@pytest.mark.parametrize("name", ["index", "job"])
def test_export_pages_show_the_desk_header_and_user_links(client, editor, name):
    client.force_login(editor)
    client.post(reverse("exports:index"), {"format": "csv", "background": "on"})
    args = [] if name == "index" else [ExportJob.objects.get(requested_by=editor).pk]
    response = client.get(reverse(f"exports:{name}", args=args))
    page = response.content.decode()
    assert response.status_code == 200
    assert admin.site.site_header in page and "Django administration" not in page
    assert reverse("admin:logout") in page  # the user links are there
    assert page.count("<h1>") == 1
    if name == "index":
        assert '<button type="submit" name="format" value="csv" class="button default">' in page
