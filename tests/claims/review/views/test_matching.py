"""Matching on the review screens: the claim page's variants with their inline word diff and
suggestions with "Same claim" and "Not the same", undo, and the editors' drift page."""

import pytest
from django.urls import reverse

from claims.models import Attribution, Claim, ClaimSuggestion

pytestmark = pytest.mark.django_db


def page(client, claim):
    return client.get(reverse("review:claim", args=[claim.pk])).content.decode()


def test_claim_page_shows_the_variant_diff_and_the_suggestion(client, reviewer, drifted):
    client.force_login(reviewer)
    html = page(client, drifted["claim"])
    assert "Variants (1)" in html
    assert "<del>about</del>" in html
    assert "qualifier_dropped" in html and "Outlet B" in html
    assert "Same claim" in html and "Not the same" in html
    assert reverse("review:suggestion-confirm", args=[drifted["suggestion"].pk]) in html
    # The suggested claim's page offers the same answer, pointing at the older claim.
    other = page(client, drifted["similar"].claim)
    assert f'href="{reverse("review:claim", args=[drifted["claim"].pk])}"' in other


def test_same_claim_merges_then_undo(client, reviewer, drifted):
    client.force_login(reviewer)
    suggestion = drifted["suggestion"]
    response = client.post(reverse("review:suggestion-confirm", args=[suggestion.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("review:claim", args=[drifted["claim"].pk])
    assert Attribution.objects.get(pk=drifted["similar"].pk).claim_id == drifted["claim"].pk
    html = page(client, drifted["claim"])
    assert "Variants (2)" in html and "Undo the merge" in html

    client.post(reverse("review:suggestion-undo", args=[suggestion.pk]))
    assert Claim.objects.get(pk=suggestion.claim_id).status == Claim.Status.CANDIDATE
    assert Attribution.objects.get(pk=drifted["similar"].pk).claim_id == suggestion.claim_id


def test_not_the_same_closes_the_suggestion(client, reviewer, drifted):
    client.force_login(reviewer)
    suggestion = drifted["suggestion"]
    client.post(reverse("review:suggestion-dismiss", args=[suggestion.pk]))
    suggestion.refresh_from_db()
    assert suggestion.state == ClaimSuggestion.State.DISMISSED
    assert "No suggestions." in page(client, drifted["claim"])
    # Answering again is refused with a message, not an error page.
    response = client.post(reverse("review:suggestion-confirm", args=[suggestion.pk]), follow=True)
    assert response.status_code == 200
    assert "already answered" in response.content.decode()


def test_answers_are_posts_by_reviewers(client, drifted, api_user):
    url = reverse("review:suggestion-confirm", args=[drifted["suggestion"].pk])
    client.force_login(api_user)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code in (403, 405)
    assert client.post(reverse("review:suggestion-dismiss", args=[999999])).status_code in (
        403,
        404,
    )


def test_drift_page_ranks_altered_quotes_for_editors(client, editor, reviewer, drifted):
    client.force_login(reviewer)
    assert client.get(reverse("review:drift")).status_code == 403
    client.force_login(editor)
    html = client.get(reverse("review:drift")).content.decode()
    assert "Altered quotes (1)" in html
    assert "<del>about</del>" in html and "Jane Porter" in html
