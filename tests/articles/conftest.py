"""A real HTTP server on 127.0.0.1 for fetching and feed tests."""

import contextlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str | None] = field(default_factory=dict)


def not_modified_for(etag: str, last_modified: str):
    """A route answering 304 Not Modified to a conditional GET with these validators (and failing
    the test on any other request)."""

    def route(headers: dict[str, str]) -> Route:
        assert headers.get("If-None-Match") == etag
        assert headers.get("If-Modified-Since") == last_modified
        return Route(304)

    return route


class LocalServer:
    """Serves ``routes`` (path -> Route, or a callable taking the request headers) and logs requests."""

    def __init__(self):
        self.routes: dict = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(self.path, Route(404, b"not found"))
                if callable(route):
                    route = route(dict(self.headers.items()))
                self.send_response(route.status)
                headers = {"Content-Length": str(len(route.body)), **route.headers}
                for name, value in headers.items():
                    if value is not None:  # None leaves a default header out
                        self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture(autouse=True)
def _only_loopback_connections(monkeypatch):
    """No test may reach a real address: a guard bug (or a test allowing private addresses) would
    otherwise send traffic to 10.x or the internet."""
    import httpx

    real = httpx.HTTPTransport.handle_request

    def handle_request(self, request):
        if request.url.host not in {"127.0.0.1", "::1"}:
            raise AssertionError(f"test tried to connect to {request.url.host}")
        return real(self, request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", handle_request)


@pytest.fixture
def local_server():
    server = LocalServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def allow_private(settings):
    """Lets this test fetch from 127.0.0.1 (the guard refuses it otherwise)."""
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True


class QueuedIds(list):
    """Every article id queued for extraction, in order; ``batches`` keeps the batched calls."""

    def __init__(self):
        super().__init__()
        self.batches: list[list[int]] = []


@pytest.fixture
def extraction_queue(monkeypatch):
    """Records the article ids handed to the extraction tasks (one by one, or in batches).

    Ingestion's contract ends at queuing those tasks with the right ids once the rows are
    committed; what extraction does is tested in tests/claims.
    """
    from claims import tasks

    queued = QueuedIds()

    def queue_batch(ids: list[int]) -> None:
        queued.batches.append(list(ids))
        queued.extend(ids)

    monkeypatch.setattr(tasks.extract_article, "delay", queued.append)
    monkeypatch.setattr(tasks.extract_articles, "delay", queue_batch)
    return queued


# An RSS 2.0 feed of ``item``s, as the Harbour Gazette serves it.
def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Harbour Gazette</title><link>http://gazette.test/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def item(guid: str, link: str, *, content: str = "", summary: str = "A teaser.") -> str:
    encoded = f"<content:encoded><![CDATA[<p>{content}</p>]]></content:encoded>" if content else ""
    return (
        f"<item><guid>{guid}</guid><link>{link}</link><title>Story {guid}</title>"
        f"<description>{summary}</description>{encoded}"
        "<pubDate>Tue, 25 Jun 2024 10:00:00 GMT</pubDate></item>"
    )
