"""The review screens end to end through the Django test client: what they show, what their
actions change, the stale-save conflict, and constant query counts."""

import pytest
from django.urls import reverse

from claims.models import Attribution, ChangeRecord, Claim, Verdict
from factcheck.csp import POLICY
from tests.factories import (
    ArticleFactory,
    AttributionFactory,
    ClaimFactory,
    EvidenceFactory,
    StanceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_article_page_highlights_each_attribution_with_nested_reporting(client, reviewer, world):
    client.force_login(reviewer)
    response = client.get(reverse("review:article", args=[world["article"].pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    for key in ("outer", "inner", "own"):
        assert f'data-attribution="{world[key].pk}" data-part="content"' in page
    assert 'data-part="mention"' in page
    # The quote nests inside the spokesman's report; quotes in the text are escaped.
    outer, inner = world["outer"].pk, world["inner"].pk
    assert (
        f'data-attribution="{outer}" data-part="content" title="Mixed (partial quote) by Pat Ryder">'
        f'Austin &quot;<mark class="hl hl-content hl-direct hl-reported'
    ) in page
    assert f'data-attribution="{inner}"' in page
    assert "Reported by Pat Ryder" in page
    assert "<script>" not in page


def test_article_text_is_escaped_never_rendered_as_html(client, reviewer):
    text = 'He said <script>alert(1)</script> & "more".'
    article = ArticleFactory(text=text)
    AttributionFactory(article=article, content=text[8:33], content_start=8, content_end=33)
    client.force_login(reviewer)
    page = client.get(reverse("review:article", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


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
    by_speaker = client.get(reverse("review:queue"), {"speaker": "ryder"}).context["page"]
    assert [c.pk for c in by_speaker.object_list] == [world["claim"].pk]
    assert by_speaker.object_list[0].first_speaker == "Pat Ryder"
    by_outlet = client.get(reverse("review:queue"), {"outlet": "Nowhere"}).context["page"]
    assert list(by_outlet.object_list) == []
    bad = client.get(reverse("review:queue"), {"min_checkworthiness": "high"})
    assert bad.status_code == 200 and "Enter a number" in bad.content.decode()


def test_editor_bulk_assigns_from_the_queue(client, editor, reviewer, world):
    client.force_login(editor)
    response = client.post(
        reverse("review:queue-assign"),
        {"claims": [world["claim"].pk, world["own"].claim_id], "assignee": reviewer.pk},
    )
    assert response.status_code == 302
    assert Claim.objects.filter(assigned_to=reviewer).count() == 2
    assert ChangeRecord.objects.filter(action="assigned", actor=editor).count() == 2


def test_accept_from_the_article_page_confirms_and_moves_to_the_next(client, reviewer, world):
    client.force_login(reviewer)
    outer = world["outer"]
    response = client.post(reverse("review:attribution-confirm", args=[outer.pk]), {"version": 1})

    assert response.status_code == 302
    assert response["Location"].endswith(f"?selected={world['inner'].pk}")
    outer.refresh_from_db()
    assert outer.review_state == "confirmed"
    assert Claim.objects.get(pk=outer.claim_id).status == "accepted"


def test_correct_span_and_create_speaker_through_the_form(client, reviewer, world):
    client.force_login(reviewer)
    inner = world["inner"]
    text = world["article"].text
    start = text.index("talks")
    response = client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {
            "version": 1,
            "content_start": start,
            "content_end": start + len("talks must go on"),
            "new_speaker_name": "Lloyd J. Austin",
            "new_speaker_kind": "person",
            "new_speaker_role": "Secretary of Defense",
            "kind": "direct",
            "cue": "stressed",
        },
    )
    assert response.status_code == 302
    inner.refresh_from_db()
    assert inner.content == "talks must go on"
    assert inner.speaker.name == "Lloyd J. Austin" and inner.speaker.role == "Secretary of Defense"
    record = ChangeRecord.objects.get(action="corrected", target_id=inner.pk)
    assert record.changes["content"]["after"] == "talks must go on"


def test_bad_span_comes_back_with_the_input_kept(client, reviewer, world):
    client.force_login(reviewer)
    inner = world["inner"]
    response = client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {
            "version": 1,
            "content_start": 5,
            "content_end": 99999,
            "kind": "direct",
            "cue": "kept cue",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "must lie within the article text" in page
    assert 'value="99999"' in page and 'value="kept cue"' in page


def test_stale_attribution_correction_shows_both_and_keeps_input(
    client, reviewer, other_reviewer, world
):
    inner = world["inner"]
    client.force_login(other_reviewer)
    client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {"version": 1, "kind": "direct", "cue": "insisted"},
    )
    client.force_login(reviewer)
    response = client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {"version": 1, "kind": "direct", "cue": "claimed"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved first" in page
    assert "insisted" in page and 'value="claimed"' in page
    assert 'name="version" value="2"' in page
    inner.refresh_from_db()
    assert inner.cue == "insisted"


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
    assert missing.status_code == 302
    assert Claim.objects.get(pk=new.pk).status == "candidate"


def test_verdict_workflow_through_the_views(client, reviewer, editor, world):
    verdict = world["verdict"]
    client.force_login(reviewer)
    client.post(reverse("review:verdict-submit", args=[verdict.pk]), {"version": 1})
    client.force_login(editor)
    response = client.post(reverse("review:verdict-publish", args=[verdict.pk]), {"version": 2})
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert verdict.status == "published" and verdict.editor == editor
    public = client.get(reverse("public-verdict", args=[verdict.pk]))
    assert public.status_code == 200
    assert "<strong>Mostly false</strong>" in public.content.decode()
    assert reverse("public-verdict", args=[verdict.pk]) in verdict.public_url
    client.post(reverse("review:verdict-retract", args=[verdict.pk]), {"version": 3, "note": ""})
    assert Verdict.objects.get(pk=verdict.pk).status == "published"  # a reason is required


def test_blind_double_review_hides_the_other_rating_until_both_are_in(
    client, reviewer, other_reviewer, editor, world, scale
):
    claim = world["own"].claim
    claim.requires_double_review = True
    claim.save()
    url = reverse("review:claim", args=[claim.pk])
    client.force_login(reviewer)
    client.post(reverse("review:claim-rating", args=[claim.pk]), {"rating": scale[1].pk})
    client.force_login(other_reviewer)
    page = client.get(url).content.decode()
    assert "rita: <strong>False</strong>" not in page
    client.post(reverse("review:claim-rating", args=[claim.pk]), {"rating": scale[5].pk})
    page = client.get(url).content.decode()
    assert "rita: <strong>False</strong>" in page and "rob: <strong>True</strong>" in page

    client.force_login(editor)
    agreement = client.get(reverse("review:agreement"))
    assert agreement.context["pairs"][0]["disagreements"] == 1
    assert agreement.context["disagreements"][0][0] == claim


def _grow(world, n):
    article = world["article"]
    for i in range(n):
        attribution = AttributionFactory(
            article=article, content=article.text[:10], content_start=0, content_end=10
        )
        StanceFactory(claim=world["claim"])
        EvidenceFactory(claim=world["claim"])
        AttributionFactory(claim=world["claim"])
        ChangeRecord.objects.create(
            claim=world["claim"], action="edited", target_type="claims.claim", target_id=i
        )
        assert attribution.pk


@pytest.mark.parametrize("extra", [0, 18])
def test_queue_page_query_count_is_constant(
    client, reviewer, world, django_assert_num_queries, extra
):
    for _ in range(extra):
        AttributionFactory(claim=ClaimFactory(assigned_to=reviewer))
    client.force_login(reviewer)
    client.get(reverse("review:queue"))  # warm the session
    # session, user, the two permission lookups (user and group perms), the page's claims,
    # their count, the status counts, the outlets.
    with django_assert_num_queries(8):
        response = client.get(reverse("review:queue"))
    assert len(response.context["page"].object_list) == 3 + extra


@pytest.mark.parametrize("extra", [0, 18])
def test_article_page_query_count_is_constant(
    client, reviewer, world, django_assert_num_queries, extra
):
    _grow(world, extra)
    client.force_login(reviewer)
    # session, user, user perms, group perms, the article, its attributions with claim and speakers.
    with django_assert_num_queries(6):
        response = client.get(reverse("review:article", args=[world["article"].pk]))
    assert len(response.context["review"].attributions) == 3 + extra


@pytest.mark.parametrize("extra", [0, 18])
def test_claim_page_query_count_is_constant(
    client, reviewer, world, django_assert_num_queries, extra
):
    _grow(world, extra)
    client.force_login(reviewer)
    # session, user, user perms, group perms; the claim; attributions; stances; evidence;
    # relations; verdicts + their evidence; merged duplicates; possible duplicates; blind ratings;
    # history; the rating scale's ratings.
    with django_assert_num_queries(16):
        response = client.get(reverse("review:claim", args=[world["claim"].pk]))
    assert len(response.context["review"].attributions) == 1 + extra


def test_login_redirect_then_the_admin_links_to_the_queue(client, reviewer):
    response = client.get(reverse("review:queue"))
    assert response["Location"] == f"{reverse('admin:login')}?next=/review/"
    client.force_login(reviewer)
    assert reverse("review:queue") in client.get(reverse("admin:index")).content.decode()


def test_api_client_users_see_no_review_link(client):
    user = UserFactory(groups=["API client"], is_staff=True)
    client.force_login(user)
    assert client.get(reverse("review:queue")).status_code == 403


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
    # published rows
    with django_assert_num_queries(7):
        response = client.get(reverse("review:verdicts"))
    assert len(response.context["waiting"]) == 3
    assert response.context["waiting_count"] == 5
    assert response.context["published"] == [published]
    assert "The 3 that have waited longest are shown." in response.content.decode()
