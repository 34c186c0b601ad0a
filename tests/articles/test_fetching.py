import ipaddress
import socket

import httpx
import pytest

from articles.fetching import (
    PAGE_CONTENT_TYPES,
    HTTPStatusError,
    RefusedURL,
    TooLarge,
    TooManyRedirects,
    UnreachableURL,
    UnsupportedContentType,
    check_url_is_public,
    fetch_url,
    is_public_address,
    resolve_public_addresses,
)
from tests.articles.conftest import Route, not_modified_for

HTML = b"<html><body><p>The mayor said the bridge will reopen in May.</p></body></html>"


@pytest.fixture
def fake_dns(monkeypatch):
    """Resolve chosen names to chosen addresses; everything else fails like an unknown name."""
    table: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            family = socket.AF_INET6 if ":" in table[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (table[host], port))]
        if host in {"127.0.0.1", "localhost", "::1"}:
            return real(host, port, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.fixture
def no_connections(monkeypatch):
    """Fail the test if anything tries to open a connection."""
    attempts = []

    def refuse(self, request):
        attempts.append(str(request.url))
        raise AssertionError(f"connection attempted to {request.url}")

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)
    return attempts


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1/", "Refused: 127.0.0.1 is a loopback address"),
        ("http://localhost:8000/x", "loopback address"),
        ("http://10.0.0.1/", "Refused: 10.0.0.1 is a private address"),
        ("http://192.168.1.20/", "private address"),
        ("http://172.16.5.4/", "private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[::ffff:10.0.0.1]/", "IPv4-mapped a private address (10.0.0.1)"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://intranet.example.com/", "Refused: 10.1.2.3 is a private address"),
        ("ftp://example.org/file", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://user:secret@example.org/", "user name or password"),
    ],
)
def test_guard_refuses_non_public_targets_before_connecting(url, message, fake_dns, no_connections):
    fake_dns["intranet.example.com"] = "10.1.2.3"

    with pytest.raises(RefusedURL) as refused:
        fetch_url(url)

    assert message in refused.value.message
    assert no_connections == []


def test_one_private_address_among_public_ones_refuses_the_host(fake_dns, monkeypatch):
    def getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    with pytest.raises(RefusedURL, match=r"10\.0\.0\.7 is a private address"):
        resolve_public_addresses("mixed.example", 80)


def test_unknown_host_is_unreachable_and_temporary(fake_dns):
    with pytest.raises(UnreachableURL) as error:
        check_url_is_public("http://no-such-host.invalid/")

    assert error.value.temporary
    assert "could not be resolved" in error.value.message


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("100.64.0.1", False),
        ("::ffff:127.0.0.1", False),
        ("2002:a00:1::1", False),  # 6to4 wrapping 10.0.0.1
        ("ff02::1", False),
        ("fc00::1", False),
    ],
)
def test_public_address_classification(address, public):
    assert is_public_address(ipaddress.ip_address(address)) is public


def test_private_addresses_are_allowed_only_by_the_setting(settings, fake_dns):
    settings.FETCH_ALLOW_PRIVATE_ADDRESSES = True

    host, port, addresses = check_url_is_public("http://10.0.0.1:8080/")

    assert (host, port, addresses) == ("10.0.0.1", 8080, [ipaddress.ip_address("10.0.0.1")])


def test_fetches_through_the_resolved_address_with_the_host_header(
    local_server, fake_dns, allow_private
):
    fake_dns["news.test"] = "127.0.0.1"
    local_server.routes["/story"] = Route(
        body=HTML, headers={"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'}
    )

    result = fetch_url(local_server.url("/story", host="news.test"))

    assert result.content == HTML
    assert result.content_type == "text/html; charset=utf-8"
    assert result.etag == '"v1"'
    path, headers = local_server.requests[0]
    assert path == "/story"
    assert headers["Host"] == f"news.test:{local_server.port}"
    assert "factcheck-bot" in headers["User-Agent"]


def test_redirect_to_a_private_address_is_refused_before_connecting(local_server, fake_dns):
    """public.test is treated as public (policy), then redirects to 10.0.0.1: refused on that hop."""
    fake_dns["public.test"] = "127.0.0.1"
    local_server.routes["/start"] = Route(302, headers={"Location": "http://10.0.0.1/admin"})
    treated_as_public = {ipaddress.ip_address("127.0.0.1")}

    def policy(address):
        return address in treated_as_public or is_public_address(address)

    with pytest.raises(RefusedURL, match=r"10\.0\.0\.1 is a private address"):
        fetch_url(local_server.url("/start", host="public.test"), is_allowed=policy)

    # Only the first hop reached a server.
    assert [path for path, _ in local_server.requests] == ["/start"]


def test_redirects_are_followed_and_rechecked(local_server, allow_private):
    local_server.routes["/a"] = Route(301, headers={"Location": "/b"})
    local_server.routes["/b"] = Route(302, headers={"Location": local_server.url("/c")})
    local_server.routes["/c"] = Route(body=HTML, headers={"Content-Type": "text/html"})

    result = fetch_url(local_server.url("/a"))

    assert result.url == local_server.url("/c")
    assert result.redirects == [local_server.url("/b"), local_server.url("/c")]


def test_more_than_five_redirects_fail(local_server, allow_private):
    for hop in range(7):
        local_server.routes[f"/r{hop}"] = Route(302, headers={"Location": f"/r{hop + 1}"})

    with pytest.raises(TooManyRedirects, match="more than 5"):
        fetch_url(local_server.url("/r0"))
    assert len(local_server.requests) == 6


def test_body_over_the_cap_is_refused_while_streaming(local_server, allow_private, settings):
    settings.FETCH_MAX_BYTES = 1000
    local_server.routes["/big"] = Route(
        body=b"a" * 5000,
        # No Content-Length: the cap must hold while reading the stream.
        headers={"Content-Type": "text/plain", "Content-Length": None},
    )
    local_server.routes["/declared"] = Route(
        body=b"a" * 5000, headers={"Content-Type": "text/plain"}
    )

    with pytest.raises(TooLarge, match="is 5000 bytes, over the 1000 cap"):
        fetch_url(local_server.url("/declared"))
    with pytest.raises(TooLarge, match="over the 1000-byte cap"):
        fetch_url(local_server.url("/big"))


def test_unsupported_content_type(local_server, allow_private):
    local_server.routes["/pic"] = Route(body=b"\x89PNG....", headers={"Content-Type": "image/png"})

    with pytest.raises(UnsupportedContentType, match="image/png"):
        fetch_url(local_server.url("/pic"), accept=PAGE_CONTENT_TYPES)


@pytest.mark.parametrize(("status", "temporary"), [(404, False), (403, False), (503, True)])
def test_error_statuses(local_server, allow_private, status, temporary):
    local_server.routes["/x"] = Route(status, b"nope")

    with pytest.raises(HTTPStatusError) as error:
        fetch_url(local_server.url("/x"))

    assert error.value.temporary is temporary
    assert str(status) in error.value.message


def test_conditional_get_sends_validators_and_reports_not_modified(local_server, allow_private):
    local_server.routes["/feed"] = not_modified_for('"abc"', "Wed, 21 Oct 2015 07:28:00 GMT")

    result = fetch_url(
        local_server.url("/feed"),
        etag='"abc"',
        last_modified="Wed, 21 Oct 2015 07:28:00 GMT",
    )

    assert result.not_modified
    assert result.content == b""


def test_connection_refused_is_unreachable(allow_private):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed when the block ends: nothing listens there

    with pytest.raises(UnreachableURL, match="could not connect"):
        fetch_url(f"http://127.0.0.1:{port}/")
