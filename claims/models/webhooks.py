"""API clients' webhooks and the deliveries made to them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from factcheck.models import ClaimedWork, TimeStamped


class Webhook(TimeStamped):
    """An API client's URL that receives an HMAC-signed POST when verdicts change."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=128)
    events = models.JSONField(default=list, help_text='e.g. ["verdict.published"]')
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["owner", "url"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(ClaimedWork):
    """One attempt-tracked delivery of an event to a webhook."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(
        default=timezone.now, help_text="When the next attempt is due (a pending delivery)."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "due_at"], name="webhookdelivery_status_due")]

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook} ({self.status})"
