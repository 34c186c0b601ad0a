"""Capacity under load: ``make serve`` (gunicorn) on PostgreSQL with 10,000 claims and 1,000
articles, driven by 1, 10 and 50 concurrent clients.

    .venv/bin/python benchmarks/load_bench.py [--requests 200] [--clients 1,10,50]
        [--cases queue,article,...] [--workers N] [--threads N] [--keep]

Creates its own PostgreSQL database (``BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/factcheck_loadbench), migrates it and fills it with
``benchmarks/_common.populate_newsroom``, then starts ``python -m factcheck.serve`` on a free port
(DEBUG off, ``CACHE_URL`` from ``BENCH_CACHE_URL``, default redis://127.0.0.1:6379/9, emptied
first so no user or session of an earlier run's database is taken for this one's; throttling
raised out of the way) and drives each case, one after the other, with httpx clients in threads
(each keeps its connection alive, as a browser or an API client does): desk pages as a logged-in
reviewer (queue, article, the large article, claim), API reads with a token (claims list, claim
detail, an article's graph, a source's graph at depth 2, a source's scorecard). Each case sends
``--requests`` requests (a tenth of them at 1 client) after a warm-up of ``WARM_UP`` requests.

Printed per case: requests/s, p50 and p95 latency, errors (any status but 200), and requests per
CPU-second of the server's processes (gunicorn master and workers, read from /proc): the capacity
of one core given to the web tier, which stays meaningful on a shared machine where the wall-clock
rate depends on what else runs. After the 50-client round each case is run again at half the
rate it reached, paced (open loop), for the p95 at half capacity. Finally the server is stopped
by its process id and the database dropped (``--keep`` keeps it).

Targets (issue 15): >= 60 requests/s per core for API reads, >= 40 for desk pages, p95 under
100 ms at half capacity, no errors at 50 clients.
"""

import argparse
import logging
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from _common import drop_database, ensure_database, populate_newsroom, setup_django

from factcheck import serve_process

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_loadbench"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/9"
TICKS = os.sysconf("SC_CLK_TCK")
WARM_UP = 40


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def cpu_seconds(master: int) -> float:
    """User and system time of gunicorn's master, its live workers and the workers it reaped."""

    def times(pid: int, *, children: bool) -> float:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            return 0.0
        # Fields 14-17 of proc(5): utime, stime, cutime, cstime (here shifted by the two before).
        own = int(fields[11]) + int(fields[12])
        reaped = int(fields[13]) + int(fields[14]) if children else 0
        return (own + reaped) / TICKS

    total = times(master, children=True)
    try:
        with open(f"/proc/{master}/task/{master}/children") as listing:
            workers = [int(pid) for pid in listing.read().split()]
    except FileNotFoundError:
        workers = []
    return total + sum(times(pid, children=False) for pid in workers)


def start_server(url: str, port: int, args: argparse.Namespace) -> subprocess.Popen:
    import redis

    cache_url = os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE_URL)
    # The database was just made again under the same name: its user 1 is not the last run's.
    redis.Redis.from_url(cache_url).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": cache_url,
        "API_THROTTLE_RATE": "10000000/hour",
        "API_GRAPH_THROTTLE_RATE": "10000000/hour",
        "WEB_BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        # No worker is recycled during a case: the CPU figure would lose its time.
        "WEB_MAX_REQUESTS": "0",
    }
    env.pop("DEBUG", None)
    if args.workers:
        env["WEB_WORKERS"] = str(args.workers)
    if args.threads:
        env["WEB_THREADS"] = str(args.threads)
    log = open(Path(tempfile.gettempdir()) / "factcheck-load-bench-server.log", "w")  # noqa: SIM115
    server = serve_process.start(env, log)
    if problem := serve_process.wait_until_healthy(server, f"http://127.0.0.1:{port}", seconds=60):
        serve_process.stop(server)
        raise SystemExit(f"{problem}: see {log.name}")
    return server


def session_cookie(user) -> str:
    """A logged-in session for ``user``, made as the login view would."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def drive(
    base: str, path: str, headers: dict, *, clients: int, requests: int, rate: float | None
) -> tuple[Result, float]:
    """``requests`` GETs of ``path`` from ``clients`` threads; paced to ``rate`` per second in
    all when given (each client sends at its share of the rate, on schedule), else as fast as
    the answers come back. Returns the result and the wall-clock seconds."""
    result = Result()
    counter = iter(range(requests))
    counter_lock = threading.Lock()
    interval = clients / rate if rate else 0.0

    def client(number: int) -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            due = time.perf_counter() + (interval * number / clients)
            while True:
                with counter_lock:
                    if next(counter, None) is None:
                        return
                if interval:
                    pause = due - time.perf_counter()
                    if pause > 0:
                        time.sleep(pause)
                    due += interval
                started = time.perf_counter()
                error = None
                try:
                    response = http.get(path)
                    response.read()
                    if response.status_code != 200:
                        error = f"{response.status_code}"
                except httpx.HTTPError as exc:
                    error = type(exc).__name__
                result.add(time.perf_counter() - started, error)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result, time.perf_counter() - started


def run_case(
    server: subprocess.Popen,
    base: str,
    name: str,
    path: str,
    headers: dict,
    *,
    clients: int,
    requests: int,
    rate: float | None,
) -> float:
    """Drive one case, print its line and return the requests/s it reached."""
    cpu_before = cpu_seconds(server.pid)
    result, seconds = drive(base, path, headers, clients=clients, requests=requests, rate=rate)
    cpu = cpu_seconds(server.pid) - cpu_before
    reached = requests / seconds
    print(
        f"{name:<16} {clients:>7} {requests:>8} {reached:>7.1f} "
        f"{statistics.median(result.latencies) * 1000:>7.0f} "
        f"{percentile(result.latencies, 0.95) * 1000:>7.0f} "
        f"{len(result.errors):>6} {requests / cpu if cpu else 0:>9.1f} "
        f"{reached / (os.cpu_count() or 1):>10.1f}",
        flush=True,
    )
    if result.errors:
        print(f"    errors: {sorted(set(result.errors))}")
    return reached


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per case")
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--cases", default="", help="comma-separated case names (default: all)")
    parser.add_argument("--workers", type=int, help="WEB_WORKERS (default: make serve's)")
    parser.add_argument("--threads", type=int, help="WEB_THREADS (default: make serve's)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    # Stopped with TERM (or INT, which a shell's background job ignores otherwise), it still stops
    # the server and drops the database on its way out.
    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, lambda number, frame: sys.exit(f"stopped by signal {number}"))

    ensure_database(url, fresh=True)
    server = None
    try:
        # The server checks the sessions made here with the same key.
        setup_django(url, SECRET_KEY=secrets.token_urlsafe(50))
        logging.getLogger("httpx").setLevel(logging.WARNING)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        data = populate_newsroom(claims=args.claims, articles=args.articles)
        print(
            f"populated {args.claims} claims, {args.articles} articles "
            f"in {time.perf_counter() - started:.0f} s"
        )
        desk = {"Cookie": session_cookie(data["reviewer"]), "X-Forwarded-Proto": "https"}
        api = {"Authorization": f"Token {data['token']}", "X-Forwarded-Proto": "https"}
        connections.close_all()
        article, large = data["article"].pk, data["large_article"].pk
        claim, speaker = data["claim"].pk, data["speaker"].pk
        cases = {
            "queue": ("/review/", desk),
            "queue-by-date": ("/review/?status=&sort=-latest_published", desk),
            "article": (f"/review/articles/{article}/", desk),
            "large-article": (f"/review/articles/{large}/", desk),
            "claim": (f"/review/claims/{claim}/", desk),
            "api-claims": ("/api/v1/claims/", api),
            "api-claim": (f"/api/v1/claims/{claim}/", api),
            "api-graph": (f"/api/v1/graph/?article={article}", api),
            # A speaker's claims and everyone else on them: about 2,000 nodes (the default limit).
            "api-source-graph": (f"/api/v1/graph/?source={speaker}&depth=2", api),
            "api-scorecard": (f"/api/v1/sources/{speaker}/scorecard/", api),
        }
        if args.cases:
            cases = {name: cases[name] for name in args.cases.split(",")}

        port = serve_process.free_port()
        server = start_server(url, port, args)
        base = f"http://127.0.0.1:{port}"
        print(
            f"make serve on :{port}, pid {server.pid}, {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f}\n"
        )
        header = (
            f"{'case':<16} {'clients':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} "
            f"{'p95 ms':>7} {'errors':>6} {'req/CPU-s':>9} {'req/s/core':>10}"
        )
        print(header)
        capacity: dict[str, float] = {}
        for clients in [int(c) for c in args.clients.split(",")]:
            for name, (path, headers) in cases.items():
                count = args.requests if clients > 1 else max(20, args.requests // 10)
                # Every worker process and thread answers this page once before it is timed.
                drive(base, path, headers, clients=5, requests=WARM_UP, rate=None)
                capacity[name] = run_case(
                    server, base, name, path, headers, clients=clients, requests=count, rate=None
                )
        print("\nhalf of the last round's rate, paced over 10 clients:")
        print(header)
        for name, (path, headers) in cases.items():
            target = capacity[name] / 2
            count = max(50, min(args.requests, round(target * 10)))
            run_case(server, base, name, path, headers, clients=10, requests=count, rate=target)
        print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    finally:
        if server is not None:
            serve_process.stop(server)
        if not args.keep:
            drop_database(url)


if __name__ == "__main__":
    main()
