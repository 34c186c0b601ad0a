"""The review queue: filters that keep what was typed, counts and sorts, bulk assignment, the
login redirect, and a constant query count."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from claims.models import Attribution, ChangeRecord, Claim
from tests.factories import ArticleFactory, AttributionFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_wrong_queue_filter_drops_only_itself_and_keeps_what_was_typed(client, reviewer, world):
    client.force_login(reviewer)
    response = client.get(
        reverse("review:queue"), {"status": "", "text": "budget", "min_checkworthiness": "5"}
    )
    assert response.status_code == 200
    # The text filter still applies although the threshold was out of range.
    assert [c.pk for c in response.context["page"].object_list] == [world["own"].claim_id]
    filters = response.context["filters"]
    assert (filters.status, filters.text, filters.min_checkworthiness) == ("", "budget", None)
    page = response.content.decode()
    assert 'name="min_checkworthiness" min="0" max="1" step="0.1" value="5"' in page
    assert "Check-worthiness at least: Ensure this value is less than or equal to 1." in page
    assert "* min_checkworthiness" not in page  # not the raw field name
    assert "Page 1 of 1 · 1 claim</span>" in page


def test_a_wrong_status_falls_back_to_candidates_with_the_other_filters(client, reviewer, world):
    client.force_login(reviewer)
    response = client.get(reverse("review:queue"), {"status": "bogus", "text": "budget"})
    assert response.context["filters"].status == "candidate"
    assert response.context["filters"].text == "budget"
    assert "Status: Select a valid choice." in response.content.decode()


def test_queue_filters_counts_and_sorts(client, reviewer, editor, world):
    Claim.objects.filter(pk=world["own"].claim_id).update(assigned_to=reviewer)
    ClaimFactory(status="rejected", text="Rejected one")
    client.force_login(reviewer)

    response = client.get(reverse("review:queue"))
    claims = list(response.context["page"].object_list)
    assert claims[0].pk == world["own"].claim_id  # most check-worthy first
    assert {c.status for c in claims} == {"candidate"}
    assert response.context["status_tabs"][0] == ("", "All", 4)
    assert ("rejected", "Rejected", 1) in response.context["status_tabs"]

    mine = client.get(reverse("review:queue"), {"status": "", "assigned": "me"}).context["page"]
    assert [c.pk for c in mine.object_list] == [world["own"].claim_id]
    by_speaker_page = client.get(reverse("review:queue"), {"speaker": "ryder"})
    by_speaker = by_speaker_page.context["page"]
    assert [c.pk for c in by_speaker.object_list] == [world["claim"].pk]
    assert by_speaker.object_list[0].first_speaker == "Pat Ryder"
    # The tabs count what the other filters keep, not every claim.
    assert by_speaker_page.context["status_tabs"][0] == ("", "All", 1)
    assert ("rejected", "Rejected", 0) in by_speaker_page.context["status_tabs"]
    by_outlet = client.get(reverse("review:queue"), {"outlet": "Nowhere"}).context["page"]
    assert list(by_outlet.object_list) == []
    bad = client.get(reverse("review:queue"), {"min_checkworthiness": "high"})
    assert bad.status_code == 200 and "Enter a number" in bad.content.decode()


def test_queue_filters_by_the_kind_of_cue(client, reviewer, world):
    Attribution.objects.filter(pk=world["outer"].pk).update(cue_kind="speech")
    belief = AttributionFactory(cue="believes", cue_kind="belief").claim
    client.force_login(reviewer)

    beliefs = client.get(reverse("review:queue"), {"cue_kind": "belief"})
    assert [c.pk for c in beliefs.context["page"].object_list] == [belief.pk]
    assert '<option value="belief" selected>Belief</option>' in beliefs.content.decode()
    speech = client.get(reverse("review:queue"), {"cue_kind": "speech"}).context["page"]
    assert [c.pk for c in speech.object_list] == [world["claim"].pk]
    # A kind that does not exist drops only that filter, with a message.
    wrong = client.get(reverse("review:queue"), {"cue_kind": "rumour", "text": "budget"})
    assert [c.pk for c in wrong.context["page"].object_list] == [world["own"].claim_id]
    assert "Cue kind: Select a valid choice." in wrong.content.decode()


def test_editor_bulk_assigns_from_the_queue(client, editor, reviewer, world):
    client.force_login(editor)
    response = client.post(
        reverse("review:queue-assign"),
        {"claims": [world["claim"].pk, world["own"].claim_id], "assignee": reviewer.pk},
    )
    assert response.status_code == 302
    assert Claim.objects.filter(assigned_to=reviewer).count() == 2
    assert ChangeRecord.objects.filter(action="assigned", actor=editor).count() == 2


def test_sorting_by_latest_article_date_and_its_appearance_counts(client, reviewer):
    dates = [datetime(2024, month, 1, tzinfo=UTC) for month in (3, 1, 2)]
    claims = [ClaimFactory() for _ in dates]
    for claim, date in zip(claims, dates, strict=True):
        AttributionFactory(claim=claim, article=ArticleFactory(published_at=date))
    AttributionFactory(claim=claims[1], article=ArticleFactory(published_at=dates[1]))
    undated = ClaimFactory()
    client.force_login(reviewer)
    for sort, order in [("-latest_published", [0, 2, 1]), ("latest_published", [1, 2, 0])]:
        rows = client.get(reverse("review:queue"), {"sort": sort}).context["page"].object_list
        dated = [c for c in rows if c.latest_published is not None]
        assert [c.pk for c in dated] == [claims[i].pk for i in order]
        assert [c.latest_published for c in dated] == [dates[i] for i in order]
        assert {c.pk: c.appearances for c in rows} == {
            claims[0].pk: 1,
            claims[1].pk: 2,
            claims[2].pk: 1,
            undated.pk: 0,
        }


@pytest.mark.parametrize("sort", ["-checkworthiness", "-latest_published", "-appearances"])
@pytest.mark.parametrize("extra", [0, 18])
def test_queue_page_query_count_is_constant(
    client, reviewer, world, django_assert_num_queries, extra, sort
):
    for _ in range(extra):
        AttributionFactory(claim=ClaimFactory(assigned_to=reviewer))
    client.force_login(reviewer)
    client.get(reverse("review:queue"))  # warm the session
    # session, user, the two permission lookups (user and group perms), the page's claims, the
    # status counts (which give the paginator its count too), the outlets, my work's counts in
    # the navigation.
    with django_assert_num_queries(8):
        response = client.get(reverse("review:queue"), {"sort": sort})
    assert len(response.context["page"].object_list) == 3 + extra


def test_login_redirect_then_the_admin_links_to_the_queue(client, reviewer):
    response = client.get(reverse("review:queue"))
    assert response["Location"] == f"{reverse('admin:login')}?next=/review/"
    client.force_login(reviewer)
    assert reverse("review:queue") in client.get(reverse("admin:index")).content.decode()


def test_api_client_users_see_no_review_link(client):
    user = UserFactory(groups=["API client"], is_staff=True)
    client.force_login(user)
    assert client.get(reverse("review:queue")).status_code == 403
