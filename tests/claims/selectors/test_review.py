"""What the review screens read: an article's attributions in text order, the attribution after
one, and the verdicts the public may see, each in a fixed number of queries."""

import pytest
from django.utils import timezone

from claims.models import Verdict
from claims.selectors.review import (
    article_for_review,
    attribution_next_in_article,
    verdict_for_public,
)
from tests.factories import AttributionFactory, EvidenceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_article_for_review_lists_attributions_in_text_order_and_speakers_by_name(
    world, django_assert_num_queries
):
    with django_assert_num_queries(2):
        review = article_for_review(article_id=world["article"].pk)
    assert review.article == world["article"]
    assert review.attributions == [world["outer"], world["inner"], world["own"]]
    assert review.speakers == [world["austin"], world["ryder"]]


def test_article_for_review_of_a_missing_article_raises():
    from articles.models import Article

    with pytest.raises(Article.DoesNotExist):
        article_for_review(article_id=424242)


def test_attribution_next_in_article_follows_the_text(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        following = attribution_next_in_article(attribution=world["outer"])
    assert following == world["inner"].pk
    assert attribution_next_in_article(attribution=world["inner"]) == world["own"].pk
    assert attribution_next_in_article(attribution=world["own"]) is None


def test_attribution_next_in_article_stays_in_its_article(world):
    start = world["own"].content_start + 1
    AttributionFactory(content_start=start, content_end=start + 5)  # in another article
    assert attribution_next_in_article(attribution=world["own"]) is None


def test_published_verdict_comes_with_its_appearances_and_cited_evidence(
    world, django_assert_num_queries
):
    verdict = world["verdict"]
    cited = EvidenceFactory(claim=verdict.claim)
    EvidenceFactory(claim=verdict.claim)  # not cited
    verdict.evidence.add(cited)
    Verdict.objects.filter(pk=verdict.pk).update(status="published", published_at=timezone.now())
    with django_assert_num_queries(3):
        public = verdict_for_public(verdict_id=verdict.pk)
    assert public.verdict == verdict and public.current is None
    assert public.appearances == [world["outer"]]
    assert public.evidence == [cited]


def test_retracted_verdict_comes_with_the_claim_s_current_one(world, django_assert_num_queries):
    verdict = world["verdict"]
    now = timezone.now()
    Verdict.objects.filter(pk=verdict.pk).update(status="retracted", published_at=now)
    current = VerdictFactory(claim=verdict.claim, status="published", published_at=now)
    with django_assert_num_queries(2):
        public = verdict_for_public(verdict_id=verdict.pk)
    assert (public.verdict, public.current) == (verdict, current)
    assert public.appearances == [] and public.evidence == []


@pytest.mark.parametrize("status", ["draft", "in_review", "approved", "retracted"])
def test_verdict_never_published_is_not_for_the_public(world, status):
    Verdict.objects.filter(pk=world["verdict"].pk).update(status=status)
    with pytest.raises(Verdict.DoesNotExist):
        verdict_for_public(verdict_id=world["verdict"].pk)
