"""Fixtures of the API tests: a user and token per role, an API client logged in by token, and
an app that stays offline."""

import socket
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from factcheck.celery import app as celery_app
from tests.factories import UserFactory

PUBLIC_ADDRESS = "93.184.215.14"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@pytest.fixture
def offline(monkeypatch) -> None:
    """Tasks are queued, not run; any host name but the live server's is one public address."""
    celery_app.conf.task_always_eager = False  # tests/conftest.py puts it back after each test
    resolve = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list:
        if host in LOCAL_HOSTS or host is None:
            return resolve(host, port, *args, **kwargs)
        if not isinstance(host, str) or not host or len(host) > 253:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        number = port if isinstance(port, int) else 80
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_ADDRESS, number))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


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
