"""Webhooks: API clients' URLs that receive an HMAC-signed POST when a verdict is published or
retracted.

Writing side (services): ``webhook_create`` / ``webhook_update`` check the URL with the same SSRF
guard as article fetching (``articles.fetching.check_url_is_public``) and generate the secret.

Event side: ``webhooks_queue_event`` is called by the verdict services inside their transaction. It
writes one ``WebhookDelivery`` row per subscribed webhook in that same transaction (so a rolled-back
publication sends nothing) and queues ``deliver_webhook(delivery_id)`` once the transaction commits;
when the broker is down the row stays ``pending`` and the reconciler queues it once it is back.
A worker claims the row before posting, so a delivery queued twice is still posted once.

Delivery: ``webhook_deliver`` checks the URL again after DNS resolution, connects to the very
address it checked (no second lookup, so DNS rebinding cannot redirect it), POSTs the stored payload
and records the attempt. The request carries:

- ``X-Factcheck-Signature: sha256=<hex>``: HMAC-SHA256 of the raw request body with the webhook's
  secret;
- ``X-Factcheck-Event``: ``verdict.published`` or ``verdict.retracted``;
- ``X-Factcheck-Event-Id``: the event's UUID, also ``id`` in the body, the same for every retry and
  every webhook (receivers use it to drop duplicates and replays);
- ``X-Factcheck-Delivery``: the delivery row's id;
- ``X-Factcheck-Timestamp``: Unix time of this attempt.
"""

import datetime
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.fetching import FetchError, check_url_is_public
from claims.models import ClaimVariant, Verdict, Webhook, WebhookDelivery
from factcheck.work import RELEASED, claim_fields, enqueue_on_commit, unclaimed

logger = logging.getLogger(__name__)

EVENT_VERDICT_PUBLISHED = "verdict.published"
EVENT_VERDICT_RETRACTED = "verdict.retracted"
# A high-severity variant (claims.services.variants) of a claim with a published verdict:
# sent only to webhooks that ask for it.
EVENT_CLAIM_DRIFT = "claim.drift"
DEFAULT_EVENTS = (EVENT_VERDICT_PUBLISHED, EVENT_VERDICT_RETRACTED)
EVENTS = (*DEFAULT_EVENTS, EVENT_CLAIM_DRIFT)

SIGNATURE_HEADER = "X-Factcheck-Signature"
TIMESTAMP_HEADER = "X-Factcheck-Timestamp"
EVENT_HEADER = "X-Factcheck-Event"
EVENT_ID_HEADER = "X-Factcheck-Event-Id"
DELIVERY_HEADER = "X-Factcheck-Delivery"

DELIVERY_TIMEOUT_SECONDS = 10.0
DUE_SLACK_SECONDS = 5
MAX_ERROR_LENGTH = 2000


class DeliveryFailed(Exception):
    """An attempt failed; ``temporary`` says whether trying again later may succeed."""

    def __init__(self, message: str, *, temporary: bool, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.temporary = temporary
        self.status_code = status_code


# --- Registration -----------------------------------------------------------------------------


def webhook_url_check(*, url: str) -> None:
    """Refuse a URL that is not http(s) or resolves to a private, loopback or link-local address."""
    try:
        check_url_is_public(url)
    except FetchError as exc:
        raise ValidationError({"url": exc.message}) from exc


def webhook_events_check(*, events: Iterable[str]) -> list[str]:
    events = list(dict.fromkeys(events))
    if not events:
        raise ValidationError({"events": "Subscribe to at least one event."})
    unknown = [event for event in events if event not in EVENTS]
    if unknown:
        raise ValidationError(
            {"events": f"Unknown events: {', '.join(unknown)}. Known: {', '.join(EVENTS)}."}
        )
    return events


def webhook_create(
    *, actor: User, url: str, events: Iterable[str] | None = None, is_active: bool = True
) -> Webhook:
    """Register ``url`` for ``actor``, who owns it; the returned webhook's ``secret`` is shown to
    them once."""
    events = webhook_events_check(events=DEFAULT_EVENTS if events is None else events)
    webhook_url_check(url=url)
    webhook = Webhook(
        owner=actor, url=url, events=events, is_active=is_active, secret=secrets.token_hex(32)
    )
    webhook.full_clean()
    webhook.save()
    return webhook


def webhook_update(
    *,
    webhook: Webhook,
    actor: User,
    url: str | None = None,
    events: Iterable[str] | None = None,
    is_active: bool | None = None,
) -> Webhook:
    """Change a webhook's URL, events or active flag; the secret never changes here. Only its
    owner changes a webhook."""
    if webhook.owner_id != actor.pk:
        raise PermissionDenied("Only the webhook's owner changes it.")
    if url is not None and url != webhook.url:
        webhook_url_check(url=url)
        webhook.url = url
    if events is not None:
        webhook.events = webhook_events_check(events=events)
    if is_active is not None:
        webhook.is_active = is_active
    webhook.full_clean()
    webhook.save()
    return webhook


# --- Events -----------------------------------------------------------------------------------


def webhook_payload(*, event: str, verdict: Verdict) -> dict[str, Any]:
    """The JSON body sent for ``event`` about ``verdict``."""
    rating = verdict.rating
    claim = verdict.claim
    return {
        "id": str(uuid.uuid4()),
        "event": event,
        "occurred_at": timezone.now().isoformat(),
        "verdict": {
            "id": verdict.pk,
            "status": verdict.status,
            "summary": verdict.summary,
            "published_at": verdict.published_at.isoformat() if verdict.published_at else None,
            "retracted_at": verdict.retracted_at.isoformat() if verdict.retracted_at else None,
            "public_url": verdict.public_url,
            "version": verdict.version,
            "rating": None
            if rating is None
            else {
                "label": rating.label,
                "value": rating.value,
                "scale": rating.scale.slug,
                "worst": rating.scale.worst,
                "best": rating.scale.best,
            },
            "claim": {"id": claim.pk, "text": claim.text},
            "api_url": f"/api/v1/verdicts/{verdict.pk}/",
        },
    }


def webhooks_queue_event(*, event: str, verdict: Verdict) -> None:
    """Record one delivery per active webhook subscribed to ``event``; send them after commit.

    Called inside the transaction that publishes or retracts ``verdict``: the delivery rows share
    its fate, and nothing is sent for a transaction that rolls back.
    """
    _queue(event, lambda: [webhook_payload(event=event, verdict=verdict)])


def webhooks_queue_drift(*, variants: list[ClaimVariant], verdicts: dict[int, Verdict]) -> None:
    """``claim.drift`` for each variant, with the published verdict of its claim (``verdicts``)."""

    def payloads() -> list[dict[str, Any]]:
        return [
            {
                "id": str(uuid.uuid4()),
                "event": EVENT_CLAIM_DRIFT,
                "occurred_at": timezone.now().isoformat(),
                "claim": {"id": v.claim_id, "api_url": f"/api/v1/claims/{v.claim_id}/"},
                "variant": {
                    "attribution": v.attribution_id,
                    "base": v.base_id,
                    "diff": v.diff,
                    "changes": v.changes,
                    "severity": v.severity,
                },
                "verdict": {
                    "id": verdicts[v.claim_id].pk,
                    "public_url": verdicts[v.claim_id].public_url,
                },
            }
            for v in variants
        ]

    _queue(EVENT_CLAIM_DRIFT, payloads)


def _queue(event: str, payloads: Callable[[], list[dict[str, Any]]]) -> None:
    if event not in EVENTS:
        raise ValueError(f"Unknown webhook event {event!r}")
    # ``events`` is a JSON list; containment lookups are not portable to SQLite, and a desk has a
    # handful of webhooks, so the subscription test is done here.
    webhooks = [
        webhook
        for webhook in Webhook.objects.filter(is_active=True).only("id", "events")
        if event in (webhook.events or [])
    ]
    if not webhooks:
        return
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(webhook=webhook, event=event, payload=payload)
            for payload in payloads()
            for webhook in webhooks
        ]
    )
    from claims.webhook_tasks import deliver_webhook

    for delivery in deliveries:
        # A send the broker refuses leaves the row pending; the reconciler sends it later.
        enqueue_on_commit(deliver_webhook, delivery.pk)


def webhook_delivery_claim(*, delivery: WebhookDelivery) -> bool:
    """Take a pending delivery for this worker (one conditional UPDATE); False if another live
    worker holds it or it is no longer pending, so two workers never post the same one at once."""
    # A message handed out again early (a retry's countdown outlasting Redis' visibility timeout)
    # waits for the due time; the retry itself or the reconciler comes back for it.
    due_by = timezone.now() + datetime.timedelta(seconds=DUE_SLACK_SECONDS)
    taken = (
        WebhookDelivery.objects.filter(
            pk=delivery.pk, status=WebhookDelivery.Status.PENDING, due_at__lte=due_by
        )
        .filter(unclaimed())
        .update(**claim_fields())
    )
    return taken == 1


def webhook_delivery_retry_later(*, delivery: WebhookDelivery, seconds: float) -> None:
    """Release the claim and record when the next attempt is due (the reconciler's cue)."""
    delivery.due_at = timezone.now() + datetime.timedelta(seconds=seconds)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(due_at=delivery.due_at, **RELEASED)


# --- Delivery ---------------------------------------------------------------------------------


def webhook_body(*, payload: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed) for a payload."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def webhook_signature(*, secret: str, body: bytes) -> str:
    """``sha256=<hex>``: what a receiver recomputes from the raw body and compares."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def webhook_deliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Make one attempt at ``delivery`` and record it; raise DeliveryFailed when it failed.

    A delivery already delivered is left alone, so running the task twice sends nothing twice.
    """
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        return delivery
    webhook = delivery.webhook
    delivery.attempts += 1
    try:
        status_code = _post(webhook=webhook, delivery=delivery)
    except DeliveryFailed as exc:
        delivery.last_error = exc.message[:MAX_ERROR_LENGTH]
        delivery.response_status = exc.status_code
        delivery.save(update_fields=["attempts", "last_error", "response_status"])
        raise
    delivery.status = WebhookDelivery.Status.DELIVERED
    delivery.response_status = status_code
    delivery.delivered_at = timezone.now()
    delivery.last_error = ""
    delivery.claimed_by, delivery.claimed_at = "", None
    delivery.save(
        update_fields=[
            "attempts",
            "status",
            "response_status",
            "delivered_at",
            "last_error",
            "claimed_by",
            "claimed_at",
        ]
    )
    return delivery


def webhook_delivery_give_up(*, delivery: WebhookDelivery, reason: str) -> None:
    delivery.status = WebhookDelivery.Status.FAILED
    delivery.last_error = reason[:MAX_ERROR_LENGTH]
    delivery.claimed_by, delivery.claimed_at = "", None
    delivery.save(update_fields=["status", "last_error", "claimed_by", "claimed_at"])


def _post(*, webhook: Webhook, delivery: WebhookDelivery) -> int:
    if not webhook.is_active:
        raise DeliveryFailed("The webhook was deactivated", temporary=False)
    try:
        host, port, addresses = check_url_is_public(webhook.url)
    except FetchError as exc:
        raise DeliveryFailed(exc.message, temporary=exc.temporary) from exc
    body = webhook_body(payload=delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": settings.FETCH_USER_AGENT,
        SIGNATURE_HEADER: webhook_signature(secret=webhook.secret, body=body),
        TIMESTAMP_HEADER: str(int(time.time())),
        EVENT_HEADER: delivery.event,
        EVENT_ID_HEADER: str(delivery.payload.get("id", "")),
        DELIVERY_HEADER: str(delivery.pk),
    }
    parts = urlsplit(webhook.url)
    default_port = 443 if parts.scheme.lower() == "https" else 80
    bare_host = f"[{host}]" if ":" in host else host
    headers["Host"] = bare_host if port == default_port else f"{bare_host}:{port}"
    last_error: DeliveryFailed | None = None
    # trust_env=False: an environment proxy would make the connection and void the address check.
    # Redirects are not followed: the checked address is the only one we talk to.
    with httpx.Client(
        timeout=DELIVERY_TIMEOUT_SECONDS, follow_redirects=False, trust_env=False
    ) as client:
        for address in addresses:
            ip = f"[{address}]" if address.version == 6 else str(address)
            pinned = urlunsplit((parts.scheme, f"{ip}:{port}", parts.path or "/", parts.query, ""))
            request = client.build_request(
                "POST", pinned, content=body, headers=headers, extensions={"sni_hostname": host}
            )
            try:
                response = client.send(request)
            except httpx.HTTPError as exc:
                last_error = DeliveryFailed(
                    f"Could not reach {host}: {exc.__class__.__name__} {exc}".strip(),
                    temporary=True,
                )
                continue
            if 200 <= response.status_code < 300:
                return response.status_code
            raise DeliveryFailed(
                f"The receiver answered {response.status_code} {response.reason_phrase}",
                # A receiver's 4xx (other than throttling) will not change by itself.
                temporary=response.status_code >= 500 or response.status_code in {408, 429},
                status_code=response.status_code,
            )
    assert last_error is not None
    raise last_error
