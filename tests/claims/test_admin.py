"""The admin keeps to the workflow: workflow fields are read-only everywhere, and the steps are
actions that go through the services (version bump, change record, webhooks)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from claims.models import Attribution, Claim, Evidence, Stance, Verdict, WebhookDelivery
from tests.claims.audit import records
from tests.factories import AttributionFactory, SourceFactory, VerdictFactory, WebhookFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_opening_a_verdict_shows_its_status_read_only(client, request, role):
    client.force_login(request.getfixturevalue(role))
    verdict = VerdictFactory()

    response = client.get(reverse("admin:claims_verdict_change", args=[verdict.pk]))

    assert response.status_code == 200
    form = response.context["adminform"]
    assert "status" not in form.form.fields and "status" in form.readonly_fields
    assert {"editor", "published_at", "version", "claim"} <= set(form.readonly_fields)
    # A draft's content is the reviewer's to edit; the workflow fields never are.
    assert "summary" in form.form.fields


def test_a_published_verdict_is_read_only_in_the_admin_even_for_an_editor(client, editor):
    client.force_login(editor)
    verdict = VerdictFactory(status="published", published_at=timezone.now())

    form = client.get(reverse("admin:claims_verdict_change", args=[verdict.pk])).context[
        "adminform"
    ]

    assert not {"rating", "summary", "explanation", "evidence", "status"} & set(form.form.fields)


@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_opening_a_claim_shows_its_status_and_assignment_read_only(client, request, role):
    client.force_login(request.getfixturevalue(role))
    claim = AttributionFactory().claim

    response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))

    assert response.status_code == 200
    form = response.context["adminform"]
    editable = set(form.form.fields)
    assert not editable & {"status", "canonical", "assigned_to", "version"}
    assert {"status", "canonical", "assigned_to", "version"} <= set(form.readonly_fields)
    [appearances] = [
        f for f in response.context["inline_admin_formsets"] if f.opts.model is Attribution
    ]
    assert "review_state" not in appearances.formset.form.base_fields


def _post_action(client, model, action, rows, **data):
    opts = model._meta
    return client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": action, "_selected_action": [row.pk for row in rows], **data},
        follow=True,
    )


def _messages(response):
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def test_publishing_in_the_admin_records_bumps_and_queues_the_webhook(
    client, editor, django_capture_on_commit_callbacks
):
    WebhookFactory(events=["verdict.published"])
    verdict = VerdictFactory(status="approved")
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = _post_action(client, Verdict, "publish_verdicts", [verdict])

    verdict.refresh_from_db()
    assert (verdict.status, verdict.version, verdict.editor) == ("published", 2, editor)
    assert verdict.published_at is not None and verdict.public_url
    [record] = records(verdict, "verdict_published")
    assert record.actor == editor
    assert record.changes["status"] == {"before": "approved", "after": "published"}
    assert WebhookDelivery.objects.get().payload["verdict"]["id"] == verdict.pk
    assert len(queued) == 1
    assert _messages(response) == [("success", f"Verdict #{verdict.pk} published.")]


def test_retracting_in_the_admin_needs_a_reason_and_reports_every_row(client, editor):
    first, second = (
        VerdictFactory(status="published", published_at=timezone.now()) for _ in range(2)
    )
    draft = VerdictFactory()
    client.force_login(editor)

    refused = _post_action(client, Verdict, "retract_verdicts", [first, second])
    assert _messages(refused) == [
        ("error", f"Verdict #{first.pk}, #{second.pk}: Say why the verdict is retracted.")
    ]
    assert not Verdict.objects.filter(status="retracted").exists()

    response = _post_action(
        client, Verdict, "retract_verdicts", [first, draft], note="The figures were revised"
    )

    assert _messages(response) == [
        ("success", f"Verdict #{first.pk} retracted."),
        ("error", f"Verdict #{draft.pk}: A verdict that is draft cannot be retracted."),
    ]
    first.refresh_from_db()
    assert (first.status, first.editor_note, first.version) == (
        "retracted",
        "The figures were revised",
        2,
    )
    assert first.retracted_at is not None and records(first, "verdict_retracted")
    assert Verdict.objects.get(pk=draft.pk).status == "draft"


def test_a_reviewer_is_offered_submit_but_not_the_editors_steps(client, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("admin:claims_verdict_changelist"))

    offered = {name for name, _ in response.context["action_form"].fields["action"].choices}
    assert "submit_verdicts" in offered
    assert not offered & {"approve_verdicts", "publish_verdicts", "retract_verdicts"}


def test_claim_actions_accept_reject_and_assign_through_the_services(client, editor, reviewer):
    accepted, rejected = AttributionFactory().claim, AttributionFactory().claim
    client.force_login(editor)

    _post_action(client, Claim, "accept_claims", [accepted])
    _post_action(client, Claim, "reject_claims", [rejected], note="Opinion, not a claim")
    response = _post_action(client, Claim, "assign_claims", [accepted], assignee=reviewer.pk)

    accepted.refresh_from_db()
    rejected.refresh_from_db()
    assert (accepted.status, accepted.version, accepted.assigned_to) == ("accepted", 2, reviewer)
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "Opinion, not a claim")
    assert [r.action for r in records(accepted)] == ["assigned", "accepted"]
    assert records(rejected, "rejected")[0].actor == editor
    assert _messages(response)[-1] == (
        "success",
        f"Claim #{accepted.pk} assigned to {reviewer}.",
    )


def test_confirming_an_appearance_in_the_admin_accepts_its_claim(client, reviewer):
    attribution = AttributionFactory()
    client.force_login(reviewer)

    _post_action(client, Attribution, "confirm_attributions", [attribution])

    attribution.refresh_from_db()
    assert (attribution.review_state, attribution.reviewed_by) == ("confirmed", reviewer)
    assert attribution.version == 2 and records(attribution, "confirmed")
    assert Claim.objects.get(pk=attribution.claim_id).status == "accepted"


def test_evidence_and_stances_added_in_the_admin_name_who_added_them(client, editor):
    claim = AttributionFactory().claim
    source = SourceFactory()
    client.force_login(editor)

    client.post(
        reverse("admin:claims_evidence_add"),
        {"claim": claim.pk, "url": "https://stats.example.org/t", "stance": "refutes"},
    )
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if key in page.context["adminform"].form.fields and value is not None
    }
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        data.update({f"{prefix}-{k}": v for k, v in management.initial.items()})
        for i, inline_form in enumerate(formset.formset.initial_forms):
            data[f"{prefix}-{i}-id"] = inline_form.instance.pk
            data.update(
                {
                    f"{prefix}-{i}-{name}": value
                    for name, value in inline_form.initial.items()
                    if name in inline_form.fields and value is not None
                }
            )
    data.update({"stances-TOTAL_FORMS": 1, "stances-0-source": source.pk})
    data.update({"stances-0-stance": "supports", "stances-0-claim": claim.pk})

    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)

    assert response.status_code == 302, response.context["errors"]
    assert Evidence.objects.get(claim=claim).added_by == editor
    assert Stance.objects.get(claim=claim, source=source).created_by == editor
