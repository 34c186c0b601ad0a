"""Are the real services (PostgreSQL, Redis) the second test pass needs reachable?

Run as ``python tests/services.py`` by the Makefile: exit 0 when both answer, 1 otherwise.
"""

import os
import socket
import sys
from urllib.parse import urlparse

# A Celery worker of this project; each starter adds its options.
CELERY_WORKER = (sys.executable, "-m", "celery", "-A", "factcheck", "worker")


def reachable(url: str, default_port: int) -> tuple[bool, str]:
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or default_port
    try:
        with socket.create_connection((host, port), timeout=2):
            return True, f"{host}:{port} answers"
    except OSError as exc:
        return False, f"{host}:{port} is unreachable ({exc})"


def missing_services(database_url: str, broker_url: str) -> list[str]:
    problems = []
    ok, why = reachable(database_url, 5432)
    if not ok:
        problems.append(f"PostgreSQL {why}")
    ok, why = reachable(broker_url, 6379)
    if not ok:
        problems.append(f"Redis {why}")
    return problems


def worker_database_url(*, host: str | None = None, port: int | None = None) -> str:
    """The URL of pytest-django's test database (``test_<name>``) for processes the tests start
    (workers, a web server); ``host`` and ``port`` reach it another way (through a proxy)."""
    from django.db import connections

    db = connections["default"].settings_dict
    user = db["USER"] or "postgres"
    auth = f"{user}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{user}@"
    host = host or db["HOST"] or "127.0.0.1"
    return f"postgres://{auth}{host}:{port or db['PORT'] or 5432}/{db['NAME']}"


def unavailable(reason: str):
    """Skip a test whose service is missing, or fail it when CI requires the services."""
    import pytest

    if os.environ.get("FACTCHECK_REQUIRE_SERVICES") == "1":
        pytest.fail(f"FACTCHECK_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


if __name__ == "__main__":
    problems = missing_services(
        os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck"),
        os.environ.get("TEST_BROKER_URL", "redis://127.0.0.1:6379/15"),
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)
