"""/readyz: 200 when the database and the broker answer, 503 when either is down."""

import socket
from unittest import mock

import pytest
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local port nothing listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_ready_with_in_process_tasks(client, settings):
    settings.TASKS_IN_PROCESS = True
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"
    assert response.json()["database"]["ok"] is True


def test_503_when_the_broker_is_unreachable(client, settings):
    settings.TASKS_IN_PROCESS = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["broker"]["ok"] is False
    assert body["database"]["ok"] is True


def test_503_when_the_database_is_down(client, settings):
    settings.TASKS_IN_PROCESS = True
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False


def test_public_and_never_cached(client, settings):
    settings.TASKS_IN_PROCESS = True
    response = client.get("/readyz")
    assert "no-cache" in response["Cache-Control"]
