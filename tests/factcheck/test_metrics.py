"""/metrics: who may read it, and the figures it carries."""

import re

import pytest
from prometheus_client.parser import text_string_to_metric_families

from claims.models import WebhookDelivery
from factcheck.metrics import redis_queue_lengths
from tests.factories import ArticleFactory, UserFactory, WebhookFactory

pytestmark = pytest.mark.django_db
URL = "/metrics"


def samples(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = "scrape-me-0123456789"
    return settings.METRICS_TOKEN


def test_anonymous_is_refused(client, token):
    response = client.get(URL)
    assert response.status_code == 403
    assert b"METRICS_TOKEN" in response.content


def test_non_staff_session_is_refused(client, token):
    client.force_login(UserFactory(groups=["API client"]))
    assert client.get(URL).status_code == 403


def test_staff_session_reads_metrics(client):
    client.force_login(UserFactory(groups=["Editor"]))
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("Bearer scrape-me-0123456789", 200),
        ("bearer scrape-me-0123456789", 200),
        ("Bearer wrong", 403),
        ("Bearer scrape-me-0123456789x", 403),
        ("Token scrape-me-0123456789", 403),
        ("Bearer ünïcode", 403),
    ],
)
def test_bearer_token(client, token, header, status):
    assert client.get(URL, HTTP_AUTHORIZATION=header).status_code == status


def test_no_token_configured_means_no_token_access(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_figures_after_creating_rows(client, token, settings):
    settings.TASKS_IN_PROCESS = True
    ArticleFactory.create_batch(3, status="extracted")
    ArticleFactory(status="queued")
    ArticleFactory(status="failed")
    webhook = WebhookFactory()
    for status in ("failed", "failed", "delivered"):
        WebhookDelivery.objects.create(
            webhook=webhook, event="verdict.published", payload={}, status=status
        )
    client.get("/healthz")  # one request measured before the scrape

    text = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()
    found = samples(text)

    assert found["factcheck_articles", (("status", "extracted"),)] == 3
    assert found["factcheck_articles", (("status", "queued"),)] == 1
    assert found["factcheck_articles", (("status", "failed"),)] == 1
    assert found["factcheck_articles", (("status", "fetching"),)] == 0
    assert found["factcheck_articles_extracted_last_hour", ()] == 3
    assert found["factcheck_webhook_deliveries", (("status", "failed"),)] == 2
    assert found["factcheck_webhook_deliveries", (("status", "delivered"),)] == 1
    assert found["factcheck_webhook_delivery_failures_last_hour", ()] == 2
    healthz = (("method", "GET"), ("route", "healthz"), ("status", "2xx"))
    assert found["factcheck_http_request_duration_seconds_count", healthz] >= 1
    assert found["factcheck_http_request_duration_seconds_sum", healthz] > 0
    assert found["factcheck_http_request_db_queries_count", (("route", "healthz"),)] >= 1
    assert found["factcheck_db_queries_total", ()] >= 1
    # In-process tasks: no broker, so no queue figures.
    assert "factcheck_celery_queue_length" not in text


def test_unreachable_broker_is_reported_down(client, token, settings):
    settings.TASKS_IN_PROCESS = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    text = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()

    assert samples(text)["factcheck_broker_up", ()] == 0
    assert not re.search(r"^factcheck_celery_queue_length\{", text, re.MULTILINE)


def test_queue_lengths_are_read_from_redis(client, token, settings):
    from tests.services import reachable, unavailable

    if not reachable("redis://127.0.0.1:6379", 6379)[0]:
        unavailable("no Redis on 127.0.0.1:6379")
    import redis

    url = "redis://127.0.0.1:6379/14"
    queue = "factcheck-metrics-test"
    connection = redis.Redis.from_url(url)
    connection.delete(queue, f"{queue}\x06\x166")
    connection.rpush(queue, "a", "b")
    connection.rpush(f"{queue}\x06\x166", "c")
    try:
        assert redis_queue_lengths(url, [queue]) == {queue: 3}
        settings.TASKS_IN_PROCESS = False
        settings.CELERY_BROKER_URL = url
        settings.CELERY_TASK_DEFAULT_QUEUE = queue
        found = samples(client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}").content.decode())
    finally:
        connection.delete(queue, f"{queue}\x06\x166")
        connection.close()
    assert found["factcheck_broker_up", ()] == 1
    assert found["factcheck_celery_queue_length", (("queue", queue),)] == 3
