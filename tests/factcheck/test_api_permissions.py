"""One permission class for the whole API: every endpoint uses it, and a read-only token writes
nothing anywhere (403 on every unsafe method of every URL under /api/v1/)."""

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from rest_framework.test import APIClient

from factcheck.api_permissions import READ_ONLY_GROUP, READ_ONLY_REFUSED, ApiPermission
from tests.claims.api.conftest import token_client
from tests.factories import UserFactory

UNSAFE_METHODS = ("post", "put", "patch", "delete")
_PARAMETER_RE = re.compile(r"<[^>]+>|\(\?P<\w+>[^)]*\)")


def _concrete(route: str) -> str:
    """``api/v1/^claims/(?P<pk>\\d+)/$`` → ``/api/v1/claims/1/``."""
    return "/" + _PARAMETER_RE.sub("1", route).replace("^", "").replace("$", "")


def _patterns(patterns: list, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, route)
        else:
            yield route, entry


def api_urls() -> list[tuple[str, type]]:
    """Every URL under /api/v1/ with its DRF view class, parameters filled with ``1``."""
    found = []
    for route, pattern in _patterns(get_resolver().url_patterns):
        path = _concrete(route)
        if not path.startswith("/api/v1/"):
            continue
        view_class = getattr(pattern.callback, "cls", None)
        assert view_class is not None, f"{path} is not a DRF view"
        assert resolve(path).func is pattern.callback, path
        found.append((path, view_class))
    return found


API_URLS = api_urls()


def test_every_api_url_is_found():
    paths = {path for path, _ in API_URLS}
    assert {
        "/api/v1/",
        "/api/v1/articles/",
        "/api/v1/articles/1/",
        "/api/v1/claims/1/",
        "/api/v1/sources/1/scorecard/",
        "/api/v1/webhooks/1/deliveries/",
        "/api/v1/graph/",
        "/api/v1/exports/verdicts/",
    } <= paths
    assert len(paths) >= 20


@pytest.mark.parametrize(("path", "view_class"), API_URLS, ids=[path for path, _ in API_URLS])
def test_every_api_view_uses_the_one_permission_class(path, view_class):
    assert view_class.permission_classes == [ApiPermission]


@pytest.fixture
def read_only_writer(db):
    """A read-only token whose groups would otherwise allow writing (API client and Editor)."""
    user = UserFactory(username="researcher", groups=["API client", "Editor"])
    user.groups.add(Group.objects.get_or_create(name=READ_ONLY_GROUP)[0])
    return token_client(user)


@pytest.mark.parametrize("path", [path for path, _ in API_URLS])
def test_a_read_only_token_gets_403_on_every_unsafe_method(read_only_writer, path):
    for method in UNSAFE_METHODS:
        response = getattr(read_only_writer, method)(path, {}, format="json")
        assert response.status_code == 403, (method, path, response.status_code)
        assert response.json() == {"detail": READ_ONLY_REFUSED}, (method, path)


def test_a_read_only_token_cannot_submit_an_article(read_only_writer):
    response = read_only_writer.post(
        "/api/v1/articles/", {"text": "The mayor said the bridge would reopen."}, format="json"
    )
    assert response.status_code == 403


def test_a_read_only_token_still_reads(read_only_writer):
    for path in ("/api/v1/", "/api/v1/articles/", "/api/v1/claims/", "/api/v1/webhooks/"):
        assert read_only_writer.get(path).status_code == 200, path


@pytest.mark.django_db
def test_anonymous_requests_get_401_everywhere():
    client = APIClient()
    for path, _ in API_URLS:
        assert client.get(path).status_code == 401, path
        assert client.post(path, {}, format="json").status_code == 401, path


def test_a_view_without_a_model_or_rule_is_read_only_for_everyone(db):
    client = token_client(UserFactory(username="editor", groups=["Editor"]))
    assert client.get("/api/v1/").status_code == 200
    assert client.post("/api/v1/", {}, format="json").status_code == 403
