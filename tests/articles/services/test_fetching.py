"""Fetching URL articles from a local server, and retrying failed articles."""

import pytest

from articles.models import Article
from articles.services import article_create_from_url, article_fetch, article_retry, content_hash
from tests.articles.conftest import Route
from tests.articles.services.samples import PAGE
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_url_article_is_fetched_cleaned_and_queued_for_extraction(
    local_server, allow_private, django_capture_on_commit_callbacks, extraction_queue
):
    local_server.routes["/bridge"] = Route(
        body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        article = article_create_from_url(url=local_server.url("/bridge"), outlet="Gazette")

    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert article.error == ""
    assert article.raw == PAGE.decode()
    assert article.raw_content_type == "text/html; charset=utf-8"
    assert article.title == "Bridge to reopen"
    assert article.outlet == "Gazette"
    assert article.text.startswith("The mayor said on Monday")
    assert article.content_hash == content_hash(article.text)
    assert extraction_queue == [article.pk]


def test_refused_url_fails_with_the_reason(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create_from_url(url="http://10.0.0.1/secret")

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == "Refused: 10.0.0.1 is a private address"


@pytest.mark.parametrize(
    ("route", "error"),
    [
        (Route(404, b"gone"), "The server answered 404 Not Found"),
        (Route(body=b"\x89PNG\r\n", headers={"Content-Type": "image/png"}), "image/png"),
        (Route(body=b"abc\x00def", headers={"Content-Type": "text/plain"}), "binary"),
        (Route(body=b"   ", headers={"Content-Type": "text/plain"}), "empty"),
    ],
)
def test_bad_url_documents_fail_with_a_message(
    local_server, allow_private, django_capture_on_commit_callbacks, route, error
):
    local_server.routes["/doc"] = route

    with django_capture_on_commit_callbacks(execute=True):
        article = article_create_from_url(url=local_server.url("/doc"))

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert error in article.error
    assert "Traceback" not in article.error


def test_fetched_duplicate_content_fails_and_keeps_the_raw(
    local_server, allow_private, django_capture_on_commit_callbacks, extraction_queue
):
    local_server.routes["/a"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    local_server.routes["/b"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    with django_capture_on_commit_callbacks(execute=True):
        first = article_create_from_url(url=local_server.url("/a"))
        second = article_create_from_url(url=local_server.url("/b"))

    second.refresh_from_db()
    assert second.status == Article.Status.FAILED
    assert second.error == f"Duplicate of article {first.pk} (same content)"
    assert second.raw == PAGE.decode()
    assert second.content_hash is None
    assert extraction_queue == [first.pk]


def test_fetch_is_idempotent_for_an_article_already_fetched(local_server, allow_private):
    article = ArticleFactory(url=local_server.url("/x"), status=Article.Status.EXTRACTED)

    article_fetch(article=article)

    assert local_server.requests == []
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED


def test_retry_refetches_a_failed_url_article(
    local_server, allow_private, django_capture_on_commit_callbacks, extraction_queue
):
    local_server.routes["/flaky"] = Route(503, b"busy")
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create_from_url(url=local_server.url("/flaky"))
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "503" in article.error

    local_server.routes["/flaky"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    with django_capture_on_commit_callbacks(execute=True):
        article_retry(article=article)

    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert article.error == ""
    assert article.text.startswith("The mayor said")
    assert extraction_queue == [article.pk]


def test_retry_requeues_extraction_for_a_text_article(
    django_capture_on_commit_callbacks, extraction_queue
):
    article = ArticleFactory(
        url="",
        normalized_url=None,
        origin=Article.Origin.TEXT,
        status=Article.Status.FAILED,
        error="extractor crashed",
    )

    with django_capture_on_commit_callbacks(execute=True):
        article_retry(article=article)

    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.QUEUED, "")
    assert extraction_queue == [article.pk]


def test_a_fetched_page_over_extract_max_chars_is_skipped_not_queued(
    local_server, allow_private, django_capture_on_commit_callbacks, extraction_queue, settings
):
    settings.EXTRACT_MAX_CHARS = 20
    local_server.routes["/long"] = Route(
        body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create_from_url(url=local_server.url("/long"))
    article.refresh_from_db()
    assert article.status == Article.Status.SKIPPED
    assert "(EXTRACT_MAX_CHARS)" in article.error
    assert (article.queued_at, article.claimed_at) == (None, None)
    assert extraction_queue == []


def test_a_url_article_a_live_worker_is_fetching_is_not_fetched_twice(local_server, allow_private):
    from django.utils import timezone

    local_server.routes["/busy"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    article = ArticleFactory(
        url=local_server.url("/busy"), text="", status="fetching", claimed_at=timezone.now()
    )
    article_fetch(article=article, task_id="second")
    article.refresh_from_db()
    assert (article.status, article.text) == ("fetching", "")
