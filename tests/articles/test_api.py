import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/"
TEXT = (
    "The minister said on Tuesday that unemployment had fallen to its lowest level in a decade. "
    "Economists said the figures were encouraging but warned about the coming winter."
)


def client_for(*groups: str) -> tuple[APIClient, object]:
    user = UserFactory(groups=list(groups))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client, user


def test_submit_text_answers_202_with_location_and_stores_the_article():
    client, user = client_for("API client")

    response = client.post(
        URL,
        {"text": TEXT, "title": "Jobs", "outlet": "Gazette", "published": "2024-06-26"},
        format="json",
    )

    assert response.status_code == 202
    article = Article.objects.get()
    body = response.json()
    assert body == {
        "id": article.pk,
        "href": f"http://testserver/api/v1/articles/{article.pk}/",
        "status": "queued",
        "error": "",
        "url": "",
        "canonical_url": "",
        "title": "Jobs",
        "byline": "",
        "outlet": "Gazette",
        "published_at": "2024-06-26T12:00:00Z",
        "language": "en",
        "origin": "text",
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }
    assert response["Location"] == body["href"]
    assert article.text == TEXT
    assert article.submitted_by == user


def test_submit_url_queues_a_fetch(django_capture_on_commit_callbacks):
    client, _ = client_for("Editor")

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(URL, {"url": "https://news.example/story?utm_source=x"})

    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    assert response.json()["url"] == "https://news.example/story?utm_source=x"
    assert Article.objects.get().normalized_url == "https://news.example/story"
    assert len(callbacks) == 1


def test_submit_html():
    client, _ = client_for("Editor")
    html = f"<html><body><article><h1>Jobs data</h1><p>{TEXT}</p></article></body></html>"

    response = client.post(URL, {"html": html}, format="json")

    assert response.status_code == 202
    article = Article.objects.get()
    assert (article.origin, article.raw, article.text) == ("html", html, TEXT)


def test_duplicate_answers_409_naming_the_existing_article():
    client, _ = client_for("Editor")
    existing = ArticleFactory(
        url="https://news.example/story", normalized_url="https://news.example/story"
    )

    response = client.post(URL, {"url": "https://NEWS.example/story/#top"})

    assert response.status_code == 409
    assert response.json() == {
        "detail": f"Duplicate of article {existing.pk} (same URL)",
        "duplicate_of": existing.pk,
        "url": f"http://testserver/api/v1/articles/{existing.pk}/",
    }
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "non_field_errors"),
        ({"text": TEXT, "url": "https://news.example/a"}, "non_field_errors"),
        ({"url": "not a url"}, "url"),
        ({"url": "ftp://news.example/a"}, "url"),
        ({"text": TEXT, "published": "last tuesday"}, "published"),
        ({"text": ""}, "text"),
    ],
)
def test_invalid_submissions_answer_400_with_field_messages(payload, field):
    client, _ = client_for("Editor")

    response = client.post(URL, payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert all(isinstance(message, str) for message in response.json()[field])
    assert Article.objects.count() == 0


def test_reviewers_cannot_submit_and_anonymous_must_authenticate():
    reviewer, _ = client_for("Reviewer")

    assert reviewer.post(URL, {"text": TEXT}, format="json").status_code == 403
    assert APIClient().post(URL, {"text": TEXT}, format="json").status_code == 401
    assert Article.objects.count() == 0


def test_detail_shows_status_error_and_text():
    client, _ = client_for("Reviewer")
    article = ArticleFactory(status="failed", error="Refused: 10.0.0.1 is a private address")

    response = client.get(f"{URL}{article.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["error"], body["text"]) == (
        "failed",
        "Refused: 10.0.0.1 is a private address",
        article.text,
    )


def test_list_is_cursor_paginated_filtered_and_uses_constant_queries(django_assert_num_queries):
    client, _ = client_for("Reviewer")
    ArticleFactory.create_batch(3, status="extracted", outlet="Gazette")
    ArticleFactory.create_batch(2, status="failed", outlet="Gazette")
    ArticleFactory(status="failed", outlet="Courier")

    # 1 token + user, 2 the user's permissions (direct, via groups), 1 the page of articles.
    with django_assert_num_queries(4):
        response = client.get(URL, {"status": "failed", "outlet": "Gazette", "page_size": 1})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    assert len(body["results"]) == 1
    assert body["results"][0]["status"] == "failed"
    assert "text" not in body["results"][0]
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 1
    assert second["results"][0]["id"] != body["results"][0]["id"]
    assert second["next"] is None


def test_list_query_count_does_not_grow_with_the_page(django_assert_num_queries):
    client, _ = client_for("Reviewer")
    ArticleFactory.create_batch(20)

    with django_assert_num_queries(4):
        response = client.get(URL)

    assert len(response.json()["results"]) == 20


def test_a_document_over_the_size_cap_is_refused_with_a_message(settings):
    settings.FETCH_MAX_BYTES = 1_000
    client, _ = client_for("API client")
    response = client.post("/api/v1/articles/", {"text": "word " * 300}, format="json")
    assert response.status_code == 400
    assert response.json() == {"text": ["The document is larger than the 0.001 MB limit."]}
    assert not Article.objects.exists()


def test_a_request_body_over_the_upload_limit_answers_json(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    settings.FETCH_MAX_BYTES = 1_000_000
    client, _ = client_for("API client")
    response = client.post("/api/v1/articles/", {"text": "word " * 1_000}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The request body is too large; submit documents of at most 1 MB."
    }
    assert not Article.objects.exists()


def test_with_the_broker_down_a_submission_is_saved_queued_and_answers_202(
    broker_down, django_capture_on_commit_callbacks
):
    """Finding 2: a 500 after 20 s, yet the article was saved and stayed queued forever."""
    client, _ = client_for("API client")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"text": TEXT}, format="json")
    assert response.status_code == 202
    assert broker_down.called, "the send was attempted and refused"
    article = Article.objects.get()
    assert article.status == "queued"
    assert article.queued_at is not None, "the reconciler will send it"


def test_a_text_over_extract_max_chars_is_stored_skipped_with_the_reason(settings):
    settings.EXTRACT_MAX_CHARS = 50
    client, _ = client_for("API client")
    response = client.post(URL, {"text": TEXT}, format="json")
    assert response.status_code == 202
    assert response.json()["status"] == "skipped"
    assert "(EXTRACT_MAX_CHARS)" in response.json()["error"]
    assert Article.objects.get().queued_at is None
