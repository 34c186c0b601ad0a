"""Bad input is a 4xx, never a 500, on every operation of the API: each query parameter and each
body field of the OpenAPI schema is given huge, wrongly typed and malformed values in turn.

The property test (test_schemathesis.py) draws values at random; this one always tries the values
that broke something once (a 300,000-character filter was an SQLite "LIKE pattern too complex").
"""

import json
from typing import Any
from urllib.parse import quote

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from tests.claims.api.conftest import token_client
from tests.claims.api.samples import build_sample_article
from tests.factories import (
    EvidenceFactory,
    StanceFactory,
    UserFactory,
    VerdictFactory,
    WebhookFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("offline")]

HUGE = "x" * 300_000
# Already percent-encoded: invalid UTF-8, a lone surrogate, a broken escape.
RAW_QUERY_VALUES = ["%ED%A0%80", "%FF%FE", "%", "%00"]
QUERY_VALUES = [
    HUGE,
    "9" * 400,
    "-" + "9" * 30,
    "1e999",
    "NaN",
    "null",
    "[]",
    "-1",
    " ",
    "1.5",
    "\uff12",  # a full-width digit
    "\u00b9",  # a superscript digit: str.isdigit() says yes, int() says no
    "2024-13-45",
    "0001-01-01",
]
BODY_VALUES: list[Any] = [
    HUGE,
    None,
    True,
    12345678901234567890123,
    -1.5,
    [],
    {},
    [[["a"]]],
    {"a": [1]},
    "\x00",
    "",
    "\u00b9",
    "javascript:alert(1)",
    "http://" + "a" * 3000 + ".com/",
    "http://[::1",
    "http://example.org:99999/",
    "2024-13-45",
    "9999-12-31T23:59:59+14:00",
]
LONE_SURROGATE = '"\\ud800"'  # valid JSON, not encodable as UTF-8


@pytest.fixture
def world() -> dict[str, Any]:
    """A row in every table the API reads, a writer's token and the writer's webhook."""
    sample = build_sample_article()
    claim = next(iter(sample.claims.values()))
    source = next(iter(sample.sources.values()))
    VerdictFactory(claim=claim, status="published", published_at=timezone.now())
    StanceFactory(claim=claim, source=source)
    EvidenceFactory(claim=claim)
    writer = UserFactory(username="writer", groups=["API client"])
    return {"api": token_client(writer), "webhook": WebhookFactory(owner=writer)}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = SchemaGenerator().get_schema(public=True)
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            fields: list[str] = []
            if body:
                name = body["schema"]["$ref"].rsplit("/", 1)[-1]
                fields = list(schema["components"]["schemas"][name]["properties"])
            query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            found.append((method.upper(), path, {"query": query, "fields": fields}))
    return found


def _concrete(path: str, world: dict[str, Any]) -> str:
    return path.replace("{id}", str(world["webhook"].pk) if "/webhooks/" in path else "1")


def test_every_operation_is_tried():
    operations = {(method, path) for method, path, _ in _operations()}
    assert len(operations) >= 25
    assert ("POST", "/api/v1/articles/") in operations
    assert ("PATCH", "/api/v1/webhooks/{id}/") in operations


def test_bad_query_values_are_never_a_500(world):
    api = world["api"]
    answered = []
    for method, path, parts in _operations():
        for name in parts["query"]:
            values = [quote(value) for value in QUERY_VALUES] + RAW_QUERY_VALUES
            for value in values:
                response = api.generic(method, f"{_concrete(path, world)}?{name}={value}")
                answered.append(response.status_code)
                assert response.status_code < 500, (method, path, name, value[:40])
    assert 400 in answered


def test_bad_body_values_are_never_a_500(world, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    api = world["api"]
    answered = []
    for method, path, parts in _operations():
        valid = {"text": "The mayor said so."} if "/articles/" in path else {"url": "http://a.b/h"}
        for name in parts["fields"]:
            bodies = [json.dumps({**valid, name: value}) for value in BODY_VALUES]
            bodies.append(json.dumps(valid)[:-1] + f', "{name}": {LONE_SURROGATE}}}')
            for body in bodies:
                response = api.generic(
                    method, _concrete(path, world), body, content_type="application/json"
                )
                answered.append(response.status_code)
                assert response.status_code < 500, (method, path, name, body[:60])
    assert 400 in answered


@pytest.mark.parametrize(
    ("path", "name", "limit"),
    [
        ("/api/v1/claims/", "outlet", 200),
        ("/api/v1/claims/", "rating", 100),
        ("/api/v1/claims/", "q", 500),
        ("/api/v1/attributions/", "outlet", 200),
        ("/api/v1/attributions/", "q", 500),
        ("/api/v1/sources/", "q", 500),
        ("/api/v1/verdicts/", "rating", 100),
    ],
)
def test_text_filters_refuse_text_longer_than_anything_stored(world, path, name, limit):
    api = world["api"]
    assert api.get(path, {name: "x" * limit}).status_code == 200
    response = api.get(path, {name: "x" * (limit + 1)})
    assert response.status_code == 400
    assert response.json() == {
        name: [f"Ensure this value has at most {limit} characters (it has {limit + 1})."]
    }
