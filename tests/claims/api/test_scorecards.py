"""Speaker scorecards in the API (/api/v1/sources/<id>/scorecard/) and on /sources/<id>/."""

import pytest
from django.utils import timezone

from claims.models import Attribution, Claim, Verdict
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    RatingFactory,
    RatingScaleFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

AUTH_QUERIES = 3  # token with user (1), user and group permissions (2)


@pytest.fixture
def speaker():
    """A speaker with six claims in three articles: four with a published verdict."""
    source = SourceFactory(name="Dmitry Peskov")
    scale = RatingScaleFactory(slug="truth")
    false = RatingFactory(scale=scale, label="False", value=1)
    accurate = RatingFactory(scale=scale, label="Accurate", value=5)
    first = AttributionFactory(speaker=source)
    AttributionFactory(speaker=source, article=first.article)
    second = AttributionFactory(speaker=source)
    third = AttributionFactory(speaker=source, article=second.article)
    now = timezone.now()
    VerdictFactory(claim=first.claim, rating=false, status="published", published_at=now)
    VerdictFactory(claim=second.claim, rating=false, status="published", published_at=now)
    VerdictFactory(claim=third.claim, rating=accurate, status="published", published_at=now)
    # Neither a draft nor a claim someone else said counts; a merged duplicate counts as its survivor.
    VerdictFactory(claim=AttributionFactory(speaker=source).claim, rating=accurate)
    VerdictFactory(rating=accurate, status="published", published_at=now)
    rejected = AttributionFactory(speaker=source, review_state=Attribution.ReviewState.REJECTED)
    VerdictFactory(claim=rejected.claim, rating=false, status="published", published_at=now)
    survivor = ClaimFactory()
    VerdictFactory(claim=survivor, rating=accurate, status="published", published_at=now)
    duplicate = ClaimFactory(status=Claim.Status.MERGED, canonical=survivor)
    AttributionFactory(speaker=source, claim=duplicate, article=first.article)
    return source


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


def test_source_page_for_staff(client, speaker):
    client.force_login(UserFactory(groups=["Reviewer"]))
    response = client.get(f"/sources/{speaker.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dmitry Peskov" in page
    assert '<strong data-testid="published-verdicts">4</strong>' in page
    assert "False (1)" in page


def test_source_page_refuses_api_clients_and_redirects_anonymous(client, speaker):
    response = client.get(f"/sources/{speaker.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    client.force_login(UserFactory(groups=["API client"]))
    assert client.get(f"/sources/{speaker.pk}/").status_code == 403


def test_source_page_404(client):
    client.force_login(UserFactory(groups=["Editor"]))
    assert client.get("/sources/999999/").status_code == 404
