import pytest
from django.db import IntegrityError

from articles.models import Article
from articles.services import (
    EXTRACTION_BATCH_SIZE,
    DuplicateArticle,
    IngestItem,
    InvalidSubmission,
    article_bulk_ingest,
    article_create_from_html,
    article_create_from_text,
    article_create_from_url,
    article_fetch,
    article_retry,
    content_hash,
)
from tests.articles.conftest import Route
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ENGLISH = (
    "The mayor said on Monday that the bridge would reopen in May after repairs. "
    "Engineers had warned that the structure was unsafe for heavy traffic."
)
GERMAN = (
    "Der Bürgermeister sagte am Montag, dass die Brücke im Mai wieder geöffnet wird. "
    "Die Ingenieure hatten gewarnt, dass das Bauwerk für den Verkehr nicht sicher sei."
)
PAGE = (
    "<html lang='en'><head><title>Bridge to reopen</title></head><body><article>"
    f"<h1>Bridge to reopen</h1><p>{ENGLISH}</p><p>Residents welcomed the news.</p>"
    "</article></body></html>"
).encode()


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
    assert extraction_queued_ids(extraction_queue) == [article.pk]


def extraction_queued_ids(queue):
    return list(queue)


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
    monkeypatch.setattr("articles.services._find_duplicate", _miss_once())

    with pytest.raises(DuplicateArticle) as duplicate:
        article_create_from_url(url="https://news.example/race")

    assert duplicate.value.existing == existing


def _miss_once():
    from articles import services

    real = services._find_duplicate
    calls = {"n": 0}

    def find(**kwargs):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(**kwargs)

    return find


def test_invalid_url_is_refused():
    with pytest.raises(InvalidSubmission):
        article_create_from_url(url="javascript:alert(1)")


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


def test_database_refuses_a_second_row_with_the_same_hash():
    article_create_from_text(text=ENGLISH)

    with pytest.raises(IntegrityError):
        Article.objects.create(text=ENGLISH, content_hash=content_hash(ENGLISH))


def test_bulk_ingest_queues_extraction_in_batches_after_commit(
    extraction_queue, django_capture_on_commit_callbacks
):
    items = [
        IngestItem(label=f"item-{n}", text=f"Story {n}: the council approved {n} new homes.")
        for n in range(EXTRACTION_BATCH_SIZE + 4)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        summary = article_bulk_ingest(items=items)
        assert extraction_queue == [], "nothing is queued before the rows are committed"

    created = sorted(o.article_id for o in summary.outcomes if o.result == "created")
    assert len(created) == len(items)
    assert [len(batch) for batch in extraction_queue.batches] == [EXTRACTION_BATCH_SIZE, 4]
    assert sorted(extraction_queue) == created
