"""The verdict workflow: draft, submit, approve, send back, publish, retract."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from claims.models import ChangeRecord, Verdict, WebhookDelivery
from claims.services import verdicts
from claims.services.locking import Conflict
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    ReviewRatingFactory,
    UserFactory,
    VerdictFactory,
    WebhookFactory,
)

pytestmark = pytest.mark.django_db


def actions(verdict):
    return [
        r.action
        for r in ChangeRecord.objects.filter(
            target_type="claims.verdict", target_id=verdict.pk
        ).order_by("id")
    ]


def test_draft_creates_then_edits_the_current_verdict(reviewer):
    claim = ClaimFactory()
    rating = RatingFactory()
    evidence = EvidenceFactory(claim=claim)

    verdict = verdicts.verdict_draft(
        claim=claim, actor=reviewer, rating=rating, summary="Off by half"
    )
    edited = verdicts.verdict_draft(
        claim=claim,
        actor=reviewer,
        rating=rating,
        summary="Off by a third",
        evidence=[evidence],
        expected_version=1,
    )

    assert edited.pk == verdict.pk
    verdict.refresh_from_db()
    assert (verdict.summary, verdict.version, verdict.reviewer) == ("Off by a third", 2, reviewer)
    assert list(verdict.evidence.all()) == [evidence]
    assert actions(verdict) == ["verdict_drafted", "verdict_edited"]
    change = ChangeRecord.objects.get(action="verdict_edited")
    assert change.changes["summary"] == {"before": "Off by half", "after": "Off by a third"}
    assert change.claim == claim


def test_two_reviewers_drafting_at_once_conflict_instead_of_overwriting(reviewer):
    claim = ClaimFactory()
    other = UserFactory(groups=["Reviewer"])
    verdicts.verdict_draft(claim=claim, actor=reviewer, summary="Mine")

    with pytest.raises(Conflict) as caught:
        verdicts.verdict_draft(claim=claim, actor=other, summary="Theirs", expected_version=None)
    assert caught.value.current.summary == "Mine"

    verdicts.verdict_draft(claim=claim, actor=reviewer, summary="Mine, v2", expected_version=1)
    with pytest.raises(Conflict):
        verdicts.verdict_draft(claim=claim, actor=other, summary="Theirs", expected_version=1)
    assert Verdict.objects.get(claim=claim).summary == "Mine, v2"


def test_evidence_from_another_claim_is_refused(reviewer):
    with pytest.raises(ValidationError, match="evidence"):
        verdicts.verdict_draft(claim=ClaimFactory(), actor=reviewer, evidence=[EvidenceFactory()])


def test_submit_needs_rating_and_summary(reviewer):
    verdict = VerdictFactory(rating=None, summary="")
    with pytest.raises(ValidationError, match="rating and a summary"):
        verdicts.verdict_submit(verdict=verdict, actor=reviewer)
    assert Verdict.objects.get(pk=verdict.pk).status == "draft"


def test_submit_under_double_review_needs_both_ratings(reviewer):
    verdict = VerdictFactory(claim=ClaimFactory(requires_double_review=True))
    ReviewRatingFactory(claim=verdict.claim)
    with pytest.raises(ValidationError, match="two independent ratings"):
        verdicts.verdict_submit(verdict=verdict, actor=reviewer)
    ReviewRatingFactory(claim=verdict.claim)
    assert verdicts.verdict_submit(verdict=verdict, actor=reviewer).status == "in_review"


def test_reviewers_cannot_approve_publish_or_retract(reviewer):
    verdict = VerdictFactory(status="in_review")
    for call in (
        lambda: verdicts.verdict_approve(verdict=verdict, actor=reviewer),
        lambda: verdicts.verdict_publish(verdict=verdict, actor=reviewer),
        lambda: verdicts.verdict_send_back(verdict=verdict, actor=reviewer, reason="x"),
        lambda: verdicts.verdict_retract(verdict=verdict, actor=reviewer, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert Verdict.objects.get(pk=verdict.pk).status == "in_review"


@override_settings(PUBLISHER_URL="https://checks.example.org/")
def test_full_workflow_publish_sets_date_url_editor_and_queues_webhooks(
    reviewer, editor, django_capture_on_commit_callbacks
):
    # Callbacks are captured, not run: delivery itself is the webhooks module's business.
    WebhookFactory(events=["verdict.published", "verdict.retracted"])
    verdict = VerdictFactory(reviewer=reviewer)
    verdict = verdicts.verdict_submit(verdict=verdict, actor=reviewer, expected_version=1)
    verdict = verdicts.verdict_send_back(verdict=verdict, actor=editor, reason="Cite the table")
    assert (verdict.status, verdict.editor_note) == ("draft", "Cite the table")
    verdict = verdicts.verdict_submit(verdict=verdict, actor=reviewer)
    verdict = verdicts.verdict_approve(verdict=verdict, actor=editor)

    with django_capture_on_commit_callbacks(execute=False) as published:
        verdict = verdicts.verdict_publish(verdict=verdict, actor=editor, expected_version=5)

    verdict.refresh_from_db()
    assert verdict.status == "published" and verdict.published_at is not None
    assert verdict.editor == editor
    assert verdict.public_url == f"https://checks.example.org/verdicts/{verdict.pk}/"
    assert (
        WebhookDelivery.objects.get(event="verdict.published").payload["verdict"]["id"]
        == verdict.pk
    )
    assert len(published) == 1  # the delivery is queued only once the transaction commits
    assert actions(verdict) == [
        "verdict_submitted",
        "verdict_sent_back",
        "verdict_submitted",
        "verdict_approved",
        "verdict_published",
    ]

    with pytest.raises(ValidationError, match="Say why"):
        verdicts.verdict_retract(verdict=verdict, actor=editor, reason="")
    with django_capture_on_commit_callbacks(execute=False):
        verdicts.verdict_retract(verdict=verdict, actor=editor, reason="New figures")
    verdict.refresh_from_db()
    assert (verdict.status, verdict.editor_note) == ("retracted", "New figures")
    assert verdict.retracted_at is not None
    assert WebhookDelivery.objects.filter(event="verdict.retracted").count() == 1
    # A retracted verdict frees the claim for a new one.
    assert verdicts.verdict_draft(claim=verdict.claim, actor=reviewer).pk != verdict.pk


def test_publish_refuses_drafts_and_stale_versions(editor):
    draft = VerdictFactory()
    with pytest.raises(ValidationError, match="draft cannot be published"):
        verdicts.verdict_publish(verdict=draft, actor=editor)
    submitted = VerdictFactory(status="in_review", version=3)
    with pytest.raises(Conflict):
        verdicts.verdict_publish(verdict=submitted, actor=editor, expected_version=2)
    assert Verdict.objects.get(pk=submitted.pk).status == "in_review"


def test_published_verdict_is_not_edited_by_drafting(reviewer, editor):
    verdict = VerdictFactory(status="in_review")
    verdicts.verdict_publish(verdict=verdict, actor=editor)
    with pytest.raises(ValidationError, match="cannot be edited"):
        verdicts.verdict_draft(
            claim=verdict.claim, actor=editor, summary="changed", expected_version=2
        )


def test_publishing_accepts_a_candidate_claim_and_records_it(editor):
    verdict = VerdictFactory(status="in_review")
    assert verdict.claim.status == "candidate"
    verdicts.verdict_publish(verdict=verdict, actor=editor)
    verdict.claim.refresh_from_db()
    assert verdict.claim.status == "accepted"
    assert ChangeRecord.objects.filter(
        target_type="claims.claim",
        target_id=verdict.claim_id,
        actor=editor,
        action="accepted",
    ).exists()


def test_a_rejected_claim_cannot_carry_a_published_verdict(editor):
    verdict = VerdictFactory(status="approved")
    verdict.claim.status = "rejected"
    verdict.claim.save()
    with pytest.raises(ValidationError, match="claim was rejected"):
        verdicts.verdict_publish(verdict=verdict, actor=editor)
    assert Verdict.objects.get(pk=verdict.pk).status == "approved"


@pytest.mark.parametrize(
    ("status", "reviewer_may", "editor_may"),
    [
        ("draft", ["edit", "submit"], ["edit", "submit"]),
        ("in_review", [], ["edit", "approve", "send_back", "publish"]),
        ("approved", [], ["edit", "send_back", "publish"]),
        ("published", [], ["retract"]),
        ("retracted", [], []),
    ],
)
def test_actions_for_each_status_and_role(reviewer, editor, status, reviewer_may, editor_may):
    verdict = VerdictFactory.build(status=status)
    assert verdicts.verdict_actions_for(verdict=verdict, actor=reviewer) == reviewer_may
    assert verdicts.verdict_actions_for(verdict=verdict, actor=editor) == editor_may
    api_client = UserFactory(groups=["API client"])
    assert verdicts.verdict_actions_for(verdict=verdict, actor=api_client) == []


STEPS = {
    "edit": lambda v, actor: verdicts.verdict_draft(
        claim=v.claim, actor=actor, summary="Reworded", expected_version=v.version
    ),
    "submit": lambda v, actor: verdicts.verdict_submit(verdict=v, actor=actor),
    "approve": lambda v, actor: verdicts.verdict_approve(verdict=v, actor=actor),
    "send_back": lambda v, actor: verdicts.verdict_send_back(verdict=v, actor=actor, reason="Why"),
    "publish": lambda v, actor: verdicts.verdict_publish(verdict=v, actor=actor),
    "retract": lambda v, actor: verdicts.verdict_retract(verdict=v, actor=actor, reason="Why"),
}


@pytest.mark.parametrize("status", [s for s in Verdict.Status.values if s != "retracted"])
@pytest.mark.parametrize("action", list(STEPS))
def test_services_allow_exactly_what_the_table_allows_an_editor(editor, status, action):
    published_at = timezone.now() if status == "published" else None
    verdict = VerdictFactory(status=status, published_at=published_at)
    allowed = action in verdicts.VERDICT_TRANSITIONS[status]

    if allowed:
        STEPS[action](verdict, editor)
    else:
        with pytest.raises(ValidationError, match="cannot be"):
            STEPS[action](verdict, editor)

    verdict.refresh_from_db()
    step = verdicts.VERDICT_ACTIONS[action]
    expected = (step.to or status) if allowed else status
    assert verdict.status == expected
    assert (verdict.version == 2) is allowed
    assert (actions(verdict) == [step.record]) is allowed


def test_a_retracted_verdict_takes_no_step(editor):
    verdict = VerdictFactory(status="retracted", published_at=timezone.now())
    for action in ("submit", "approve", "send_back", "publish", "retract"):
        with pytest.raises(ValidationError, match="retracted cannot be"):
            STEPS[action](verdict, editor)
    assert Verdict.objects.get(pk=verdict.pk).version == 1


def test_a_reviewer_edits_drafts_only_and_someone_without_a_role_nothing(reviewer):
    verdict = VerdictFactory(status="in_review")
    with pytest.raises(ValidationError, match="submitted to editor cannot be edited"):
        STEPS["edit"](verdict, reviewer)
    with pytest.raises(PermissionDenied, match="Only reviewers and editors"):
        verdicts.verdict_draft(claim=ClaimFactory(), actor=UserFactory(groups=["API client"]))
    assert not Verdict.objects.exclude(pk=verdict.pk).exists()


def test_verdict_step_gives_the_reason_only_to_the_steps_that_ask_one(reviewer, editor):
    verdict = VerdictFactory(reviewer=reviewer, status="in_review")

    approved = verdicts.verdict_step(
        action="approve", verdict=verdict, actor=editor, reason="Fine", expected_version=1
    )
    assert (approved.status, approved.editor_note) == ("approved", "")
    with pytest.raises(ValidationError, match="Say what the reviewer should change"):
        verdicts.verdict_step(action="send_back", verdict=approved, actor=editor, reason=" ")
    sent_back = verdicts.verdict_step(
        action="send_back", verdict=approved, actor=editor, reason="Cite the table"
    )

    assert (sent_back.status, sent_back.editor_note) == ("draft", "Cite the table")


def test_each_step_needs_the_permission_the_table_gives_it():
    assert {
        action: verdicts.verdict_action_permission(action) for action in verdicts.VERDICT_STEPS
    } == {
        "submit": verdicts.REVIEWER,
        "approve": verdicts.EDITOR,
        "send_back": verdicts.EDITOR,
        "publish": verdicts.EDITOR,
        "retract": verdicts.EDITOR,
    }
