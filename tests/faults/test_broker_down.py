"""With the broker down the web tier still answers: a submission is saved (202) and a verdict is
published; once Redis is back the reconciler queues both, the article is extracted and the webhook
delivered exactly once."""

import time

import httpx
import pytest
from django.test import override_settings
from rest_framework.authtoken.models import Token

from articles.models import Article
from claims.models import Verdict, WebhookDelivery
from claims.webhooks import webhook_create
from tests.factories import PASSWORD, EvidenceFactory, UserFactory, VerdictFactory
from tests.faults.conftest import FAULT_ENV, article_text, wait_for
from tests.webhook_receiver import Receiver


def log_in(client: httpx.Client, username: str) -> str:
    """Sign in through the admin's login form; the CSRF token for the next POSTs."""
    client.get("/admin/login/")
    csrf = client.cookies["csrftoken"]
    response = client.post(
        "/admin/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
    )
    assert response.status_code == 302, "the editor could not sign in"
    return client.cookies["csrftoken"]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_with_redis_down_the_desk_answers_and_the_work_completes_once_it_is_back(
    processes, own_redis
):
    base = processes.web_and_worker()
    client_user = UserFactory(username="feedbot", groups=["API client"])
    token = Token.objects.create(user=client_user)
    UserFactory(username="edith", groups=["Editor"])
    # What the desk's Publish asks of a fact-check: an explanation and a piece of evidence.
    verdict = VerdictFactory(
        status=Verdict.Status.APPROVED, explanation="The council's budget book says otherwise."
    )
    verdict.evidence.add(EvidenceFactory(claim=verdict.claim))

    with Receiver([]) as receiver:
        with override_settings(FETCH_ALLOW_PRIVATE_ADDRESSES=True):
            webhook_create(actor=client_user, url=receiver.url)
        own_redis.stop()
        with httpx.Client(base_url=base, timeout=30) as client:
            health = client.get("/healthz")
            assert health.status_code == 503
            assert health.json()["broker"]["ok"] is False
            assert health.json()["database"]["ok"] is True

            answered = []
            for number in (1, 2):
                sent = time.monotonic()
                submitted = client.post(
                    "/api/v1/articles/",
                    json={"text": article_text(number)},
                    headers={"Authorization": f"Token {token.key}"},
                )
                answered.append(time.monotonic() - sent)
                assert submitted.status_code == 202, submitted.text
                assert submitted.json()["status"] == "queued"

            csrf = log_in(client, "edith")
            published = client.post(
                f"/review/verdicts/{verdict.pk}/publish/",
                data={"version": verdict.version, "csrfmiddlewaretoken": csrf},
            )
            assert published.status_code == 302
        verdict.refresh_from_db()
        assert verdict.status == Verdict.Status.PUBLISHED
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == WebhookDelivery.Status.PENDING
        assert set(Article.objects.values_list("status", flat=True)) == {"queued"}
        assert not Article.objects.filter(queued_at=None).exists()

        own_redis.start()
        back = time.monotonic()
        wait_for(lambda: receiver.requests, timeout=90, what="the webhook delivery")
        delivered_after = time.monotonic() - back
        wait_for(
            lambda: Article.objects.filter(status="extracted").count() == 2,
            timeout=90,
            what="the articles' extraction",
        )
        extracted_after = time.monotonic() - back
        # Several more reconciler rounds: nothing is sent again.
        time.sleep(3 * float(FAULT_ENV["WORK_RECONCILE_INTERVAL"]))
        assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    print(
        f"\nbroker down: submissions answered in {answered[0]:.2f} s (the web process's first "
        f"task send) and {answered[1]:.2f} s; broker back: webhook delivered after "
        f"{delivered_after:.1f} s, articles extracted after {extracted_after:.1f} s"
    )
