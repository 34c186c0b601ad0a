"""The same URL or the same content is one article, whichever way the second copy comes in."""

import pytest
from django.db import IntegrityError

from articles.models import Article
from articles.services import (
    DuplicateArticle,
    article_create_from_text,
    article_create_from_url,
    content_hash,
)
from tests.articles.services.samples import ENGLISH
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "variant",
    [
        "HTTPS://News.Example:443/bridge/?utm_source=tw&utm_medium=social",
        "https://news.example/bridge#comments",
        "https://news.example/bridge?fbclid=abc&gclid=1&mc_cid=2&mc_eid=3&ref=home&_ga=4",
    ],
)
def test_same_normalized_url_is_a_duplicate(variant):
    first = article_create_from_url(url="https://news.example/bridge")

    with pytest.raises(DuplicateArticle) as duplicate:
        article_create_from_url(url=variant)

    assert duplicate.value.existing == first
    assert duplicate.value.reason == "same URL"
    assert str(duplicate.value) == f"Duplicate of article {first.pk} (same URL)"
    assert Article.objects.count() == 1


def test_query_order_does_not_matter_but_values_do():
    first = article_create_from_url(url="https://news.example/s?b=2&a=1")

    with pytest.raises(DuplicateArticle):
        article_create_from_url(url="https://news.example/s?a=1&b=2")
    other = article_create_from_url(url="https://news.example/s?a=1&b=3")

    assert other.pk != first.pk


def test_same_content_is_a_duplicate_whatever_the_whitespace_and_case():
    first = article_create_from_text(text=ENGLISH)

    with pytest.raises(DuplicateArticle) as duplicate:
        article_create_from_text(text="  " + ENGLISH.upper().replace(". ", ".\n\n"))

    assert duplicate.value.existing == first
    assert duplicate.value.reason == "same content"


def test_constraint_race_becomes_a_duplicate(monkeypatch):
    """Another worker inserted the same URL between our lookup and our insert."""
    existing = ArticleFactory(
        url="https://news.example/race", normalized_url="https://news.example/race"
    )
    # The lookup before the insert misses; the insert then hits the unique constraint.
    monkeypatch.setattr("articles.services.creation.find_duplicate", lambda **lookup: None)

    with pytest.raises(DuplicateArticle) as duplicate:
        article_create_from_url(url="https://news.example/race")

    assert duplicate.value.existing == existing


def test_database_refuses_a_second_row_with_the_same_hash():
    article_create_from_text(text=ENGLISH)

    with pytest.raises(IntegrityError):
        Article.objects.create(text=ENGLISH, content_hash=content_hash(ENGLISH))
