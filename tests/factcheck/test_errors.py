"""Error pages for people: friendly, under the Content-Security-Policy, and renderable without a
request."""

import pytest
from django.template.loader import get_template
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_404_is_a_friendly_page_under_the_policy(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "This page does not exist" in page and "/no-such-page/" in page
    assert "/static/review/public.css" in page and "<style" not in page


def test_403_explains_and_names_the_signed_in_user(client, api_user):
    client.force_login(api_user)
    response = client.get(reverse("review:queue"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "You are not allowed to open this page" in page
    assert "Signed in as bot." in page


def test_500_page_renders_without_a_request():
    page = get_template("500.html").render()
    assert "Something went wrong on our side" in page and "/review/" in page
