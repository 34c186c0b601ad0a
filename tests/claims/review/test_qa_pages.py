"""Regressions found by using the desk as a newsroom would: queue filters that were thrown away,
pages broken by the Content-Security-Policy, missing desk header, bare error pages, and public
verdict pages that hid their sources or vanished when retracted."""

import pytest
from django.contrib import admin
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape

from claims.models import ExportJob
from claims.services import verdicts as verdict_services
from factcheck.csp import POLICY
from tests.factories import EvidenceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _publish(verdict, *, reviewer, editor, evidence=()):
    """Take the world's draft through the workflow to a published verdict."""
    verdict.evidence.add(*evidence)
    verdict_services.verdict_submit(verdict=verdict, actor=reviewer)
    return verdict_services.verdict_publish(verdict=verdict, actor=editor)


# Queue ---------------------------------------------------------------------------------------------


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


# Pages under the Content-Security-Policy ----------------------------------------------------------


def test_source_page_has_no_inline_style_and_wears_the_desk_look(
    client, reviewer, editor, world, django_assert_num_queries
):
    _publish(world["verdict"], reviewer=reviewer, editor=editor)
    client.force_login(reviewer)
    url = reverse("source-page", args=[world["ryder"].pk])
    # session, user, groups' permissions, source with affiliation, aliases, 4 scorecard queries
    with django_assert_num_queries(9):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    assert "<style" not in page and 'style="' not in page
    assert admin.site.site_header in page and reverse("review:queue") in page
    assert '<strong data-testid="published-verdicts">1</strong>' in page
    assert '<meter class="share" min="0" max="1" value="1"' in page
    # The latest verdicts link to this site's public page and the claim, not PUBLISHER_URL.
    assert f'href="{reverse("public-verdict", args=[world["verdict"].pk])}"' in page
    assert f'href="{reverse("review:claim", args=[world["claim"].pk])}"' in page


def test_claim_page_links_speakers_to_their_scorecard(client, reviewer, world):
    client.force_login(reviewer)
    page = client.get(reverse("review:claim", args=[world["claim"].pk])).content.decode()
    assert f'href="{reverse("source-page", args=[world["ryder"].pk])}"' in page


def test_api_docs_run_under_the_policy_with_sidecar_assets(client, editor):
    client.force_login(editor)
    response = client.get("/api/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    assert "<style" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "/static/api/swagger.css" in page
    assert "cdn" not in page.lower()
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_browsable_api_has_no_inline_style_block(client, editor):
    client.force_login(editor)
    response = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<style" not in page
    assert "/static/api/browsable.css" in page


# Exports --------------------------------------------------------------------------------------------


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


# Public verdict pages ---------------------------------------------------------------------------------


def test_public_verdict_lists_the_evidence_it_cites(
    client, reviewer, editor, world, django_assert_num_queries
):
    cited = EvidenceFactory(claim=world["claim"], title="Readout of the call", excerpt="talks")
    uncited = EvidenceFactory(claim=world["claim"], title="Unrelated memo")
    verdict = _publish(world["verdict"], reviewer=reviewer, editor=editor, evidence=[cited])
    # verdict, appearances, cited evidence, then the ClaimReview markup: verdict + appearances
    with django_assert_num_queries(5):
        response = client.get(reverse("public-verdict", args=[verdict.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Sources</h2>" in page
    assert f'<a href="{cited.url}" rel="noopener noreferrer">Readout of the call</a>' in page
    assert uncited.title not in page


def test_retracted_verdict_keeps_its_address_with_a_notice_and_no_markup(
    client, reviewer, editor, world
):
    verdict = _publish(world["verdict"], reviewer=reviewer, editor=editor)
    verdict_services.verdict_retract(verdict=verdict, actor=editor, reason="Internal: bad source")
    response = client.get(reverse("public-verdict", args=[verdict.pk]))
    page = response.content.decode()
    assert response.status_code == 410
    assert "We retracted this fact check on" in page
    assert escape(world["claim"].text) in page
    assert "application/ld+json" not in page  # search engines must drop the ClaimReview
    assert "Internal: bad source" not in page  # the editor's note stays in the newsroom
    assert "Half true" not in page  # the withdrawn rating is not shown


# Error pages --------------------------------------------------------------------------------------------


def test_404_is_a_friendly_page_under_the_policy(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "This page does not exist" in page and "/no-such-page/" in page
    assert "/static/review/public.css" in page and "<style" not in page


def test_403_explains_and_names_the_signed_in_user(client):
    client.force_login(UserFactory(username="bot", groups=["API client"]))
    response = client.get(reverse("review:queue"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "You are not allowed to open this page" in page
    assert "Signed in as bot." in page


def test_500_page_renders_without_a_request():
    page = get_template("500.html").render()
    assert "Something went wrong on our side" in page and "/review/" in page


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


def test_article_page_marks_only_the_speakers_words_of_an_interrupted_quote():
    import re

    from claims.selectors.review import article_for_review
    from tests.factories import ArticleFactory, AttributionFactory

    text = "“We will not raise taxes,” the mayor said. “The budget is balanced.”"
    first, second = "We will not raise taxes", "The budget is balanced."
    start, end = text.index(first), text.index(second) + len(second)
    article = ArticleFactory(text=text)
    AttributionFactory(
        article=article,
        content=text[start:end],
        content_start=start,
        content_end=end,
        content_parts=[[start, start + len(first)], [text.index(second), end]],
        kind="direct",
    )
    html = str(article_for_review(article_id=article.pk).highlighted)
    marked = re.findall(r'data-part="content"[^>]*>([^<]*)</mark>', html)
    assert marked == [first, second]
