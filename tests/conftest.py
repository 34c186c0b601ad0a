"""Shared fixtures: in-process Celery by default, a live worker for tests marked ``integration``,
and a user in each role (reviewer, editor, API client)."""

import os
import subprocess
import time
import uuid
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connections

from factcheck.celery import app as celery_app
from tests import factories
from tests.services import CELERY_WORKER, missing_services, unavailable, worker_database_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fast_passwords(settings):
    """Hashing each test user's password with the production hasher dominates these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user_in(group: str, username: str, **names: str):
    """A fixture for a user called ``username`` in ``group`` (password ``factories.PASSWORD``)."""

    @pytest.fixture
    def user(db, fast_passwords):
        return factories.UserFactory(username=username, groups=[group], **names)

    return user


reviewer = _user_in("Reviewer", "rita")
other_reviewer = _user_in("Reviewer", "rob")
editor = _user_in("Editor", "edna", first_name="Edna", last_name="Editor")
api_user = _user_in("API client", "bot")


@pytest.fixture(autouse=True)
def _in_process_tasks(request):
    """Tasks run eagerly unless the test talks to a live worker."""
    live = request.node.get_closest_marker("integration") is not None
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = not live
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


@pytest.fixture
def broker_down(settings):
    """As in production (tasks sent to a broker, not run here), with the broker refusing them."""
    from celery.app.task import Task
    from kombu.exceptions import OperationalError

    refused = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    settings.TASKS_IN_PROCESS = False
    with mock.patch.object(Task, "delay", side_effect=refused) as sends:
        yield sends
    celery_app.conf.task_always_eager = saved


@pytest.fixture(scope="session")
def _server_sessions_ended(django_db_setup, django_db_blocker):
    """After the live server stopped (it is set up after this, so torn down before), end the
    database sessions its threads left open."""
    yield
    with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
        if connections["default"].vendor == "postgresql":
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session")
def live_server(_server_sessions_ended, live_server):
    """pytest-django's live server, leaving no database session behind when it stops.

    A browser keeps its HTTP connections alive, so a server thread can still be inside a request
    (holding its own database connection) when the server shuts down; PostgreSQL would then refuse
    to drop the test database. pytest-django stops the server; ``_server_sessions_ended`` then ends
    its leftover sessions on the test database.
    """
    return live_server


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
    env = {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DEBUG": "1",
        # Integration tests serve webhook receivers and pages on 127.0.0.1 only.
        "FETCH_ALLOW_PRIVATE_ADDRESSES": "1",
    }
    process = subprocess.Popen(
        [
            *CELERY_WORKER,
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
