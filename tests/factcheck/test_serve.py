"""``make serve``'s server for real: gunicorn in a subprocess, DEBUG off, on a free port.

``python -m factcheck.serve`` is what ``make serve`` runs (after installing requirements): it
collects static files and becomes gunicorn. The server gets its own migrated SQLite database and
static folder in a temporary directory; it is stopped by its process id.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from factcheck import serve_process
from factcheck.serve import MISSING_SECRET_KEY
from factcheck.serve_process import ROOT, free_port

STARTUP_SECONDS = 120  # collectstatic compresses every file first; the machine may be busy


def server_env(tmp: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "PROMETHEUS_MULTIPROC_DIR"}
        and not key.startswith("PYTEST")
    }
    env.update(
        SECRET_KEY="test-secret-key-for-the-serve-test-0123456789abcdef",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        WEB_BIND=f"127.0.0.1:{port}",
        WEB_WORKERS="2",
        WEB_THREADS="4",
        METRICS_TOKEN="serve-test-metrics-token",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, str, subprocess.Popen]]:
    """The base URL of a running server, an API token and the server process."""
    tmp = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = server_env(tmp, port)
    manage(env, "migrate", "--noinput", "--verbosity=0")
    token = manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User;"
        "from rest_framework.authtoken.models import Token;"
        "u = User.objects.create_user('bot');"
        "u.groups.add(Group.objects.get(name='API client'));"
        "print(Token.objects.create(user=u).key)",
    ).splitlines()[-1]
    log = (tmp / "server.log").open("w")
    process = serve_process.start(env, log)
    base = f"http://127.0.0.1:{port}"
    try:
        if problem := serve_process.wait_until_healthy(process, base, seconds=STARTUP_SECONDS):
            pytest.fail(f"{problem}:\n{(tmp / 'server.log').read_text()}")
        yield base, token, process
    finally:
        serve_process.stop(process)
        log.close()
        (tmp / "server.log").with_name("server.log.kept").write_text(
            (tmp / "server.log").read_text()
        )


def test_a_page_and_its_hashed_static_files(server):
    base, *_ = server
    page = httpx.get(f"{base}/admin/login/", timeout=10)
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    # The manifest storage names each file after its content hash.
    hashed = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', page.text)
    assert hashed, "the page links its stylesheet by a content-hashed name"

    static = httpx.get(f"{base}{hashed.group(1)}", headers={"Accept-Encoding": "gzip"}, timeout=10)

    assert static.status_code == 200
    cache = static.headers["cache-control"]
    max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
    assert max_age >= 365 * 24 * 3600
    assert "immutable" in cache
    assert static.headers.get("content-encoding") == "gzip"


def test_healthz_and_readyz_answer(server):
    base, *_ = server
    health = httpx.get(f"{base}/healthz", timeout=10)
    assert health.status_code == 200
    assert health.json()["database"]["ok"] is True
    assert httpx.get(f"{base}/readyz", timeout=10).status_code == 200


def test_debug_is_off(server):
    base, *_ = server
    missing = httpx.get(f"{base}/no-such-page/", timeout=10)
    assert missing.status_code == 404
    assert "URLconf" not in missing.text  # Django's debug 404 page names the URLconf


def test_twenty_concurrent_api_clients_get_no_errors(server):
    base, token, _ = server

    def client_session(_: int) -> list[int]:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Token {token}"}, timeout=30
        ) as client:
            return [
                client.get(path).status_code
                for path in ("/api/v1/claims/", "/api/v1/sources/", "/api/v1/")
            ]

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = [status for result in pool.map(client_session, range(20)) for status in result]

    assert statuses == [200] * 60


def test_metrics_add_up_every_worker(server):
    base, *_ = server
    response = httpx.get(
        f"{base}/metrics", headers={"Authorization": "Bearer serve-test-metrics-token"}, timeout=10
    )
    assert response.status_code == 200
    assert "factcheck_http_request_duration_seconds_bucket" in response.text
    assert "factcheck_articles{" in response.text
    assert httpx.get(f"{base}/metrics", timeout=10).status_code == 403


def test_hup_reloads_the_workers_without_dropping_requests(server):
    base, _, process = server
    os.kill(process.pid, signal.SIGHUP)

    # Old workers finish, new ones take over: every request meanwhile is answered.
    statuses = []
    for _ in range(20):
        statuses.append(httpx.get(f"{base}/healthz", timeout=10).status_code)
        time.sleep(0.1)

    assert statuses == [200] * 20
    assert process.poll() is None


def test_refuses_to_start_without_secret_key(tmp_path):
    env = server_env(tmp_path, free_port())
    del env["SECRET_KEY"]

    result = subprocess.run(
        [sys.executable, "-m", "factcheck.serve"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert MISSING_SECRET_KEY in result.stderr
    assert "export SECRET_KEY=" in result.stderr
