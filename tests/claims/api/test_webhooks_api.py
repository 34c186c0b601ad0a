"""/api/v1/webhooks/: API clients manage their own webhooks; the secret is shown once."""

import pytest

from claims.models import Webhook, WebhookDelivery
from factcheck.api_parsers import MAX_JSON_DEPTH, TOO_DEEP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AUTH_QUERIES = 3  # token with user (1), user and group permissions (2)


@pytest.fixture
def allow_private(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True


def test_register_shows_the_secret_once(api, api_user, allow_private):
    response = api.post(
        "/api/v1/webhooks/",
        {"url": "http://127.0.0.1:8080/hook", "events": ["verdict.published"]},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    webhook = Webhook.objects.get()
    assert body == {
        "id": webhook.pk,
        "url": "http://127.0.0.1:8080/hook",
        "events": ["verdict.published"],
        "is_active": True,
        "secret": webhook.secret,
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }
    assert len(webhook.secret) == 64
    assert webhook.owner == api_user
    detail = api.get(f"/api/v1/webhooks/{webhook.pk}/").json()
    assert "secret" not in detail
    assert all("secret" not in item for item in api.get("/api/v1/webhooks/").json()["results"])


def test_events_default_to_all(api, allow_private):
    response = api.post("/api/v1/webhooks/", {"url": "http://127.0.0.1/h"}, format="json")
    assert response.json()["events"] == ["verdict.published", "verdict.retracted"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8080/hook", "Refused: 127.0.0.1 is a loopback address"),
        ("http://169.254.169.254/latest/", "Refused: 169.254.169.254 is a link-local address"),
        ("http://10.0.0.1/hook", "Refused: 10.0.0.1 is a private address"),
    ],
)
def test_private_urls_are_refused(api, url, message):
    response = api.post("/api/v1/webhooks/", {"url": url}, format="json")
    assert response.status_code == 400
    assert response.json() == {"url": [message]}
    assert Webhook.objects.count() == 0


def test_unknown_event_is_refused(api, allow_private):
    response = api.post(
        "/api/v1/webhooks/",
        {"url": "http://127.0.0.1/h", "events": ["claim.created"]},
        format="json",
    )
    assert response.status_code == 400
    assert "events" in response.json()


def test_clients_see_and_change_only_their_own(api, allow_private, django_assert_num_queries):
    mine = api.post("/api/v1/webhooks/", {"url": "http://127.0.0.1/mine"}, format="json").json()
    other = Webhook.objects.create(
        owner=UserFactory(groups=["API client"]), url="https://example.org/theirs", secret="x"
    )

    # Own webhooks page (1).
    with django_assert_num_queries(AUTH_QUERIES + 1):
        listed = api.get("/api/v1/webhooks/").json()["results"]
    assert [w["id"] for w in listed] == [mine["id"]]
    assert api.get(f"/api/v1/webhooks/{other.pk}/").status_code == 404
    assert api.delete(f"/api/v1/webhooks/{other.pk}/").status_code == 404

    patched = api.patch(f"/api/v1/webhooks/{mine['id']}/", {"is_active": False}, format="json")
    assert patched.status_code == 200
    assert Webhook.objects.get(pk=mine["id"]).is_active is False


def test_changing_the_url_is_checked_again(api, settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    created = api.post("/api/v1/webhooks/", {"url": "http://127.0.0.1/h"}, format="json").json()
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
    response = api.patch(
        f"/api/v1/webhooks/{created['id']}/", {"url": "http://10.1.2.3/"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"url": ["Refused: 10.1.2.3 is a private address"]}
    assert Webhook.objects.get().url == "http://127.0.0.1/h"


def test_delete(api, allow_private):
    created = api.post("/api/v1/webhooks/", {"url": "http://127.0.0.1/h"}, format="json").json()
    assert api.delete(f"/api/v1/webhooks/{created['id']}/").status_code == 204
    assert Webhook.objects.count() == 0


def test_deliveries_of_a_webhook(api, allow_private):
    created = api.post("/api/v1/webhooks/", {"url": "http://127.0.0.1/h"}, format="json").json()
    WebhookDelivery.objects.create(
        webhook_id=created["id"],
        event="verdict.published",
        payload={"id": "e1"},
        attempts=2,
        last_error="The receiver answered 503 Service Unavailable",
    )
    body = api.get(f"/api/v1/webhooks/{created['id']}/deliveries/").json()
    assert [(d["event"], d["status"], d["attempts"]) for d in body["results"]] == [
        ("verdict.published", "pending", 2)
    ]


def test_read_only_tokens_cannot_register(read_only_api, allow_private):
    response = read_only_api.post("/api/v1/webhooks/", {"url": "http://127.0.0.1/h"}, format="json")
    assert response.status_code == 403
    assert read_only_api.get("/api/v1/webhooks/").status_code == 200
    assert read_only_api.get("/api/v1/claims/").status_code == 200


def test_editors_have_no_webhooks(editor_api):
    assert editor_api.get("/api/v1/webhooks/").status_code == 403


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
def test_a_body_nested_too_deeply_answers_400(api, allow_private, depth):
    body = '{"url": "http://127.0.0.1/h", "events": ' + "[" * depth + "]" * depth + "}"

    response = api.post("/api/v1/webhooks/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": TOO_DEEP}
    assert Webhook.objects.count() == 0
