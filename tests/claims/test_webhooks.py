"""Webhook events: signed delivery after commit, retries with backoff, and the SSRF guard."""

import hashlib
import hmac
import json
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from claims.models import Verdict, Webhook, WebhookDelivery
from claims.webhook_tasks import backoff_seconds, deliver_webhook
from claims.webhooks import (
    webhook_create,
    webhook_signature,
    webhook_update,
    webhooks_queue_event,
)
from tests.factories import UserFactory, VerdictFactory
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return VerdictFactory(status=Verdict.Status.PUBLISHED, published_at=timezone.now())


def test_published_verdict_is_delivered_signed_after_commit(
    settings, api_user, published, django_capture_on_commit_callbacks
):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver([]) as receiver:
        webhook = webhook_create(actor=api_user, url=receiver.url, events=["verdict.published"])
        webhook_create(actor=api_user, url=receiver.url, events=["verdict.retracted"])

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            webhooks_queue_event(event="verdict.published", verdict=published)
            assert receiver.requests == [], "nothing is sent before the commit"

        assert len(callbacks) == 1
        (request,) = receiver.requests
    headers, body = request["headers"], request["body"]
    expected = hmac.new(webhook.secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Factcheck-Signature"] == f"sha256={expected}"
    assert headers["X-Factcheck-Event"] == "verdict.published"
    assert headers["Content-Type"] == "application/json"
    assert abs(int(headers["X-Factcheck-Timestamp"]) - timezone.now().timestamp()) < 60
    payload = json.loads(body)
    assert headers["X-Factcheck-Event-Id"] == payload["id"]
    assert payload["event"] == "verdict.published"
    assert payload["verdict"]["id"] == published.pk
    assert payload["verdict"]["claim"] == {"id": published.claim_id, "text": published.claim.text}
    assert payload["verdict"]["rating"]["label"] == published.rating.label
    delivery = WebhookDelivery.objects.get()
    assert headers["X-Factcheck-Delivery"] == str(delivery.pk)
    assert (delivery.webhook, delivery.status, delivery.attempts, delivery.response_status) == (
        webhook,
        "delivered",
        1,
        200,
    )
    assert delivery.delivered_at is not None


def test_nothing_is_sent_when_the_transaction_rolls_back(settings, api_user, published):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    webhook_create(actor=api_user, url="http://127.0.0.1:9/hook")

    with pytest.raises(RuntimeError), transaction.atomic():
        webhooks_queue_event(event="verdict.retracted", verdict=published)
        raise RuntimeError("publication failed")

    assert WebhookDelivery.objects.count() == 0


def test_inactive_webhooks_get_nothing(settings, api_user, published):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    webhook_create(actor=api_user, url="http://127.0.0.1:9/hook", is_active=False)
    webhooks_queue_event(event="verdict.published", verdict=published)
    assert WebhookDelivery.objects.count() == 0


def test_failed_attempt_is_retried_until_delivered(
    settings, api_user, published, django_capture_on_commit_callbacks
):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver([500, 503]) as receiver:
        webhook_create(actor=api_user, url=receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            webhooks_queue_event(event="verdict.published", verdict=published)
        assert len(receiver.requests) == 3
        # Every attempt sends the same body and event id, so the receiver can drop duplicates.
        assert len({r["body"] for r in receiver.requests}) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status, delivery.last_error) == (
        "delivered",
        3,
        200,
        "",
    )


def test_permanent_failure_is_recorded_not_retried(settings, api_user, published):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver([410]) as receiver:
        webhook_create(actor=api_user, url=receiver.url)
        webhooks_queue_event(event="verdict.published", verdict=published)
        delivery = WebhookDelivery.objects.get()
        assert deliver_webhook.delay(delivery.pk).get() == "failed"
        assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 1, 410)
    assert delivery.last_error == "The receiver answered 410 Gone"


def test_retries_run_out_and_the_delivery_is_marked_failed(settings, api_user, published):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver([500] * 20) as receiver:
        webhook_create(actor=api_user, url=receiver.url)
        webhooks_queue_event(event="verdict.published", verdict=published)
        delivery = WebhookDelivery.objects.get()
        deliver_webhook.delay(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", deliver_webhook.max_retries + 1)
    assert "500" in delivery.last_error


def test_delivering_twice_sends_once(settings, api_user, published):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver([]) as receiver:
        webhook_create(actor=api_user, url=receiver.url)
        webhooks_queue_event(event="verdict.published", verdict=published)
        delivery = WebhookDelivery.objects.get()
        deliver_webhook.delay(delivery.pk)
        deliver_webhook.delay(delivery.pk)
        assert len(receiver.requests) == 1
    assert deliver_webhook.delay(987654).get() == "missing"


def test_backoff_grows_exponentially_with_a_cap():
    assert 15 <= backoff_seconds(0) <= 30
    assert 60 <= backoff_seconds(2) <= 120
    assert backoff_seconds(20) <= 3600


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8000/hook", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.1/hook", "private"),
        ("http://[::1]/hook", "loopback"),
        ("ftp://example.org/hook", "only http and https"),
        ("http://user:pw@example.org/hook", "user name or password"),
    ],
)
def test_private_targets_are_refused_at_registration(api_user, url, reason):
    with pytest.raises(ValidationError) as error:
        webhook_create(actor=api_user, url=url)
    assert reason in str(error.value.message_dict["url"])
    assert Webhook.objects.count() == 0


def test_private_target_is_refused_again_at_delivery(settings, api_user, published):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver([]) as receiver:
        webhook_create(actor=api_user, url=receiver.url)
        webhooks_queue_event(event="verdict.published", verdict=published)
        settings.FETCH_ALLOW_PRIVATE_ADDRESSES = False
        deliver_webhook.delay(WebhookDelivery.objects.get().pk)
        assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_error == "Refused: 127.0.0.1 is a loopback address"


def test_signature_helper_matches_a_receiver_computation():
    body = b'{"event":"verdict.published"}'
    digest = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert webhook_signature(secret="s3cret", body=body) == f"sha256={digest}"


def test_unknown_event_is_a_programming_error(published):
    with pytest.raises(ValueError, match="Unknown webhook event"):
        webhooks_queue_event(event="verdict.deleted", verdict=published)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_live_worker_delivers_a_signed_webhook_through_redis(live_worker, api_user):
    """The publish transaction commits, the delivery is queued on Redis and a worker posts it."""
    verdict = VerdictFactory(status=Verdict.Status.PUBLISHED, published_at=timezone.now())
    with Receiver([]) as receiver:
        # The worker runs with FETCH_ALLOW_PRIVATE_ADDRESSES=1 (tests/conftest.py) so it may post
        # to this 127.0.0.1 receiver; registration here is checked with the same allowance.
        with override_settings(FETCH_ALLOW_PRIVATE_ADDRESSES=True):
            webhook = webhook_create(actor=api_user, url=receiver.url)
        with transaction.atomic():
            webhooks_queue_event(event="verdict.published", verdict=verdict)
        deadline = time.monotonic() + 60
        while not receiver.requests and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(receiver.requests) == 1, "the worker did not deliver the webhook"
        (request,) = receiver.requests
    expected = hmac.new(webhook.secret.encode(), request["body"], hashlib.sha256).hexdigest()
    assert request["headers"]["X-Factcheck-Signature"] == f"sha256={expected}"
    deadline = time.monotonic() + 30
    delivery = WebhookDelivery.objects.get()
    while delivery.status != "delivered" and time.monotonic() < deadline:
        time.sleep(0.2)
        delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)


def test_only_the_owner_changes_a_webhook(settings):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    owner, other = UserFactory(groups=["API client"]), UserFactory(groups=["API client"])
    webhook = webhook_create(actor=owner, url="http://127.0.0.1:9/hook")

    with pytest.raises(PermissionDenied):
        webhook_update(webhook=webhook, actor=other, is_active=False)
    webhook_update(webhook=webhook, actor=owner, is_active=False)

    webhook.refresh_from_db()
    assert webhook.owner == owner and webhook.is_active is False


def test_with_the_broker_down_a_delivery_stays_pending_and_is_posted_once_when_sent_again(
    settings, api_user, published, broker_down, django_capture_on_commit_callbacks
):
    """Finding 3: deliveries made while the broker was down stayed pending forever."""
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver([]) as receiver:
        webhook_create(actor=api_user, url=receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            webhooks_queue_event(event="verdict.published", verdict=published)
        delivery = WebhookDelivery.objects.get()
        assert broker_down.called and delivery.status == "pending"
        # The reconciler's message and a late original both arrive: one POST.
        assert deliver_webhook.apply(args=[delivery.pk]).get() == "delivered"
        assert deliver_webhook.apply(args=[delivery.pk]).get() == "delivered"
        assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.claimed_at) == ("delivered", 1, None)


def test_a_delivery_another_worker_is_posting_is_left_to_it(settings, api_user, published):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True
    with Receiver([]) as receiver:
        webhook = webhook_create(actor=api_user, url=receiver.url)
        delivery = WebhookDelivery.objects.create(
            webhook=webhook, event="verdict.published", payload={}, claimed_at=timezone.now()
        )
        assert deliver_webhook.apply(args=[delivery.pk]).get() == "pending"
        assert receiver.requests == []
