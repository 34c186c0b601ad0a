"""Deeply nested input is a 400, never a 500 (``RecursionError``), on every endpoint of the API:
JSON bodies on every URL and method, nested JSON inside form fields, and nested query strings."""

import json

import pytest
from rest_framework.test import APIClient

from claims.models import Webhook
from factcheck.api_parsers import MAX_JSON_DEPTH, TOO_DEEP, JSONParser
from tests.api_urls import api_urls
from tests.claims.api.conftest import token_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API_PATHS = [path for path, _ in api_urls()]
BODY_METHODS = ("get", "post", "put", "patch", "delete")  # the webhook is deleted last
# Far past the interpreter's recursion limit (the decoder's RecursionError), and just past ours.
DEPTHS = [100_000, MAX_JSON_DEPTH + 1]
# The handlers that read a body: each must refuse it with the parser's message.
READS_A_BODY = {
    ("post", "/api/v1/articles/"),
    ("post", "/api/v1/webhooks/"),
    ("put", "/api/v1/webhooks/{webhook}/"),
    ("patch", "/api/v1/webhooks/{webhook}/"),
}


def nested_arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


def nested_objects(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.fixture
def superuser_api(settings) -> APIClient:
    """Every permission, so that every handler gets as far as reading the body."""
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    user = UserFactory(username="root", groups=["API client"])
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return token_client(user)


@pytest.fixture
def webhook(superuser_api) -> Webhook:
    response = superuser_api.post(
        "/api/v1/webhooks/", {"url": "http://127.0.0.1:9/hook"}, format="json"
    )
    assert response.status_code == 201, response.content
    return Webhook.objects.get(pk=response.json()["id"])


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("shape", [nested_arrays, nested_objects])
def test_a_deep_json_body_is_a_400_on_every_url_and_method(superuser_api, webhook, shape, depth):
    body = shape(depth)
    answered: dict[tuple[str, str], int] = {}
    for path in API_PATHS:
        concrete = path.replace("/webhooks/1/", f"/webhooks/{webhook.pk}/")
        for method in BODY_METHODS:
            response = superuser_api.generic(
                method.upper(), concrete, body, content_type="application/json"
            )
            answered[method, path] = response.status_code
            assert response.status_code < 500, (method, concrete, response.status_code)
            if (method, path.replace("/webhooks/1/", "/webhooks/{webhook}/")) in READS_A_BODY:
                assert response.status_code == 400, (method, concrete)
                assert response.json() == {"detail": TOO_DEEP}, (method, concrete)
    assert len(answered) == len(API_PATHS) * len(BODY_METHODS)
    assert not Webhook.objects.exclude(pk=webhook.pk).exists()  # nothing was created


@pytest.mark.parametrize("field", ["url", "html", "text", "title", "published"])
def test_a_deep_value_inside_an_article_body_is_refused(superuser_api, field):
    body = '{"' + field + '": ' + nested_arrays(100_000) + "}"
    response = superuser_api.post("/api/v1/articles/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": TOO_DEEP}


def test_exactly_the_limit_is_parsed(superuser_api):
    events = json.loads(nested_arrays(MAX_JSON_DEPTH - 1))
    response = superuser_api.post(
        "/api/v1/webhooks/", {"url": "http://127.0.0.1:9/h", "events": events}, format="json"
    )

    assert response.status_code == 400  # a list of lists is not a list of events
    assert "events" in response.json()


@pytest.mark.parametrize("encoding", ["multipart", "form"])
@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/v1/articles/", ["url", "title", "published"]),
        ("/api/v1/webhooks/", ["url", "events", "is_active"]),
    ],
)
def test_json_inside_form_fields_is_only_text(superuser_api, encoding, path, fields):
    """The form parsers never decode a field as JSON: a nested value is a string, refused by the
    field that receives it (a ``text`` field would store it as the article's text)."""
    for field in fields:
        data = {field: nested_arrays(10_000)}
        if encoding == "form":
            response = superuser_api.post(path, data)
        else:
            response = superuser_api.post(path, data, format="multipart")
        assert response.status_code == 400, (field, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        "q=" + nested_arrays(50_000),
        "a[b][c][d][e][f][g][h]=1&" + "x" + "[y]" * 2_000 + "=1",
        "claim=" + nested_objects(5_000),
        "format=json&depth=" + nested_arrays(5_000),
    ],
    ids=["deep-array-value", "bracketed-keys", "deep-object-value", "graph-depth"],
)
def test_nested_query_strings_are_never_a_500(superuser_api, webhook, query):
    for path in API_PATHS:
        concrete = path.replace("/webhooks/1/", f"/webhooks/{webhook.pk}/")
        response = superuser_api.get(f"{concrete}?{query}")
        assert response.status_code < 500, (concrete, response.status_code)


def test_the_parser_is_the_default_of_every_api_view():
    from tests.api_urls import api_urls as urls

    for path, view_class in urls():
        assert JSONParser in view_class.parser_classes, path
