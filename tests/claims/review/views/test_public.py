"""Public verdict pages: the sources a verdict cites, retraction notices, and nothing shown before
publication."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from claims.services import verdicts as verdict_services
from tests.claims.review.conftest import publish
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


def test_public_verdict_lists_the_evidence_it_cites(
    client, reviewer, editor, world, django_assert_num_queries
):
    cited = EvidenceFactory(claim=world["claim"], title="Readout of the call", excerpt="talks")
    uncited = EvidenceFactory(claim=world["claim"], title="Unrelated memo")
    verdict = publish(world["verdict"], reviewer=reviewer, editor=editor, evidence=[cited])
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
    verdict = publish(world["verdict"], reviewer=reviewer, editor=editor)
    verdict_services.verdict_retract(verdict=verdict, actor=editor, reason="Internal: bad source")
    response = client.get(reverse("public-verdict", args=[verdict.pk]))
    page = response.content.decode()
    assert response.status_code == 410
    assert "We retracted this fact check on" in page
    assert escape(world["claim"].text) in page
    assert "application/ld+json" not in page  # search engines must drop the ClaimReview
    assert "Internal: bad source" not in page  # the editor's note stays in the newsroom
    assert "Half true" not in page  # the withdrawn rating is not shown


@pytest.mark.parametrize("status", ["draft", "in_review", "retracted"])
def test_public_verdict_page_is_404_unless_published(client, world, status):
    verdict = world["verdict"]
    verdict.status = status
    verdict.save()
    assert client.get(reverse("public-verdict", args=[verdict.pk])).status_code == 404
