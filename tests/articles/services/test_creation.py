"""Creating articles from text, HTML and URLs: what is stored, and what is queued."""

import pytest

from articles.models import Article
from articles.services import (
    InvalidSubmission,
    article_create_from_html,
    article_create_from_text,
    article_create_from_url,
    content_hash,
)
from tests.articles.services.samples import ENGLISH, GERMAN, PAGE

pytestmark = pytest.mark.django_db


def test_text_article_is_stored_and_extraction_queued_on_commit(
    django_capture_on_commit_callbacks, extraction_queue
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article = article_create_from_text(text=ENGLISH, title="Bridge", outlet="Gazette")

    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert article.text == ENGLISH
    assert article.raw == ENGLISH
    assert article.language == "en"
    assert article.origin == Article.Origin.TEXT
    assert article.content_hash == content_hash(ENGLISH)
    assert (article.title, article.outlet) == ("Bridge", "Gazette")
    assert len(callbacks) == 1
    assert extraction_queue == [article.pk]


def test_non_english_text_is_skipped_with_the_reason(
    django_capture_on_commit_callbacks, extraction_queue
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article = article_create_from_text(text=GERMAN)

    article.refresh_from_db()
    assert article.status == Article.Status.SKIPPED
    assert article.language == "de"
    assert article.error == "Language 'de' is not supported by the English extractor"
    assert callbacks == []
    assert extraction_queue == []


def test_no_extract_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article_create_from_text(text=ENGLISH, extract=False)

    assert callbacks == []


def test_html_article_keeps_raw_and_cleans_text():
    html = PAGE.decode()

    article = article_create_from_html(html=html, url="https://news.example/bridge?utm_source=x")

    assert article.raw == html
    assert article.origin == Article.Origin.HTML
    assert article.title == "Bridge to reopen"
    assert article.text.startswith("The mayor said on Monday")
    assert article.normalized_url == "https://news.example/bridge"


def test_html_without_text_is_stored_as_failed_with_the_reason():
    article = article_create_from_html(html="<html><body><script>1</script></body></html>")

    assert article.status == Article.Status.FAILED
    assert article.error == "The HTML document contains no text."
    assert article.raw.startswith("<html>")


def test_invalid_url_is_refused():
    with pytest.raises(InvalidSubmission):
        article_create_from_url(url="javascript:alert(1)")
