"""Shared fixtures: in-process Celery by default, a live worker for tests marked ``integration``."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connections

from factcheck.celery import app as celery_app
from tests.services import missing_services, unavailable

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _in_process_tasks(request):
    """Tasks run eagerly unless the test talks to a live worker."""
    live = request.node.get_closest_marker("integration") is not None
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = not live
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server, django_db_blocker):
    """pytest-django's live server, leaving no database session behind when it stops.

    A browser keeps its HTTP connections alive, so a server thread can still be inside a request
    (holding its own database connection) when the server shuts down; PostgreSQL would then refuse
    to drop the test database. The server's leftover sessions on the test database are ended here.
    Only the server thread is stopped here: pytest-django's own teardown calls ``stop()`` after this
    one, and a second ``stop()`` would release SQLite's shared in-memory connection twice.
    """
    yield live_server
    live_server.thread.terminate()
    with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
        if connections["default"].vendor == "postgresql":
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session")
def live_worker(django_db_setup, django_db_blocker):
    """A real Celery worker process consuming from Redis and writing to the test PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        unavailable("integration tests need DATABASE_URL to point at PostgreSQL")
    if django_settings.TASKS_IN_PROCESS:
        unavailable("integration tests need CELERY_BROKER_URL to point at Redis")
    db = connection.settings_dict
    problems = missing_services(
        f"postgres://{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}",
        django_settings.CELERY_BROKER_URL,
    )
    if problems:
        unavailable("; ".join(problems))

    queue = f"factcheck-test-{uuid.uuid4().hex[:8]}"
    node = f"{queue}@localhost"
    user = db["USER"] or "postgres"
    auth = f"{user}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{user}@"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DEBUG": "1",
        # Integration tests serve webhook receivers and pages on 127.0.0.1 only.
        "FETCH_ALLOW_PRIVATE_ADDRESSES": "1",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "factcheck",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "-n",
            node,
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    saved_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[node], timeout=1.0):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.poll() is not None else ""
                pytest.fail(f"The Celery worker did not start:\n{output}", pytrace=False)
        yield process
    finally:
        celery_app.conf.task_default_queue = saved_queue
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
