"""The API's pages for people, the Swagger docs and the browsable API, under the
Content-Security-Policy."""

import pytest

from factcheck.csp import POLICY

pytestmark = pytest.mark.django_db


def test_api_docs_run_under_the_policy_with_sidecar_assets(client, editor):
    client.force_login(editor)
    response = client.get("/api/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    assert "<style" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "/static/api/swagger.css" in page
    assert "cdn" not in page.lower()
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_browsable_api_has_no_inline_style_block(client, editor):
    client.force_login(editor)
    response = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<style" not in page
    assert "/static/api/browsable.css" in page
