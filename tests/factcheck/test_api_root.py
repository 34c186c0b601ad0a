"""/api/v1/ links every resource; anonymous clients are refused."""

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_api_root_links_every_resource():
    client = APIClient()
    client.force_authenticate(UserFactory(groups=["API client"]))
    body = client.get("/api/v1/").json()
    assert body["articles"] == "http://testserver/api/v1/articles/"
    assert body["graph"] == "http://testserver/api/v1/graph/"
    assert body["verdict_exports"] == "http://testserver/api/v1/exports/verdicts/"
    for url in body.values():
        assert client.get(url).status_code != 404, url


def test_api_root_needs_authentication():
    assert APIClient().get("/api/v1/").status_code == 401
