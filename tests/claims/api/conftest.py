"""Fixtures of the API tests: a user and token per role, and an API client logged in by token."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counters live in the cache; every test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


def token_client(user) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    client.user = user
    return client


@pytest.fixture
def api(api_user):
    """An API client (the "API client" group) authenticated with its token."""
    return token_client(api_user)


@pytest.fixture
def read_only_api(db):
    user = UserFactory(username="researcher", groups=["API client"])
    user.groups.add(Group.objects.get_or_create(name="API read-only")[0])
    return token_client(user)


@pytest.fixture
def no_role_api(db):
    """An authenticated user in no group: every endpoint answers 403."""
    return token_client(UserFactory(username="nobody"))


@pytest.fixture
def editor_api(editor):
    return token_client(editor)


@pytest.fixture
def anonymous():
    return APIClient()
