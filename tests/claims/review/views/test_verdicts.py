"""Verdicts: drafting one from two sessions, the editors' workflow, and the editors' inbox."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from claims.models import ChangeRecord, Verdict
from claims.services.verdicts import verdict_actions_for
from tests.factories import VerdictFactory

pytestmark = pytest.mark.django_db


def test_two_sessions_edit_a_verdict_second_is_told_and_keeps_input(
    client, reviewer, other_reviewer, world
):
    """Both load version 1; the first save wins; the second sees both and keeps their text."""
    claim, verdict = world["claim"], world["verdict"]
    first, second = client, client.__class__()
    first.force_login(reviewer)
    second.force_login(other_reviewer)
    url = reverse("review:claim", args=[claim.pk])
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()
    post = reverse("review:claim-verdict", args=[claim.pk])

    saved = first.post(
        post, {"version": 1, "rating": verdict.rating_id, "summary": "First summary"}
    )
    stale = second.post(
        post, {"version": 1, "rating": verdict.rating_id, "summary": "Second summary"}
    )

    assert saved.status_code == 302
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Someone else saved first" in page
    assert "First summary" in page  # the saved value, beside
    assert "Second summary</textarea>" in page  # their input, kept in the form
    assert 'name="version" value="2"' in page  # saving again is a deliberate overwrite
    verdict.refresh_from_db()
    assert (verdict.summary, verdict.version) == ("First summary", 2)

    again = second.post(
        post, {"version": 2, "rating": verdict.rating_id, "summary": "Second summary"}
    )
    assert again.status_code == 302
    verdict.refresh_from_db()
    assert verdict.summary == "Second summary"
    edits = ChangeRecord.objects.filter(action="verdict_edited").order_by("id")
    assert [(r.actor, r.changes["summary"]["after"]) for r in edits] == [
        (reviewer, "First summary"),
        (other_reviewer, "Second summary"),
    ]


def test_verdict_workflow_through_the_views(client, reviewer, editor, world):
    verdict = world["verdict"]
    client.force_login(reviewer)
    client.post(reverse("review:verdict-submit", args=[verdict.pk]), {"version": 1})
    client.force_login(editor)
    url = reverse("review:verdict-publish", args=[verdict.pk])
    refused = client.post(url, {"version": 2}, follow=True)
    assert "Publishing needs an explanation and at least one piece of evidence" in (
        refused.content.decode()
    )
    response = client.post(url, {"version": 2, "note": "The readout is the evidence."})
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert verdict.status == "published" and verdict.editor == editor
    public = client.get(reverse("public-verdict", args=[verdict.pk]))
    assert public.status_code == 200
    assert "<strong>Mostly false</strong>" in public.content.decode()
    assert reverse("public-verdict", args=[verdict.pk]) in verdict.public_url
    client.post(reverse("review:verdict-retract", args=[verdict.pk]), {"version": 3, "note": ""})
    assert Verdict.objects.get(pk=verdict.pk).status == "published"  # a reason is required


def test_verdict_inbox_lists_waiting_verdicts(client, editor, world):
    VerdictFactory(status="in_review")
    client.force_login(editor)
    response = client.get(reverse("review:verdicts"))
    assert len(response.context["waiting"]) == 1


def test_verdict_inbox_shows_published_verdicts_however_many_wait(
    client, editor, world, monkeypatch, django_assert_num_queries
):
    from django.utils import timezone

    from claims.review.views import verdicts

    monkeypatch.setattr(verdicts, "INBOX_SIZE", 3)
    for _ in range(5):
        VerdictFactory(status="in_review")
    published = VerdictFactory(status="published", published_at=timezone.now())
    client.force_login(editor)
    # session, user, the user's own and group permissions (2), waiting rows, waiting count,
    # published rows, my work's counts in the navigation
    with django_assert_num_queries(8):
        response = client.get(reverse("review:verdicts"))
    assert len(response.context["waiting"]) == 3
    assert response.context["waiting_count"] == 5
    assert response.context["published"] == [published]
    assert "The 3 that have waited longest are shown." in response.content.decode()


ACTION_URLS = {
    "submit": "review:verdict-submit",
    "approve": "review:verdict-approve",
    "send_back": "review:verdict-send-back",
    "publish": "review:verdict-publish",
    "retract": "review:verdict-retract",
}


@pytest.mark.parametrize("status", [s for s, _ in Verdict.Status.choices])
@pytest.mark.parametrize("role", ["reviewer", "editor"])
@pytest.mark.parametrize("page", ["review:claim", "review:verdict"])
def test_pages_offer_the_actions_the_workflow_allows(client, request, role, status, page):
    """The claim page and the verdict page show a form for each action of
    ``verdict_actions_for`` and no other; the draft form only where "edit" is allowed."""
    user = request.getfixturevalue(role)
    dates = {
        "published_at": timezone.now() if status in ("published", "retracted") else None,
        "retracted_at": timezone.now() if status == "retracted" else None,
    }
    verdict = VerdictFactory(status=status, **dates)
    client.force_login(user)
    pk = verdict.claim_id if page == "review:claim" else verdict.pk

    html = client.get(reverse(page, args=[pk])).content.decode()

    allowed = verdict_actions_for(verdict=verdict, actor=user)
    if page == "review:claim" and status == "retracted":
        # A retracted verdict is no longer the claim's: the page offers a new draft instead.
        allowed = ["edit"]
    shown = {a for a, name in ACTION_URLS.items() if reverse(name, args=[verdict.pk]) in html}
    assert shown == set(allowed) - {"edit"}
    if page == "review:claim":
        editable = reverse("review:claim-verdict", args=[verdict.claim_id]) in html
        assert editable == ("edit" in allowed)


def test_submit_with_the_form_saves_its_fields_first(client, reviewer, world):
    """Typing in the verdict form and pressing submit without saving: the editor gets the text."""
    claim, verdict = world["claim"], world["verdict"]
    client.force_login(reviewer)

    response = client.post(
        reverse("review:verdict-submit", args=[verdict.pk]),
        {
            "version": 1,
            "rating": verdict.rating_id,
            "summary": "Typed, never saved",
            "explanation": "Also typed.",
        },
    )

    assert response.status_code == 302
    verdict.refresh_from_db()
    assert (verdict.status, verdict.summary, verdict.explanation) == (
        "in_review",
        "Typed, never saved",
        "Also typed.",
    )
    assert list(
        ChangeRecord.objects.filter(claim=claim).order_by("id").values_list("action", flat=True)
    )[-2:] == ["verdict_edited", "verdict_submitted"]


def test_submit_refused_keeps_the_form_and_the_draft(client, reviewer, world):
    """An empty summary cannot be submitted: the page comes back with the typed explanation and
    the verdict is unchanged (neither saved nor submitted)."""
    verdict = world["verdict"]
    client.force_login(reviewer)

    response = client.post(
        reverse("review:verdict-submit", args=[verdict.pk]),
        {"version": 1, "rating": verdict.rating_id, "summary": "", "explanation": "Kept text"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "before submitting" in page
    assert "Kept text</textarea>" in page
    verdict.refresh_from_db()
    assert (verdict.status, verdict.summary, verdict.version) == ("draft", "Half of it.", 1)


def test_submit_with_a_stale_form_is_a_conflict_with_the_input_kept(client, reviewer, world):
    verdict = world["verdict"]
    client.force_login(reviewer)
    url = reverse("review:verdict-submit", args=[verdict.pk])
    client.post(
        reverse("review:claim-verdict", args=[world["claim"].pk]),
        {"version": 1, "rating": verdict.rating_id, "summary": "Saved elsewhere"},
    )

    response = client.post(url, {"version": 1, "rating": verdict.rating_id, "summary": "Mine"})

    assert response.status_code == 409
    assert "Mine</textarea>" in response.content.decode()
    verdict.refresh_from_db()
    assert (verdict.status, verdict.summary) == ("draft", "Saved elsewhere")


def test_the_editors_verdict_page_shows_what_the_verdict_is_judged_by(
    client, reviewer, editor, world, django_assert_num_queries
):
    verdict = world["verdict"]
    client.force_login(reviewer)
    client.post(
        reverse("review:verdict-submit", args=[verdict.pk]),
        {"version": 1, "rating": verdict.rating_id, "summary": "Half, and why."},
    )
    client.force_login(editor)
    url = reverse("review:verdict", args=[verdict.pk])
    client.get(url)  # warm the session
    # session, user, user and group permissions, the verdict, cited evidence, the claim's
    # evidence, its history, appearances, stances, blind ratings, evidence check for publishing,
    # my work's counts.
    with django_assert_num_queries(13):
        response = client.get(url)
    page = response.content.decode()
    assert "<del>Half of it.</del> → <ins>Half, and why.</ins>" in page
    assert escape(world["outer"].content) in page  # an appearance
    assert "Lloyd Austin" in page  # a stance holder
    assert "Not yet shown to readers: an explanation, at least one piece of evidence." in page
    assert f'name="next" value="{url}"' in page  # Approve and Publish come back here
    approved = client.post(
        reverse("review:verdict-approve", args=[verdict.pk]), {"version": 3, "next": url}
    )
    assert approved["Location"] == url


def test_publishing_with_explanation_and_evidence_needs_no_reason(client, editor, world):
    verdict = world["verdict"]
    verdict.status = "approved"
    verdict.explanation = "The readout says so."
    verdict.save()
    verdict.evidence.add(world["claim"].evidence.first())
    client.force_login(editor)
    client.post(reverse("review:verdict-publish", args=[verdict.pk]), {"version": 1})
    verdict.refresh_from_db()
    assert (verdict.status, verdict.editor_note) == ("published", "")


def test_an_override_reason_is_kept_as_the_editors_note(client, editor, world):
    verdict = world["verdict"]
    verdict.status = "approved"
    verdict.save()
    client.force_login(editor)
    client.post(
        reverse("review:verdict-publish", args=[verdict.pk]),
        {"version": 1, "note": "Breaking news; sources follow."},
    )
    verdict.refresh_from_db()
    assert verdict.status == "published"
    assert verdict.editor_note == (
        "Published without an explanation and at least one piece of evidence: "
        "Breaking news; sources follow."
    )
