"""``/metrics``: Prometheus metrics for the web processes, the queues and the newsroom's work.

Two kinds of figures:

- **Per request**, counted by ``RequestMetricsMiddleware`` in each web process: request latency
  (a histogram by method, route and status class) and database queries per request. Under
  gunicorn every worker is its own process, so ``PROMETHEUS_MULTIPROC_DIR`` (set by
  ``factcheck/gunicorn.conf.py``) makes prometheus-client keep them in files that any worker
  adds up when scraped.
- **At scrape time**, read by ``StateCollector`` from the database and the broker, so they are the
  same whichever process answers: articles by status, articles extracted in the last hour,
  webhook deliveries by status and failures in the last hour, and the length of each Celery queue
  (Redis ``LLEN``) when a broker is configured.

Access: a staff session, or ``Authorization: Bearer <METRICS_TOKEN>``; anything else gets 403.
"""

import hmac
import os
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    # Multiprocess mode writes a file per process there from the first metric on.
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

REQUEST_LATENCY = Histogram(
    "factcheck_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
REQUEST_QUERIES = Histogram(
    "factcheck_http_request_db_queries",
    "Database queries run while answering one request.",
    ["route"],
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200, 500),
)
DB_QUERIES = Counter("factcheck_db_queries", "Database queries run by web requests.")
# Kombu's Redis transport keeps a queue's messages of priority p > 0 under "<name>\x06\x16<p>".
REDIS_PRIORITY_SEPARATOR = "\x06\x16"
REDIS_PRIORITY_STEPS = (3, 6, 9)


def _route(request: HttpRequest) -> str:
    """The URL pattern (bounded cardinality), not the path."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.route or match.view_name or "unmatched"


class RequestMetricsMiddleware:
    """Time every request and count the database queries it runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        queries = 0

        def count(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        route = _route(request)
        REQUEST_LATENCY.labels(
            request.method or "", route, f"{response.status_code // 100}xx"
        ).observe(time.perf_counter() - started)
        REQUEST_QUERIES.labels(route).observe(queries)
        DB_QUERIES.inc(queries)
        return response


def queue_names() -> list[str]:
    """The Celery queues workers consume: the default one and any configured besides."""
    from factcheck.celery import app

    names = {settings.CELERY_TASK_DEFAULT_QUEUE, *app.amqp.queues.keys()}
    return sorted(name for name in names if name)


def redis_queue_lengths(url: str, names: list[str]) -> dict[str, int]:
    """Messages waiting in each queue (every priority level), read with ``LLEN``."""
    import redis

    client = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
    try:
        with client.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.llen(name)
                for step in REDIS_PRIORITY_STEPS:
                    pipe.llen(f"{name}{REDIS_PRIORITY_SEPARATOR}{step}")
            counts = pipe.execute()
    finally:
        client.close()
    per_queue = 1 + len(REDIS_PRIORITY_STEPS)
    return {
        name: sum(counts[index * per_queue : (index + 1) * per_queue])
        for index, name in enumerate(names)
    }


def _by_status(title: str, doc: str, model: Any) -> Metric:
    """Rows of ``model`` per value of its ``status`` choices (0 for those with none): one query."""
    counts = dict(model.objects.order_by().values_list("status").annotate(n=Count("pk")))
    gauge = GaugeMetricFamily(title, doc, labels=["status"])
    for status in model.Status.values:
        gauge.add_metric([status], counts.get(status, 0))
    return gauge


class StateCollector(Collector):
    """Figures read from the database and the broker when Prometheus scrapes."""

    def describe(self) -> list[Metric]:
        return []  # registering must not query; names are known at scrape time

    def collect(self) -> Iterator[Metric]:
        from articles.models import Article
        from claims.models import WebhookDelivery

        hour_ago = timezone.now() - timedelta(hours=1)
        yield _by_status("factcheck_articles", "Articles by status.", Article)
        yield GaugeMetricFamily(
            "factcheck_articles_extracted_last_hour",
            "Articles whose extraction finished in the last hour (extracted, updated since).",
            value=Article.objects.filter(status="extracted", updated_at__gte=hour_ago).count(),
        )
        yield _by_status(
            "factcheck_webhook_deliveries", "Webhook deliveries by status.", WebhookDelivery
        )
        yield GaugeMetricFamily(
            "factcheck_webhook_delivery_failures_last_hour",
            "Webhook deliveries created in the last hour that failed.",
            value=WebhookDelivery.objects.filter(status="failed", created_at__gte=hour_ago).count(),
        )
        yield from self._broker()

    def _broker(self) -> Iterator[Metric]:
        if settings.TASKS_IN_PROCESS:
            return
        url = settings.CELERY_BROKER_URL
        if not url.startswith(("redis://", "rediss://")):
            return
        up = GaugeMetricFamily("factcheck_broker_up", "1 when the broker answered this scrape.")
        lengths = GaugeMetricFamily(
            "factcheck_celery_queue_length", "Tasks waiting in a Celery queue.", labels=["queue"]
        )
        try:
            found = redis_queue_lengths(url, queue_names())
        except Exception:  # any client error: the broker is unreachable for this scrape
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        for name, length in found.items():
            lengths.add_metric([name], length)
        yield up
        yield lengths


STATE = StateCollector()
if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
    REGISTRY.register(STATE)


def scrape_registry() -> CollectorRegistry:
    """This process's registry; under gunicorn, every worker's figures added up."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(STATE)
    return registry


def allowed(request: HttpRequest) -> bool:
    """A staff session, or the bearer token from ``METRICS_TOKEN`` (when one is set)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    return (
        bool(token)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(given.encode(), token.encode())
    )


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not allowed(request):
        return HttpResponseForbidden(
            "Metrics need a staff session or Authorization: Bearer <METRICS_TOKEN>.\n",
            content_type="text/plain",
        )
    return HttpResponse(generate_latest(scrape_registry()), content_type=CONTENT_TYPE_LATEST)
