"""The database refuses a second article with the same normalized URL or content."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_normalized_url_is_unique():
    ArticleFactory(url="https://example.org/a", normalized_url="https://example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://EXAMPLE.org/a/", normalized_url="https://example.org/a")


def test_content_hash_is_unique():
    first = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash=first.content_hash)


def test_articles_without_url_or_hash_coexist():
    ArticleFactory(url="", normalized_url=None, content_hash=None)
    ArticleFactory(url="", normalized_url=None, content_hash=None)
    assert Article.objects.filter(normalized_url__isnull=True).count() == 2


def test_status_outside_the_choices_is_refused():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status="lost")
