"""What the fault tests start and break: their own Redis, Celery workers, web server and a TCP proxy
in front of PostgreSQL, each on its own port and stopped by its process id afterwards.

The workers run with short limits (``FAULT_ENV``) so recovery is a matter of seconds: a claim goes
stale after the 30 s hard time limit, the reconciler runs every 3 s and queues again what waited
8 s. Production defaults are ten times that; README's "Failure and recovery" gives both.
"""

import contextlib
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from django.db import connection

from factcheck.serve_process import free_port
from tests.services import CELERY_WORKER, unavailable, worker_database_url

ROOT = Path(__file__).resolve().parents[2]
REDIS_PORTS = range(6391, 6400)

FAULT_ENV = {
    "DEBUG": "1",
    "CELERY_TASK_SOFT_TIME_LIMIT": "25",
    "CELERY_TASK_TIME_LIMIT": "30",
    "WORK_VISIBILITY_TIMEOUT": "60",
    "WORK_RECONCILE_INTERVAL": "3",
    "WORK_QUEUED_GRACE": "8",
    "WORK_RETRY_BACKOFF": "1",
    "WORK_RETRY_BACKOFF_MAX": "8",
    "DATABASE_CONN_MAX_AGE": "0",
    # The webhook receiver listens on 127.0.0.1.
    "FETCH_ALLOW_PRIVATE_ADDRESSES": "1",
}


def wait_for(condition: Callable[[], object], *, timeout: float, what: str) -> float:
    """Poll ``condition`` until it is true; the seconds it took, or fail after ``timeout``."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            pytest.fail(f"gave up after {timeout:.0f} s waiting for {what}", pytrace=False)
        time.sleep(0.1)
    return time.monotonic() - start


class RedisServer:
    """A redis-server of the test's own on one of ports 6391-6399, no persistence."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = self._free_redis_port()
        self.process: subprocess.Popen | None = None

    @staticmethod
    def _free_redis_port() -> int:
        for port in REDIS_PORTS:
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
        pytest.fail("no free port in 6391-6399 for the test's redis-server", pytrace=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        wait_for(answers, timeout=15, what=f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


class Processes:
    """Workers and servers started by a test, each in its own process group, all stopped by their
    ids at teardown."""

    def __init__(self, folder: Path, redis_url: str) -> None:
        self.folder = folder
        self.redis_url = redis_url
        self.started: list[subprocess.Popen] = []

    @property
    def worker_database_url(self) -> str:
        return worker_database_url()

    def env(self, database_url: str, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            **FAULT_ENV,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": self.redis_url,
            "CELERY_RESULT_BACKEND": self.redis_url,
            "CELERY_TASK_DEFAULT_QUEUE": "factcheck",
            **extra,
        }

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("ab")
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.started.append(process)
        return process

    def manage(self, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
        """``manage.py`` with ``args``, as the workers see the database and the broker; it must
        exit 0."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(self.worker_database_url),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr
        return done

    def web_and_worker(self) -> str:
        """A web server and one worker (named ``worker``); the server's base URL."""
        base = self.web()
        self.worker("worker")
        return base

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def worker(self, name: str, *, database_url: str | None = None) -> subprocess.Popen:
        """A worker (one prefork child, embedded beat for the reconciler), once it is ready."""
        process = self.start(
            name,
            [
                *CELERY_WORKER,
                "--pool=prefork",
                "--concurrency=1",
                "--beat",
                f"--schedule={self.folder / (name + '-beat')}",
                "--loglevel=INFO",
                "-n",
                f"{name}@localhost",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            self.env(database_url or worker_database_url()),
        )

        def ready() -> bool:
            if process.poll() is not None:
                pytest.fail(f"worker {name} exited:\n{self.log(name)[-3000:]}", pytrace=False)
            return " ready." in self.log(name)

        wait_for(ready, timeout=90, what=f"worker {name} to start")
        return process

    def web(self, name: str = "web") -> str:
        """``manage.py runserver`` on a free port; its base URL, once /healthz answers."""
        port = free_port()
        process = self.start(
            name,
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            self.env(worker_database_url()),
        )
        base = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            if process.poll() is not None:
                pytest.fail(f"web server exited:\n{self.log(name)[-3000:]}", pytrace=False)
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return True
            except OSError:
                return False

        wait_for(answers, timeout=60, what="the web server")
        return base

    @staticmethod
    def kill(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (a worker's children and embedded beat too)."""
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
                except ProcessLookupError:
                    pass


class TcpProxy:
    """127.0.0.1:port forwarded to PostgreSQL; ``stop`` refuses new connections and cuts the open
    ones (the database is unreachable), ``start`` listens again on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        self.thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self.thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket) -> None:
        chooser = selectors.DefaultSelector()
        try:
            # ``stop`` may close both sockets before this thread registers them (ValueError: the
            # descriptor is already -1): the connection is simply over.
            chooser.register(a, selectors.EVENT_READ, b)
            chooser.register(b, selectors.EVENT_READ, a)
            while True:
                for key, _ in chooser.select():
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    key.data.sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in (a, b):
                sock.close()

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.connections = []


def article_text(number: int) -> str:
    """A different short news story for each number, with quotes and speakers to extract."""
    return (
        f"City Hall, report {number}. “We will open {number + 3} new libraries by "
        f"{2030 + number % 9},” Mayor Jane Ortiz said on Monday. The council's budget chief, "
        f"Tom Reyes, said the plan would cost {number * 7 + 11} million dollars over "
        f"{number % 5 + 2} years. Critics said the figures did not add up. “Nobody has seen the "
        f"numbers for district {number},” said Ana Lopez, who leads the opposition group. "
        f"The mayor said the city had already saved {number + 40} million dollars. "
        f"Residents of ward {number % 12 + 1} told reporters they had waited long enough."
    )


@pytest.fixture
def services_for_faults(django_db_setup):
    """PostgreSQL for the test database and redis-server for the test's own broker."""
    if connection.vendor != "postgresql":
        unavailable("fault tests need DATABASE_URL to point at PostgreSQL")
    if shutil.which("redis-server") is None:
        unavailable("fault tests need redis-server on PATH (Debian package redis-server)")


@pytest.fixture
def own_redis(services_for_faults, tmp_path) -> Iterator[RedisServer]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def processes(own_redis, tmp_path) -> Iterator[Processes]:
    started = Processes(tmp_path, own_redis.url)
    try:
        yield started
    finally:
        started.stop_all()


@pytest.fixture
def db_proxy(services_for_faults) -> Iterator[TcpProxy]:
    db = connection.settings_dict
    proxy = TcpProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
