"""One permission class for the whole API: every endpoint uses it, and a read-only token writes
nothing anywhere (403 on every unsafe method of every URL under /api/v1/)."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from factcheck.api_permissions import READ_ONLY_GROUP, READ_ONLY_REFUSED, ApiPermission
from tests.api_urls import api_urls
from tests.claims.api.conftest import token_client
from tests.factories import UserFactory

UNSAFE_METHODS = ("post", "put", "patch", "delete")
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
