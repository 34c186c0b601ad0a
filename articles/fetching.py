"""Fetching a document from a URL given by a user or a feed, without letting it reach inside.

A URL from outside is a request to make from our network, so every hop is checked before a
connection is made: http/https only, no credentials, and every address the host name resolves to
must be public (``FETCH_ALLOW_PRIVATE_ADDRESSES`` lifts that for intranets and tests). The
connection then goes to the very address that was checked, with the host name sent as the Host
header and TLS server name, so a second DNS answer (DNS rebinding) cannot redirect it.

Redirects are followed by hand, at most ``MAX_REDIRECTS``, so each hop gets the same checks. The
body is read as a stream and abandoned as soon as it passes ``FETCH_MAX_BYTES``.

``check_url_is_public`` and ``resolve_public_addresses`` are the guard on its own, for other code
that calls out to user-given URLs (webhooks).
"""

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.conf import settings

MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# Statuses worth trying again later: the server or something in between is having a bad moment.
TEMPORARY_STATUSES = {408, 425, 429, 500, 502, 503, 504}

PAGE_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_CONTENT_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        # Many feeds are served with a generic or wrong type; feedparser tells a feed apart anyway.
        "application/octet-stream",
        "text/html",
        "text/plain",
    }
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = Callable[[IPAddress], bool]


class FetchError(Exception):
    """A URL could not be fetched; ``message`` is for a person, ``temporary`` says retry may help."""

    temporary = False

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RefusedURL(FetchError):
    """The URL or an address it resolves to is not allowed (scheme, credentials, private address)."""


class UnreachableURL(FetchError):
    """DNS, connection or timeout failure."""

    temporary = True


class HTTPStatusError(FetchError):
    def __init__(self, message: str, *, status_code: int):
        super().__init__(message)
        self.status_code = status_code
        self.temporary = status_code in TEMPORARY_STATUSES


class TooManyRedirects(FetchError):
    pass


class TooLarge(FetchError):
    pass


class UnsupportedContentType(FetchError):
    pass


@dataclass(frozen=True)
class FetchResult:
    url: str  # the final URL, after redirects
    status_code: int
    content: bytes
    content_type: str
    etag: str = ""
    last_modified: str = ""
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


# --- The guard ------------------------------------------------------------------------------


def is_public_address(address: IPAddress) -> bool:
    """True for a globally routable unicast address, looking inside IPv4-in-IPv6 forms too."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is not None and not is_public_address(embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)
    )


def default_address_policy(address: IPAddress) -> bool:
    return is_public_address(address) or settings.FETCH_ALLOW_PRIVATE_ADDRESSES


def describe_address(address: IPAddress) -> str:
    """ "10.0.0.1 is a private address", for the refusal message."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        mapped = address.ipv4_mapped
        return f"{address} is an IPv4-mapped {_address_kind(mapped)} ({mapped})"
    return f"{address} is {_address_kind(address)}"


def _address_kind(address: IPAddress) -> str:
    for flag, kind in [
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_unspecified", "an unspecified address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    ]:
        if getattr(address, flag):
            return kind
    return "not a public address"


def resolve_public_addresses(
    host: str, port: int, *, is_allowed: AddressPolicy | None = None
) -> list[IPAddress]:
    """Every address ``host`` resolves to, all of them allowed, or RefusedURL / UnreachableURL.

    One disallowed address refuses the host: with several A records, which one a client would use is
    not ours to know.
    """
    is_allowed = is_allowed or default_address_policy
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise UnreachableURL(
                f"Unreachable: the host name {host} could not be resolved"
            ) from exc
        addresses = _unique(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)
    if not addresses:
        raise UnreachableURL(f"Unreachable: the host name {host} has no address")
    for address in addresses:
        if not is_allowed(address):
            raise RefusedURL(f"Refused: {describe_address(address)}")
    return addresses


def check_url_is_public(
    url: str, *, is_allowed: AddressPolicy | None = None
) -> tuple[str, int, list[IPAddress]]:
    """Check scheme, credentials and addresses of ``url``; return its host, port and addresses."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedURL(f"Refused: {url!r} is not a valid URL") from exc
    if parts.scheme.lower() not in {"http", "https"}:
        raise RefusedURL(f"Refused: only http and https URLs can be fetched, not {url!r}")
    if parts.username is not None or parts.password is not None:
        raise RefusedURL("Refused: URLs with a user name or password are not fetched")
    host = parts.hostname
    if not host:
        raise RefusedURL(f"Refused: {url!r} has no host name")
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    return host, port, resolve_public_addresses(host, port, is_allowed=is_allowed)


def _unique(addresses: Iterable[IPAddress]) -> list[IPAddress]:
    return list(dict.fromkeys(addresses))


# --- Fetching -------------------------------------------------------------------------------


def fetch_url(
    url: str,
    *,
    accept: frozenset[str] = PAGE_CONTENT_TYPES,
    etag: str = "",
    last_modified: str = "",
    is_allowed: AddressPolicy | None = None,
    max_bytes: int | None = None,
) -> FetchResult:
    """GET ``url`` through the guard; conditional when ``etag``/``last_modified`` are given."""
    max_bytes = max_bytes or settings.FETCH_MAX_BYTES
    headers = {
        "User-Agent": settings.FETCH_USER_AGENT,
        "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(
        connect=settings.FETCH_CONNECT_TIMEOUT,
        read=settings.FETCH_READ_TIMEOUT,
        write=settings.FETCH_READ_TIMEOUT,
        pool=settings.FETCH_CONNECT_TIMEOUT,
    )
    # trust_env=False: a proxy from the environment would make the connection, not us, and the
    # address check would be for nothing.
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        redirects: list[str] = []
        current = url
        while True:
            response = _send_to_checked_address(client, current, headers, is_allowed)
            try:
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    if len(redirects) >= MAX_REDIRECTS:
                        raise TooManyRedirects(
                            f"Too many redirects (more than {MAX_REDIRECTS}) from {url}"
                        )
                    current = urljoin(current, response.headers["location"])
                    redirects.append(current)
                    continue
                return _read_response(response, current, redirects, accept, max_bytes)
            finally:
                response.close()


def _send_to_checked_address(
    client: httpx.Client, url: str, headers: dict, is_allowed: AddressPolicy | None
) -> httpx.Response:
    host, port, addresses = check_url_is_public(url, is_allowed=is_allowed)
    parts = urlsplit(url)
    default_port = 443 if parts.scheme.lower() == "https" else 80
    host_header = host if port == default_port else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        host_header = f"[{host}]" if port == default_port else f"[{host}]:{port}"
    last_error: Exception | None = None
    for address in addresses:
        ip = f"[{address}]" if address.version == 6 else str(address)
        pinned = urlunsplit((parts.scheme, f"{ip}:{port}", parts.path or "/", parts.query, ""))
        request = client.build_request(
            "GET",
            pinned,
            headers={**headers, "Host": host_header},
            extensions={"sni_hostname": host},
        )
        try:
            return client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            last_error = UnreachableURL(f"Unreachable: {host} did not answer in time")
            last_error.__cause__ = exc
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            last_error = UnreachableURL(f"Unreachable: could not connect to {host} ({exc})")
            last_error.__cause__ = exc
        except httpx.HTTPError as exc:
            last_error = UnreachableURL(f"Unreachable: {host} ({exc.__class__.__name__})")
            last_error.__cause__ = exc
    assert last_error is not None
    raise last_error


def _read_response(
    response: httpx.Response,
    url: str,
    redirects: list[str],
    accept: frozenset[str],
    max_bytes: int,
) -> FetchResult:
    status = response.status_code
    if status == 304:
        return FetchResult(
            url=url,
            status_code=status,
            content=b"",
            content_type="",
            etag=response.headers.get("etag", ""),
            last_modified=response.headers.get("last-modified", ""),
            redirects=redirects,
        )
    if status >= 400 or status in REDIRECT_STATUSES:
        raise HTTPStatusError(
            f"The server answered {status} {response.reason_phrase} for {url}", status_code=status
        )
    content_type = response.headers.get("content-type", "")
    media_type = content_type.split(";")[0].strip().lower()
    if media_type and media_type not in accept:
        raise UnsupportedContentType(
            f"Unsupported content type {media_type!r} at {url}; expected one of "
            f"{', '.join(sorted(accept))}"
        )
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"The document at {url} is {int(declared)} bytes, over the {max_bytes} cap")
    chunks = []
    received = 0
    try:
        for chunk in response.iter_bytes():
            received += len(chunk)
            if received > max_bytes:
                raise TooLarge(f"The document at {url} is over the {max_bytes}-byte cap")
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise UnreachableURL(f"Unreachable: reading {url} timed out") from exc
    except httpx.HTTPError as exc:
        raise UnreachableURL(f"Unreachable: reading {url} failed ({exc})") from exc
    return FetchResult(
        url=url,
        status_code=status,
        content=b"".join(chunks),
        content_type=content_type,
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
        redirects=redirects,
    )
