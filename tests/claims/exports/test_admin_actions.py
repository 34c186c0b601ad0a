"""The export actions on a VerdictAdmin built the way claims/admin.py is asked to register them."""

import csv
import io
import json

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import StreamingHttpResponse
from django.test import RequestFactory

from claims.exports.admin_actions import (
    VerdictExportAdminMixin,
    export_verdicts_claimreview,
    export_verdicts_csv,
    export_verdicts_jsonl,
)
from claims.models import ExportJob, Verdict
from tests.claims.exports.conftest import make_verdict
from tests.factories import RatingFactory

pytestmark = pytest.mark.django_db


class ExportingVerdictAdmin(VerdictExportAdminMixin, admin.ModelAdmin):
    pass


@pytest.fixture
def model_admin():
    return ExportingVerdictAdmin(Verdict, admin.AdminSite())


def admin_request(user):
    request = RequestFactory().post("/admin/claims/verdict/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def messages_of(request) -> list[str]:
    return [str(m) for m in request._messages]


def test_actions_are_offered_to_editors_only(model_admin, editor, reviewer):
    assert set(model_admin.get_actions(admin_request(editor))) >= {
        "export_verdicts_csv",
        "export_verdicts_jsonl",
        "export_verdicts_claimreview",
    }
    assert not {"export_verdicts_csv"} & set(model_admin.get_actions(admin_request(reviewer)))


def test_csv_action_streams_the_selection_with_drafts_marked(model_admin, editor, mostly_false):
    published = make_verdict(rating=mostly_false, editor=editor)
    draft = make_verdict(rating=mostly_false, status="draft")
    make_verdict(rating=mostly_false, editor=editor)  # not selected
    selected = Verdict.objects.filter(pk__in=[published.pk, draft.pk])

    response = export_verdicts_csv(model_admin, admin_request(editor), selected)

    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert [(r["verdict_id"], r["status"]) for r in csv.DictReader(io.StringIO(text))] == [
        (str(published.pk), "published"),
        (str(draft.pk), "draft"),
    ]


def test_jsonl_action(model_admin, editor, demo_verdict):
    response = export_verdicts_jsonl(model_admin, admin_request(editor), Verdict.objects.all())

    [record] = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert record["id"] == demo_verdict.pk
    assert record["evidence"][0]["url"] == "https://stats.example.org/budget"


def test_claimreview_action_names_drafts_left_out(model_admin, editor, mostly_false):
    published = make_verdict(rating=mostly_false, editor=editor)
    draft = make_verdict(rating=mostly_false, status="draft")
    request = admin_request(editor)

    response = export_verdicts_claimreview(model_admin, request, Verdict.objects.all())

    documents = json.loads(b"".join(response.streaming_content))
    assert [d["url"] for d in documents] == [published.public_url]
    assert messages_of(request) == [
        f"Not published, so left out of the ClaimReview export: verdict {draft.pk}."
    ]


def test_claimreview_action_refuses_invalid_verdicts_by_name(model_admin, editor, scale):
    bad = make_verdict(rating=RatingFactory(scale=scale, label="", value=3), editor=editor)
    request = admin_request(editor)

    response = export_verdicts_claimreview(model_admin, request, Verdict.objects.all())

    assert response is None
    assert messages_of(request) == [
        "Nothing was exported. Fix these first: "
        f"verdict {bad.pk}: missing reviewRating.alternateName"
    ]


def test_large_selection_becomes_a_background_job(
    model_admin, editor, mostly_false, settings, media_root, django_capture_on_commit_callbacks
):
    settings.EXPORT_ASYNC_THRESHOLD = 1
    verdicts = [make_verdict(rating=mostly_false, editor=editor) for _ in range(2)]

    with django_capture_on_commit_callbacks(execute=True):
        response = export_verdicts_csv(model_admin, admin_request(editor), Verdict.objects.all())

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/review/exports/jobs/{job.pk}/"
    assert job.filters["verdict_ids"] == [v.pk for v in verdicts]
    assert (job.status, job.rows_written) == ("done", 2)


def test_action_through_the_changelist(admin_client, editor, mostly_false, monkeypatch):
    """Registered on the live VerdictAdmin, the changelist POST returns the file."""
    verdict = make_verdict(rating=mostly_false, editor=editor)
    verdict_admin = admin.site._registry[Verdict]
    # The admin URLs are bound to this instance, so the actions are grafted onto it.
    monkeypatch.setattr(verdict_admin, "actions", VerdictExportAdminMixin.export_actions)
    monkeypatch.setattr(
        verdict_admin,
        "has_export_permission",
        VerdictExportAdminMixin.has_export_permission.__get__(verdict_admin),
        raising=False,
    )

    response = admin_client.post(
        "/admin/claims/verdict/",
        {"action": "export_verdicts_csv", "_selected_action": [verdict.pk]},
    )

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert str(verdict.pk) in b"".join(response.streaming_content).decode()
