"""``Claim.latest_published_at`` follows every change to its appearances and their articles
(claims/db_dates.py), on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime

import pytest

from claims.models import Attribution, Claim
from tests.factories import ArticleFactory, AttributionFactory, ClaimFactory

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = (datetime(2024, month, 1, tzinfo=UTC) for month in (1, 2, 3))


def latest(claim: Claim) -> datetime | None:
    return Claim.objects.values_list("latest_published_at", flat=True).get(pk=claim.pk)


def test_a_new_appearance_sets_the_date_and_a_later_article_moves_it():
    claim = ClaimFactory()
    assert latest(claim) is None
    AttributionFactory(claim=claim, article=ArticleFactory(published_at=FEB))
    assert latest(claim) == FEB
    AttributionFactory(claim=claim, article=ArticleFactory(published_at=JAN))
    assert latest(claim) == FEB
    AttributionFactory(claim=claim, article=ArticleFactory(published_at=MAR))
    assert latest(claim) == MAR


def test_an_undated_article_counts_for_nothing():
    claim = ClaimFactory()
    AttributionFactory(claim=claim, article=ArticleFactory(published_at=None))
    assert latest(claim) is None
    AttributionFactory(claim=claim, article=ArticleFactory(published_at=JAN))
    assert latest(claim) == JAN


def test_bulk_created_appearances_set_every_claims_date():
    claims = [ClaimFactory(), ClaimFactory()]
    article = ArticleFactory(published_at=MAR)
    Attribution.objects.bulk_create(
        AttributionFactory.build(claim=claim, article=article, speaker=None) for claim in claims
    )
    assert [latest(claim) for claim in claims] == [MAR, MAR]


def test_deleting_the_latest_appearance_falls_back_to_the_one_before():
    claim = ClaimFactory()
    AttributionFactory(claim=claim, article=ArticleFactory(published_at=JAN))
    newest = AttributionFactory(claim=claim, article=ArticleFactory(published_at=MAR))
    newest.delete()
    assert latest(claim) == JAN
    Attribution.objects.filter(claim=claim).delete()
    assert latest(claim) is None


def test_deleting_an_article_forgets_its_date():
    claim = ClaimFactory()
    AttributionFactory(claim=claim, article=ArticleFactory(published_at=JAN))
    newest = AttributionFactory(claim=claim, article=ArticleFactory(published_at=MAR))
    newest.article.delete()
    assert latest(claim) == JAN


def test_moving_an_appearance_to_another_claim_updates_both():
    old, new = ClaimFactory(), ClaimFactory()
    AttributionFactory(claim=old, article=ArticleFactory(published_at=JAN))
    moved = AttributionFactory(claim=old, article=ArticleFactory(published_at=MAR))
    Attribution.objects.filter(pk=moved.pk).update(claim=new)
    assert (latest(old), latest(new)) == (JAN, MAR)


def test_moving_an_appearance_to_another_article_takes_its_date():
    claim = ClaimFactory()
    appearance = AttributionFactory(claim=claim, article=ArticleFactory(published_at=MAR))
    Attribution.objects.filter(pk=appearance.pk).update(article=ArticleFactory(published_at=FEB))
    assert latest(claim) == FEB


def test_redating_an_article_redates_its_claims():
    claims = [ClaimFactory(), ClaimFactory()]
    article = ArticleFactory(published_at=JAN)
    for claim in claims:
        AttributionFactory(claim=claim, article=article)
    article.published_at = MAR
    article.save(update_fields=["published_at"])
    assert [latest(claim) for claim in claims] == [MAR, MAR]


def test_reviewing_an_appearance_leaves_the_date_alone():
    claim = ClaimFactory()
    appearance = AttributionFactory(claim=claim, article=ArticleFactory(published_at=FEB))
    Claim.objects.filter(pk=claim.pk).update(latest_published_at=JAN)
    Attribution.objects.filter(pk=appearance.pk).update(review_state="confirmed")
    assert latest(claim) == JAN
