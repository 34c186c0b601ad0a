"""Serializers of webhook registrations and their deliveries."""

from rest_framework import serializers

from claims.api.serializers import ReadOnlyModelSerializer
from claims.models import Webhook, WebhookDelivery
from claims.webhooks import EVENTS


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENTS),
        required=False,
        help_text="Events to receive; the verdict events when left out (claim.drift is opt-in).",
    )

    class Meta:
        model = Webhook
        fields = ["id", "url", "events", "is_active", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class WebhookCreatedSerializer(WebhookSerializer):
    """The answer to a registration: the only time the secret is shown."""

    secret = serializers.CharField(
        read_only=True, help_text="HMAC-SHA256 key of the signatures. Shown once: store it."
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
        read_only_fields = [*WebhookSerializer.Meta.read_only_fields, "secret"]


class WebhookDeliverySerializer(ReadOnlyModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "payload",
            "status",
            "attempts",
            "response_status",
            "last_error",
            "created_at",
            "delivered_at",
        ]
