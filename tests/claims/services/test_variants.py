"""Variants and the optional claim.drift webhook event."""

import pytest
from django.utils import timezone

from claims.models import ClaimVariant, Webhook, WebhookDelivery
from claims.services.variants import variants_refresh
from claims.webhooks import DEFAULT_EVENTS
from tests.factories import ArticleFactory, VerdictFactory, said

pytestmark = pytest.mark.django_db


def webhook_create(*, actor, url, events=DEFAULT_EVENTS):
    return Webhook.objects.create(owner=actor, url=url, events=list(events), secret="s" * 64)


def test_a_high_severity_variant_of_a_published_claim_sends_claim_drift(drifted, api_user):
    hook = webhook_create(
        actor=api_user, url="https://hooks.example.org/in", events=["claim.drift"]
    )
    others = webhook_create(actor=api_user, url="https://hooks.example.org/verdicts")
    claim = drifted["claim"]
    VerdictFactory(
        claim=claim,
        status="published",
        published_at=timezone.now(),
        public_url="https://fc.example.org/v/1",
    )
    quote = drifted["original"].content.replace("3,000", "30,000")
    article = ArticleFactory(text=f'"{quote}," Mayor Jane Porter said.', outlet="Outlet Z")
    changed = said(article, quote, claim=claim, speaker=drifted["speaker"], kind="direct")

    variants_refresh(claim_ids=[claim.pk])

    assert ClaimVariant.objects.get(attribution=changed).severity == "high"
    [delivery] = WebhookDelivery.objects.all()
    assert (delivery.webhook_id, delivery.event) == (hook.pk, "claim.drift")
    assert delivery.payload["variant"]["attribution"] == changed.pk
    assert delivery.payload["verdict"]["public_url"] == "https://fc.example.org/v/1"
    assert "claim.drift" not in others.events


def test_no_event_without_a_published_verdict(drifted, api_user):
    webhook_create(actor=api_user, url="https://hooks.example.org/in", events=["claim.drift"])
    claim = drifted["claim"]
    quote = drifted["original"].content.replace("will", "will not")
    article = ArticleFactory(text=f'"{quote}," Mayor Jane Porter said.')
    said(article, quote, claim=claim, speaker=drifted["speaker"], kind="direct")
    variants_refresh(claim_ids=[claim.pk])
    assert not WebhookDelivery.objects.exists()


def test_a_refresh_with_nothing_changed_keeps_the_rows(drifted):
    claim = drifted["claim"]
    before = list(ClaimVariant.objects.filter(claim=claim).values_list("pk", flat=True))
    assert before
    assert variants_refresh(claim_ids=[claim.pk]) == 0
    assert list(ClaimVariant.objects.filter(claim=claim).values_list("pk", flat=True)) == before
