"""Sessions, users, permissions and tokens from the cache (factcheck/auth_cache.py): the fixed
queries of every request go, and every change to who someone is or what they may do takes effect
on their next request."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from factcheck.auth_cache import _database, perms_key, token_key, user_key, version_key
from tests.claims.api.conftest import token_client
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"


@pytest.fixture
def cached(settings):
    """The cache on, as when CACHE_URL names a shared one; each test starts with it empty."""
    settings.AUTH_CACHE = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cache.clear()
    yield
    cache.clear()


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_api_requests_read_token_user_and_permissions_from_the_cache(
    cached, api_user, django_assert_num_queries
):
    ClaimFactory()
    api = token_client(api_user)
    # The first request reads the token with its user (1) and the permissions (2), and keeps them;
    # then the claims page (1), its appearances (1) and published verdicts (1).
    assert queries_of(api, CLAIMS) == 3 + 3
    assert cache.get(token_key(Token.objects.get(user=api_user).key)) == api_user.pk
    assert cache.get(user_key(api_user.pk)) == api_user
    assert cache.get(perms_key(api_user.pk))[0] == cache.get(version_key())
    # Then only the page's own three.
    with django_assert_num_queries(3):
        assert api.get(CLAIMS).status_code == 200


def test_desk_pages_read_session_user_and_permissions_from_the_cache(cached, client, reviewer):
    client.force_login(reviewer)
    cache.clear()  # as for a session saved before the cache was on
    url = reverse("review:my-work")
    first = queries_of(client, url)
    # Session (1), user (1), own and group permissions (2) came from the database once.
    assert queries_of(client, url) == first - 4


def test_without_the_cache_every_request_reads_them(settings, client, reviewer):
    settings.AUTH_CACHE = False
    client.force_login(reviewer)
    url = reverse("review:my-work")
    assert queries_of(client, url) == queries_of(client, url)
    assert cache.get(user_key(reviewer.pk)) is None


def test_keys_name_the_database_so_installations_sharing_a_cache_stay_apart(monkeypatch):
    ours = _database.__wrapped__()
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", "another_installation")
    assert _database.__wrapped__() != ours
    assert user_key(1) == f"auth:{ours}:user:1"


def test_leaving_a_group_takes_effect_on_the_next_request(cached, api_user):
    api = token_client(api_user)
    assert api.get(CLAIMS).status_code == 200
    group = Group.objects.get(name="API client")
    api_user.groups.remove(group)
    assert api.get(CLAIMS).status_code == 403
    group.user_set.add(api_user)
    assert api.get(CLAIMS).status_code == 200


def test_a_group_losing_a_permission_takes_effect_for_its_members(cached, api_user):
    api = token_client(api_user)
    assert api.get(CLAIMS).status_code == 200
    view_claim = Permission.objects.get(codename="view_claim", content_type__app_label="claims")
    Group.objects.get(name="API client").permissions.remove(view_claim)
    assert api.get(CLAIMS).status_code == 403


def test_a_permission_given_to_the_user_takes_effect(cached, api_user):
    api = token_client(api_user)
    assert api.get("/api/v1/webhooks/").status_code == 200
    assert api.get(CLAIMS).status_code == 200
    api_user.groups.clear()
    assert api.get(CLAIMS).status_code == 403
    view_claim = Permission.objects.get(codename="view_claim", content_type__app_label="claims")
    api_user.user_permissions.add(view_claim)
    assert api.get(CLAIMS).status_code == 200


def test_a_deactivated_user_and_a_deleted_token_are_refused(cached, api_user, editor):
    api = token_client(api_user)
    assert api.get(CLAIMS).status_code == 200
    api_user.is_active = False
    api_user.save()
    assert api.get(CLAIMS).status_code == 401

    other = token_client(editor)
    assert other.get(CLAIMS).status_code == 200
    Token.objects.filter(user=editor).delete()
    response = other.get(CLAIMS)
    assert response.status_code == 401 and response.json()["detail"] == "Invalid token."


def test_an_unknown_token_is_refused(cached):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get(CLAIMS).status_code == 401


def test_a_password_change_ends_the_other_sessions(cached, client, reviewer):
    client.force_login(reviewer)
    url = reverse("review:my-work")
    assert client.get(url).status_code == 200
    reviewer.set_password("another-long-passphrase")
    reviewer.save()
    assert client.get(url).status_code == 302


def test_a_desk_role_taken_away_takes_effect(cached, client, reviewer):
    client.force_login(reviewer)
    url = reverse("review:queue")
    assert client.get(url).status_code == 200
    reviewer.groups.clear()
    assert client.get(url).status_code == 403


def test_logging_out_ends_the_cached_session(cached, client, reviewer):
    client.force_login(reviewer)
    url = reverse("review:my-work")
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_changes_in_a_transaction_invalidate_again_after_commit(
    cached, api_user, django_capture_on_commit_callbacks
):
    api = token_client(api_user)
    assert api.get(CLAIMS).status_code == 200
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        api_user.groups.clear()
    # A request between the change and the commit caches the permissions again ...
    api.get(CLAIMS)
    stale = cache.get(version_key())
    for callback in callbacks:
        callback()
    # ... and the commit makes them stale once more.
    assert cache.get(version_key()) != stale
    assert api.get(CLAIMS).status_code == 403
