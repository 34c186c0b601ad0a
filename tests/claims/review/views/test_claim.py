"""The claim page: everything hanging from a claim, its actions and the stale-edit conflict (its
query count: test_query_counts.py)."""

import pytest
from django.urls import reverse

from claims.models import Attribution, Claim

pytestmark = pytest.mark.django_db


def test_claim_page_shows_everything_and_the_history(client, reviewer, world):
    claim = world["claim"]
    client.force_login(reviewer)
    client.post(
        reverse("review:claim-reject", args=[claim.pk]), {"version": 1, "reason": "Opinion"}
    )
    client.post(
        reverse("review:claim-evidence", args=[claim.pk]),
        {"url": "https://stats.example.org/x", "title": "Stats table", "stance": "refutes"},
    )
    client.post(
        reverse("review:claim-stance", args=[claim.pk]),
        {"new_speaker_name": "Russian MOD", "new_speaker_kind": "government", "stance": "refutes"},
    )
    client.post(
        reverse("review:claim-relation", args=[claim.pk]),
        {"to_claim": world["own"].claim_id, "relation": "contradicts"},
    )

    page = client.get(reverse("review:claim", args=[claim.pk])).content.decode()

    assert "Pat Ryder" in page and "Stats table" in page and "Russian MOD" in page
    assert "contradicts" in page and "<strong>Mostly false</strong>" in page
    for action in ("rejected", "evidence added", "stance added", "relation added"):
        assert action in page
    assert "<del>candidate</del> → <ins>rejected</ins>" in page


def test_claim_page_links_speakers_to_their_scorecard(client, reviewer, world):
    client.force_login(reviewer)
    page = client.get(reverse("review:claim", args=[world["claim"].pk])).content.decode()
    assert f'href="{reverse("source-page", args=[world["ryder"].pk])}"' in page


def test_relation_form_has_no_preselected_relation(client, reviewer, world):
    client.force_login(reviewer)
    page = client.get(reverse("review:claim", args=[world["claim"].pk])).content.decode()
    assert '<option value="" selected>---------</option>' in page
    response = client.post(
        reverse("review:claim-relation", args=[world["claim"].pk]),
        {"to_claim": world["own"].claim_id, "relation": ""},
        follow=True,
    )
    assert "Not saved. relation: This field is required." in response.content.decode()
    assert not world["claim"].relations_out.exists()


def test_stale_claim_edit_conflict(client, reviewer, other_reviewer, world):
    claim = world["claim"]
    url = reverse("review:claim-edit", args=[claim.pk])
    client.force_login(other_reviewer)
    client.post(url, {"version": 1, "text": "Their wording", "checkworthiness": 0.5})
    client.force_login(reviewer)
    response = client.post(url, {"version": 1, "text": "My wording", "checkworthiness": 0.5})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Their wording" in page and "My wording</textarea>" in page
    assert Claim.objects.get(pk=claim.pk).text == "Their wording"


def test_merge_and_split_through_the_claim_page(client, reviewer, world):
    client.force_login(reviewer)
    duplicate = world["inner"].claim
    response = client.post(
        reverse("review:claim-merge", args=[duplicate.pk]),
        {"version": 1, "into": world["claim"].pk},
    )
    assert response["Location"] == reverse("review:claim", args=[world["claim"].pk])
    assert Attribution.objects.get(pk=world["inner"].pk).claim_id == world["claim"].pk

    response = client.post(
        reverse("review:claim-split", args=[world["claim"].pk]),
        {"version": 2, "attributions": [world["inner"].pk]},
    )
    new = Attribution.objects.get(pk=world["inner"].pk).claim
    assert new.pk not in {world["claim"].pk, duplicate.pk}
    assert response["Location"] == reverse("review:claim", args=[new.pk])
    missing = client.post(
        reverse("review:claim-merge", args=[new.pk]), {"version": 1, "into": 99999}
    )
    assert missing.status_code == 400  # the claim page again, saying why
    assert Claim.objects.get(pk=new.pk).status == "candidate"


def test_merge_picker_finds_claims_by_words_and_number(
    client, reviewer, world, django_assert_num_queries
):
    client.force_login(reviewer)
    budget = world["own"].claim
    url = reverse("review:claim-search")
    client.get(url)  # warm the session
    # session, user, user and group permissions, the matching claims.
    with django_assert_num_queries(5):
        found = client.get(url, {"q": "budget GREW", "exclude": world["claim"].pk}).json()
    assert [r["id"] for r in found["results"]] == [budget.pk]
    assert found["results"][0]["label"].startswith(f"#{budget.pk} The budget grew")
    by_number = client.get(url, {"q": f"#{budget.pk}"}).json()["results"]
    assert budget.pk in [r["id"] for r in by_number]
    excluded = client.get(url, {"q": "budget", "exclude": budget.pk}).json()["results"]
    assert excluded == []
    assert client.get(url, {"q": "9" * 40, "exclude": "9" * 40}).status_code == 200


def test_merge_takes_the_pickers_value_and_undo_restores(client, reviewer, world):
    client.force_login(reviewer)
    budget = world["own"].claim

    merged = client.post(
        reverse("review:claim-merge", args=[budget.pk]),
        {"version": budget.version, "into": f"#{world['claim'].pk} {world['claim'].text}"},
    )
    assert merged["Location"] == reverse("review:claim", args=[world["claim"].pk])
    page = client.get(merged["Location"]).content.decode()
    assert "Undo this merge" in page
    assert f"rita merged claim #{budget.pk} into claim #{world['claim'].pk}" in page

    undone = client.post(reverse("review:claim-unmerge", args=[budget.pk]))

    assert undone.status_code == 302
    assert Claim.objects.get(pk=budget.pk).status == "candidate"
    assert Attribution.objects.get(pk=world["own"].pk).claim_id == budget.pk
