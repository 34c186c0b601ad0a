"""Speaker scorecards in the API (/api/v1/sources/<id>/scorecard/); the page at /sources/<id>/ is
tested with the review screens (tests/claims/review/views/test_sources.py)."""

import pytest

from claims.models import Verdict

pytestmark = pytest.mark.django_db

AUTH_QUERIES = 3  # token with user (1), user and group permissions (2)


def test_scorecard_api(api, speaker, django_assert_num_queries):
    # Source (1), claim and article counts (1), verdicts per rating (1), latest verdicts (1).
    with django_assert_num_queries(AUTH_QUERIES + 4):
        response = api.get(f"/api/v1/sources/{speaker.pk}/scorecard/")
    assert response.status_code == 200
    body = response.json()
    assert body["source"] == {
        "id": speaker.pk,
        "name": "Dmitry Peskov",
        "kind": "person",
        "role": "",
    }
    assert (body["claims"], body["articles"], body["published_verdicts"]) == (6, 3, 4)
    assert [(r["label"], r["value"], r["scale"], r["count"]) for r in body["ratings"]] == [
        ("False", 1, "truth", 2),
        ("Accurate", 5, "truth", 2),
    ]
    assert len(body["recent_verdicts"]) == 4
    assert set(body["recent_verdicts"][0]) == {
        "id",
        "claim",
        "rating",
        "summary",
        "published_at",
        "public_url",
    }
    assert Verdict.objects.filter(status="published").count() == 6
    again = api.get(f"/api/v1/sources/{speaker.pk}/scorecard/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_scorecard_of_missing_source_is_404(api):
    assert api.get("/api/v1/sources/424242/scorecard/").status_code == 404
