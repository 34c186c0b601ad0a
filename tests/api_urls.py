"""Every URL of the API (under /api/v1/), found in the URL resolver, for tests that go over all."""

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver, resolve

_PARAMETER_RE = re.compile(r"<[^>]+>|\(\?P<\w+>[^)]*\)")


def _concrete(route: str) -> str:
    """``api/v1/^claims/(?P<pk>\\d+)/$`` → ``/api/v1/claims/1/``."""
    return "/" + _PARAMETER_RE.sub("1", route).replace("^", "").replace("$", "")


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, route)
        else:
            yield route, entry


def api_urls() -> list[tuple[str, type]]:
    """Every URL under /api/v1/ with its DRF view class, parameters filled with ``1``."""
    found: list[tuple[str, type]] = []
    for route, pattern in _patterns(get_resolver().url_patterns):
        path = _concrete(route)
        if not path.startswith("/api/v1/"):
            continue
        view_class = getattr(pattern.callback, "cls", None)
        assert view_class is not None, f"{path} is not a DRF view"
        assert resolve(path).func is pattern.callback, path
        found.append((path, view_class))
    return found
