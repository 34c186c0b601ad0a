"""Small desk fixes: the login of an account without desk access, a 403 naming the group needed
and logged without a traceback, an inverted date range, stance holders, the export form."""

import logging

import pytest
from django.urls import reverse

from factcheck.login import NO_DESK_ACCESS
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_an_api_account_is_told_it_has_no_desk_access(client, api_user):
    response = client.post(
        reverse("admin:login"), {"username": api_user.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "no desk access" in page and NO_DESK_ACCESS.split(":")[0] in page
    assert "correct username and password" not in page


def test_a_wrong_password_is_still_just_wrong(client, api_user):
    page = client.post(
        reverse("admin:login"), {"username": api_user.username, "password": "nope"}
    ).content.decode()
    assert "correct username and password" in page
    assert "no desk access" not in page


@pytest.mark.parametrize(
    ("url_name", "group"), [("review:queue", "Reviewer"), ("review:verdicts", "Editor")]
)
def test_403_names_the_group_needed_and_logs_no_traceback(
    client, api_user, reviewer, caplog, url_name, group
):
    client.force_login(reviewer if group == "Editor" else api_user)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse(url_name))
    assert response.status_code == 403
    assert f"ask an editor to add you to the {group} group" in response.content.decode()
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert refusals and all(r.exc_info is None for r in refusals)


def test_an_inverted_date_range_is_a_form_error(client, reviewer, world):
    client.force_login(reviewer)
    response = client.get(
        reverse("review:queue"), {"date_from": "2024-06-30", "date_to": "2024-06-01"}
    )
    assert response.status_code == 200
    assert "The end date comes before the start date." in response.content.decode()
    assert response.context["filters"].date_from.isoformat() == "2024-06-30"
    assert response.context["filters"].date_to is None


def test_stance_holders_are_not_listed_as_speakers(client, reviewer, world):
    client.force_login(reviewer)
    page = client.get(reverse("review:claim", args=[world["claim"].pk])).content.decode()
    said_by = page[page.index("Said by:") : page.index("</p>", page.index("Said by:"))]
    holders = page[
        page.index("Stance holders:") : page.index("</p>", page.index("Stance holders:"))
    ]
    assert "Pat Ryder" in said_by and "Lloyd Austin" not in said_by
    assert "Lloyd Austin" in holders


def test_the_export_form_ticks_ratings_and_hints_match_date_inputs(client, editor, world):
    client.force_login(editor)
    page = client.get(reverse("exports:index")).content.decode()
    assert 'type="checkbox" name="rating"' in page
    assert 'type="date" name="since"' in page
    assert "YYYY-MM-DD" not in page
