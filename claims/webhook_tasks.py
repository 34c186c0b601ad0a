"""Celery task delivering one webhook event, with retries and exponential backoff.

Celery's autodiscovery imports ``claims.tasks`` only; that module imports this one so the worker
registers ``deliver_webhook``.
"""

import logging
import random

from celery import shared_task

from claims.models import WebhookDelivery
from claims.webhooks import (
    DeliveryFailed,
    webhook_deliver,
    webhook_delivery_claim,
    webhook_delivery_give_up,
    webhook_delivery_retry_later,
)

logger = logging.getLogger(__name__)

MAX_RETRIES = 6
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 60 * 60


def backoff_seconds(retries: int) -> int:
    """30 s, 60 s, 2 min, 4 min ... capped at an hour, with jitter so retries do not bunch up."""
    delay = min(BACKOFF_BASE_SECONDS * 2**retries, BACKOFF_MAX_SECONDS)
    return random.randint(delay // 2, delay)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, name="claims.deliver_webhook")
def deliver_webhook(self, delivery_id: int) -> str:
    """Attempt ``delivery_id``; retry temporary failures, mark it failed when they run out.

    The retry is explicit rather than ``autoretry_for`` because the last failure must be recorded
    on the row and not raised: this task is queued from a transaction's on_commit hook. Without a
    broker (tasks run in-process) there is no queue to come back through, so the attempts are made
    in a row, without waiting.
    """
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None:
        logger.warning("Webhook delivery %s no longer exists; nothing to send", delivery_id)
        return "missing"
    if not webhook_delivery_claim(delivery=delivery):
        # Delivered or given up already, or another worker is posting it right now.
        return delivery.status
    retries = self.request.retries or 0
    while delivery.status == WebhookDelivery.Status.PENDING:
        try:
            webhook_deliver(delivery=delivery)
        except DeliveryFailed as exc:
            if not exc.temporary or retries >= self.max_retries:
                webhook_delivery_give_up(delivery=delivery, reason=exc.message)
                logger.warning("Webhook delivery %s failed: %s", delivery_id, exc.message)
            elif self.request.is_eager:
                retries += 1
            else:
                countdown = backoff_seconds(retries)
                webhook_delivery_retry_later(delivery=delivery, seconds=countdown)
                raise self.retry(exc=exc, countdown=countdown) from exc
    return delivery.status
