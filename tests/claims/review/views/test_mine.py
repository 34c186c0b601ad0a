"""My work: what waits for the signed-in reviewer, with its counts in the navigation."""

import pytest
from django.urls import reverse

from tests.claims.review.conftest import publish
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(reviewer, editor, other_reviewer):
    assigned = ClaimFactory(text="Assigned to rita", assigned_to=reviewer)
    ClaimFactory(text="Rejected, not work", assigned_to=reviewer, status="rejected")
    ClaimFactory(text="Someone else's", assigned_to=other_reviewer)
    draft = VerdictFactory(reviewer=reviewer, summary="My draft")
    sent_back = VerdictFactory(
        reviewer=reviewer, editor=editor, editor_note="Cite the readout.", summary="Back"
    )
    in_review = VerdictFactory(reviewer=reviewer, status="in_review")
    VerdictFactory(reviewer=other_reviewer)
    return {"assigned": assigned, "draft": draft, "sent_back": sent_back, "in_review": in_review}


def test_my_work_lists_each_kind_with_the_editors_note(client, reviewer, work):
    client.force_login(reviewer)

    response = client.get(reverse("review:my-work"))

    mine = response.context["work"]
    assert [c.pk for c in mine.assigned] == [work["assigned"].pk]
    assert [v.pk for v in mine.drafts] == [work["draft"].pk]
    assert [v.pk for v in mine.sent_back] == [work["sent_back"].pk]
    assert [v.pk for v in mine.in_review] == [work["in_review"].pk]
    page = response.content.decode()
    assert "Cite the readout." in page
    assert "Someone else" not in page


def test_counts_in_the_navigation_of_every_desk_page(client, reviewer, work):
    client.force_login(reviewer)

    page = client.get(reverse("review:queue")).content.decode()

    # 1 assigned + 1 draft + 1 sent back to act on; the sent-back one also flagged.
    assert '<span class="count" title="assigned claims and drafts">3</span>' in page
    assert "1 sent back</span>" in page


@pytest.mark.parametrize("extra", [0, 20])
def test_my_work_query_count_does_not_grow(
    client, reviewer, work, django_assert_num_queries, extra
):
    for _ in range(extra):
        ClaimFactory(assigned_to=reviewer)
        VerdictFactory(reviewer=reviewer, editor_note="Again")
    client.force_login(reviewer)
    # session, user, user and group permissions, assigned claims, my verdicts, the counts.
    with django_assert_num_queries(7):
        response = client.get(reverse("review:my-work"))
    assert len(response.context["work"].sent_back) == 1 + extra


def test_start_page_for_visitors_shows_login_and_published_verdicts(
    client, world, reviewer, editor
):
    published = publish(world["verdict"], reviewer=reviewer, editor=editor)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("admin:login") in page
    assert reverse("public-verdict", args=[published.pk]) in page


def test_start_page_sends_desk_users_to_the_desk(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("review:queue")


def test_start_page_tells_api_users_they_have_no_desk(client, api_user):
    client.force_login(api_user)
    page = client.get("/").content.decode()
    assert "no desk access" in page
