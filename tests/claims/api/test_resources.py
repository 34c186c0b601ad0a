"""Claims, sources, attributions, verdicts, stances and evidence under /api/v1/."""

import pytest
from django.utils import timezone

from claims.api.serializers import ClaimSerializer
from claims.api.views import ClaimViewSet
from claims.models import Attribution, Claim, Verdict
from factcheck.api_renderers import JSONRenderer
from tests.claims.api.samples import build_sample_article
from tests.factories import (
    ArticleFactory,
    AttributionFactory,
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    SourceFactory,
    StanceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

# Every authenticated request by token: the token with its user (1), then the user's own and
# group permissions (2) for the permission check.
AUTH_QUERIES = 3

ENDPOINTS = [
    "/api/v1/claims/",
    "/api/v1/sources/",
    "/api/v1/attributions/",
    "/api/v1/verdicts/",
    "/api/v1/stances/",
    "/api/v1/evidence/",
    "/api/v1/graph/?claim=1",
    "/api/v1/webhooks/",
]


def published_verdict(claim, **kwargs):
    return VerdictFactory(
        claim=claim, status=Verdict.Status.PUBLISHED, published_at=timezone.now(), **kwargs
    )


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_gets_401(anonymous, url):
    response = anonymous.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("url", ENDPOINTS)
def test_user_without_a_role_gets_403(no_role_api, url):
    assert no_role_api.get(url).status_code == 403


@pytest.mark.parametrize("url", ENDPOINTS[:6])
def test_api_clients_cannot_write(api, url):
    assert api.post(url, {}, format="json").status_code == 403
    assert api.delete(f"{url}1/").status_code == 403


def test_claim_list_shape_with_appearances_speakers_and_published_verdict(api):
    sample = build_sample_article()
    claim = sample.attributions[
        next(k for k in sample.attributions if k.startswith("emphasized"))
    ].claim
    verdict = published_verdict(claim, rating=RatingFactory(label="Accurate", value=5))

    response = api.get("/api/v1/claims/", {"article": sample.article.pk, "page_size": 50})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    assert len(body["results"]) == 10
    item = next(c for c in body["results"] if c["id"] == claim.pk)
    assert item == {
        "id": claim.pk,
        "text": claim.text,
        "status": claim.status,
        "canonical": None,
        "checkworthiness": claim.checkworthiness,
        # Checked below.
        "appearances": item["appearances"],
        "speakers": item["speakers"],
        "verdict": item["verdict"],
        "created_at": claim.created_at.isoformat().replace("+00:00", "Z"),
        "updated_at": claim.updated_at.isoformat().replace("+00:00", "Z"),
    }
    assert [s["name"] for s in item["speakers"]] == ["Pat Ryder", "Lloyd Austin"]
    ryder = item["appearances"][0]
    assert ryder["article"] == {
        "id": sample.article.pk,
        "title": sample.article.title,
        "outlet": "RT",
        "url": sample.article.url,
        "published_at": ryder["article"]["published_at"],
    }
    assert sample.article.text[ryder["content_start"] : ryder["content_end"]] == ryder["content"]
    assert item["appearances"][1]["reported_by"] == ryder["attribution"]
    assert item["verdict"] == {
        "id": verdict.pk,
        "rating": {
            "id": verdict.rating.pk,
            "label": "Accurate",
            "value": 5,
            "scale": verdict.rating.scale.slug,
            "worst": 1,
            "best": 5,
        },
        "summary": verdict.summary,
        "published_at": item["verdict"]["published_at"],
        "public_url": "",
    }
    others = [c for c in body["results"] if c["id"] != claim.pk]
    assert all(c["verdict"] is None for c in others)


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_claim_list_rows_give_what_the_model_serializers_give(
    settings, django_assert_num_queries, zone
):
    settings.TIME_ZONE = zone
    sample = build_sample_article()
    survivor = next(iter(sample.attributions.values())).claim
    merged = AttributionFactory(
        article=ArticleFactory(published_at=None),
        speaker=None,
        claim=ClaimFactory(canonical=survivor, status=Claim.Status.MERGED, checkworthiness=0.8125),
    ).claim
    AttributionFactory(claim=merged, review_state=Attribution.ReviewState.REJECTED)
    published_verdict(survivor, public_url="https://example.org/v/1")
    published_verdict(merged, rating=RatingFactory(label="Accurate", value=5))
    VerdictFactory(claim=ClaimFactory())
    ClaimFactory()
    order = ("-created_at", "-id")
    view = ClaimViewSet()
    view.action = "retrieve"  # the model serializers' way: lists prefetched onto each claim
    prefetched = list(view.get_queryset().order_by(*order))
    plain = list(Claim.objects.order_by(*order))

    # The appearances with article and speaker (1), the published verdicts with rating (1).
    with django_assert_num_queries(2):
        rows = ClaimSerializer(plain, many=True).data
    models = ClaimSerializer(prefetched, many=True).data

    assert JSONRenderer().render(rows) == JSONRenderer().render(models)
    assert len(rows) == Claim.objects.count()
    assert sum(item["verdict"] is not None for item in rows) == 2
    assert any(item["canonical"] == survivor.pk for item in rows)
    assert any(a["speaker"] is None for item in rows for a in item["appearances"])
    assert any(a["reported_by"] for item in rows for a in item["appearances"])


def test_a_detail_is_filtered_by_the_query_parameters_given_only(api):
    attribution = AttributionFactory()
    url = f"/api/v1/claims/{attribution.claim_id}/"
    assert api.get(url).status_code == 200
    assert api.get(url, {"article": attribution.article_id}).status_code == 200
    assert api.get(url, {"article": ArticleFactory().pk}).status_code == 404


def test_draft_verdicts_are_not_shown_on_claims(api):
    claim = AttributionFactory().claim
    VerdictFactory(claim=claim)
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["verdict"] is None


def test_claim_list_query_count_is_constant(api, django_assert_num_queries):
    for _ in range(5):
        attribution = AttributionFactory()
        AttributionFactory(claim=attribution.claim)
        published_verdict(attribution.claim)
    # Claims page (1), their appearances with article and speaker (1), published verdicts with
    # rating and scale (1).
    with django_assert_num_queries(AUTH_QUERIES + 3):
        response = api.get("/api/v1/claims/")
    assert len(response.json()["results"]) == 5


def test_claim_filters(api):
    sample = build_sample_article()
    peskov = sample.sources["Dmitry Peskov"]
    other = AttributionFactory(
        article=ArticleFactory(outlet="Other Times", published_at=timezone.now())
    )
    rated = published_verdict(other.claim, rating=RatingFactory(label="Mostly false", value=2))

    def ids(**params):
        response = api.get("/api/v1/claims/", {"page_size": 100, **params})
        assert response.status_code == 200, response.content
        return {c["id"] for c in response.json()["results"]}

    assert ids(speaker=peskov.pk) == {
        sample.claims["We understand perfectly well who is behind this,"].pk
    }
    assert ids(outlet="other times") == {other.claim_id}
    assert ids(outlet="RT") == {c.pk for c in sample.claims.values()}
    assert ids(rating="mostly FALSE") == {rated.claim_id}
    assert ids(status="candidate") == {other.claim_id}
    assert ids(published_after=timezone.now().date().isoformat()) >= {other.claim_id}
    assert ids(published_before="2000-01-01") == set()
    assert ids(q="cluster munitions") == {c.pk for c in sample.claims.values()}
    assert ids(q="unemployment") == {other.claim_id}
    assert api.get("/api/v1/claims/", {"published_after": "yesterday"}).status_code == 400
    assert api.get("/api/v1/claims/", {"status": "nonsense"}).status_code == 400


def test_cursor_pagination_walks_every_claim_once(api):
    claims = {ClaimFactory().pk for _ in range(7)}
    seen = []
    url = "/api/v1/claims/?page_size=3"
    while url:
        body = api.get(url).json()
        assert len(body["results"]) <= 3
        seen.extend(c["id"] for c in body["results"])
        url = body["next"]
    assert sorted(seen) == sorted(claims)
    assert api.get("/api/v1/claims/?cursor=garbage").status_code == 404


def test_detail_etag_and_if_none_match(api):
    claim = AttributionFactory().claim
    first = api.get(f"/api/v1/claims/{claim.pk}/")
    assert first.status_code == 200
    etag = first["ETag"]

    again = api.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    claim.text = "Unemployment rose"
    claim.save()
    changed = api.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_missing_detail_is_404(api):
    assert api.get("/api/v1/claims/999999/").status_code == 404
    assert api.get("/api/v1/claims/abc/").status_code == 404


def test_sources_list_shape_filters_and_queries(api, django_assert_num_queries):
    government = SourceFactory(name="Russian government", kind="government")
    peskov = SourceFactory(name="Dmitry Peskov", role="Kremlin spokesman", affiliation=government)
    peskov.aliases.create(alias="Kremlin spokesman Dmitry Peskov")
    SourceFactory(name="Lloyd Austin")

    # Sources page with affiliation (1), their aliases (1).
    with django_assert_num_queries(AUTH_QUERIES + 2):
        response = api.get("/api/v1/sources/")
    names = [s["name"] for s in response.json()["results"]]
    assert names == ["Dmitry Peskov", "Lloyd Austin", "Russian government"]
    item = response.json()["results"][0]
    assert item == {
        "id": peskov.pk,
        "name": "Dmitry Peskov",
        "kind": "person",
        "role": "Kremlin spokesman",
        "affiliation": {
            "id": government.pk,
            "name": "Russian government",
            "kind": "government",
            "role": "",
        },
        "disambiguation": "",
        "description": "",
        "url": "",
        "aliases": ["Kremlin spokesman Dmitry Peskov"],
        "created_at": item["created_at"],
        "updated_at": item["updated_at"],
    }
    kinds = api.get("/api/v1/sources/", {"kind": "government"}).json()["results"]
    assert [s["id"] for s in kinds] == [government.pk]
    by_alias = api.get("/api/v1/sources/", {"q": "kremlin spokes"}).json()["results"]
    assert [s["id"] for s in by_alias] == [peskov.pk]


def test_attributions_list_filters_and_queries(api, django_assert_num_queries):
    sample = build_sample_article()
    AttributionFactory()
    # Attributions page with speaker (1).
    with django_assert_num_queries(AUTH_QUERIES + 1):
        response = api.get(
            "/api/v1/attributions/", {"article": sample.article.pk, "page_size": 100}
        )
    results = response.json()["results"]
    assert len(results) == 11
    inner = next(a for a in results if a["id"] == sample.ryder_inner.pk)
    assert inner["reported_by"] == sample.ryder_inner.reported_by_id
    assert inner["speaker"]["name"] == "Lloyd Austin"
    assert sample.article.text[inner["content_start"] : inner["content_end"]] == inner["content"]
    direct = api.get("/api/v1/attributions/", {"kind": "direct", "article": sample.article.pk})
    assert {a["cue"] for a in direct.json()["results"]} == {"told reporters", "said"}


def test_attributions_carry_and_filter_by_their_cue_kind(api):
    said = AttributionFactory(cue="said", cue_kind="speech")
    believed = AttributionFactory(cue="believes", cue_kind="belief")
    AttributionFactory(cue="", cue_kind="", speaker=None, kind="unattributed")

    beliefs = api.get("/api/v1/attributions/", {"cue_kind": "belief"}).json()["results"]
    assert [(a["id"], a["cue"], a["cue_kind"]) for a in beliefs] == [
        (believed.pk, "believes", "belief")
    ]
    both = api.get("/api/v1/attributions/", {"cue_kind": ["belief", "speech"]}).json()
    assert {a["id"] for a in both["results"]} == {said.pk, believed.pk}
    claim = api.get(f"/api/v1/claims/{said.claim_id}/").json()
    assert [a["cue_kind"] for a in claim["appearances"]] == ["speech"]
    bad = api.get("/api/v1/attributions/", {"cue_kind": "rumour"})
    assert bad.status_code == 400 and "cue_kind" in bad.json()


def test_api_clients_see_published_verdicts_only(api, editor_api, django_assert_num_queries):
    published = published_verdict(ClaimFactory())
    draft = VerdictFactory()
    evidence = EvidenceFactory(claim=published.claim)
    published.evidence.add(evidence)

    # Verdicts page with claim, rating and scale (1), their evidence ids (1).
    with django_assert_num_queries(AUTH_QUERIES + 2):
        response = api.get("/api/v1/verdicts/")
    assert [v["id"] for v in response.json()["results"]] == [published.pk]
    item = response.json()["results"][0]
    assert item["claim"] == {"id": published.claim_id, "text": published.claim.text}
    assert item["evidence"] == [evidence.pk]
    assert item["status"] == "published"
    assert api.get(f"/api/v1/verdicts/{draft.pk}/").status_code == 404

    seen_by_editor = {v["id"] for v in editor_api.get("/api/v1/verdicts/").json()["results"]}
    assert seen_by_editor == {published.pk, draft.pk}


def test_stances_and_evidence(api, django_assert_num_queries):
    stance = StanceFactory(stance="refutes")
    StanceFactory()
    evidence = EvidenceFactory(claim=stance.claim)

    # Stances page with source (1).
    with django_assert_num_queries(AUTH_QUERIES + 1):
        response = api.get("/api/v1/stances/", {"stance": "refutes"})
    assert response.json()["results"] == [
        {
            "id": stance.pk,
            "source": {
                "id": stance.source_id,
                "name": stance.source.name,
                "kind": "person",
                "role": "",
            },
            "claim": stance.claim_id,
            "stance": "refutes",
            "basis": "",
            "attribution": None,
            "evidence": None,
            "created_at": response.json()["results"][0]["created_at"],
        }
    ]
    # Evidence page (1).
    with django_assert_num_queries(AUTH_QUERIES + 1):
        response = api.get("/api/v1/evidence/", {"claim": stance.claim_id})
    assert [e["id"] for e in response.json()["results"]] == [evidence.pk]
    assert response.json()["results"][0]["url"] == evidence.url


def test_throttle_is_per_token(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "2/minute", "graph": "100/minute"},
    }
    assert api.get("/api/v1/sources/").status_code == 200
    assert api.get("/api/v1/sources/").status_code == 200
    assert api.get("/api/v1/sources/").status_code == 429
    from tests.claims.api.conftest import token_client
    from tests.factories import UserFactory

    other = token_client(UserFactory(username="other-bot", groups=["API client"]))
    assert other.get("/api/v1/sources/").status_code == 200


def test_session_auth_works_for_the_browsable_api(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(groups=["Reviewer"]))
    response = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"Claim List" in response.content
