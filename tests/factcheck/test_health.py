"""/healthz reports the database and the broker, and answers 503 when either is down."""

from unittest import mock

import pytest
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_up_with_in_process_tasks(client, settings):
    settings.TASKS_IN_PROCESS = True
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"] == {"ok": True, "mode": "in-process (no broker configured)"}


def test_healthz_503_when_database_is_down(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "connection refused"}


def test_healthz_503_when_broker_is_down(client, settings):
    # Nothing listens on port 1 of localhost: a real connection attempt that fails.
    settings.TASKS_IN_PROCESS = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["broker"]["ok"] is False


def test_healthz_up_with_a_reachable_broker(client, settings):
    from tests.services import reachable, unavailable

    if not reachable("redis://127.0.0.1:6379", 6379)[0]:
        unavailable("no Redis on 127.0.0.1:6379")
    settings.TASKS_IN_PROCESS = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == {"ok": True, "mode": "broker"}


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405
