"""gunicorn's configuration for ``make serve`` (``python -m factcheck.serve``).

Every figure comes from the environment, with defaults for a small machine:

- ``WEB_BIND`` (127.0.0.1:8000): where to listen; put a TLS proxy in front.
- ``WEB_WORKERS`` (2 x cores + 1, at most 8): pre-forked worker processes.
- ``WEB_THREADS`` (4): threads per worker (gthread), for requests waiting on the database.
- ``WEB_TIMEOUT`` (30 s): a worker silent for longer is killed and replaced.
- ``WEB_GRACEFUL_TIMEOUT`` (30 s): how long a worker may finish its requests on HUP or TERM.
- ``WEB_MAX_REQUESTS`` (1000) with ``WEB_MAX_REQUESTS_JITTER`` (100): a worker is replaced after
  that many requests, at staggered times, so slow leaks never add up.

``kill -HUP <master pid>`` reloads: new workers with the new code start, old ones finish what
they are serving, nothing is dropped.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.settings import env_int, env_str

bind = [env_str("WEB_BIND", "127.0.0.1:8000")]
workers = env_int("WEB_WORKERS", min(2 * (os.cpu_count() or 1) + 1, 8))
threads = env_int("WEB_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
timeout = env_int("WEB_TIMEOUT", 30)
graceful_timeout = env_int("WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = env_int("WEB_MAX_REQUESTS", 1000)
max_requests_jitter = env_int("WEB_MAX_REQUESTS_JITTER", 100)
wsgi_app = "factcheck.wsgi:application"
# Load the application in each worker, not the master: a HUP then reloads the code too.
preload_app = False
# The proxy in front sets X-Forwarded-Proto; trust it from these addresses only.
forwarded_allow_ips = env_str("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "factcheck-web"

# Logs to standard output/error, access lines as one JSON object each.
accesslog = "-"
errorlog = "-"
loglevel = env_str("LOG_LEVEL", "info").lower()
logger_class = "factcheck.gunicorn_logging.JsonAccessLogger"

# Every worker writes its request metrics to files here, and any of them adds them up when
# /metrics is scraped (prometheus-client's multiprocess mode). Emptied when the server starts.
MULTIPROC_DIR = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    os.path.join(tempfile.gettempdir(), f"factcheck-metrics-{os.getpid()}"),
)


def on_starting(server: object) -> None:
    shutil.rmtree(MULTIPROC_DIR, ignore_errors=True)
    os.makedirs(MULTIPROC_DIR, exist_ok=True)


def child_exit(server: object, worker: object) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]


def on_exit(server: object) -> None:
    shutil.rmtree(MULTIPROC_DIR, ignore_errors=True)
