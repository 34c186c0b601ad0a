"""``make serve``'s server (``python -m factcheck.serve``) as a child process, for the tests and
benchmarks that drive it for real: a free port, start it, wait until ``/healthz`` answers, stop it
by its process id."""

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on (at the time of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(env: dict[str, str], log: IO[str]) -> subprocess.Popen:
    """The server with environment ``env``, its output written to ``log``."""
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck.serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until_healthy(process: subprocess.Popen, base: str, *, seconds: float) -> str | None:
    """None once ``base``/healthz answers 200; else why not: the server exited, or gave no answer
    within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            return f"the server exited ({process.returncode})"
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return None
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            return f"no answer in {seconds:g} s"
        time.sleep(0.3)


def stop(process: subprocess.Popen, *, seconds: float = 40) -> None:
    """SIGTERM to gunicorn's master (workers finish, then it exits); SIGKILL after ``seconds``."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
