"""The API's view of matching: a claim's variants with their word diff, its suggestions, and the
drift across outlets, filterable and newest first."""

import pytest
from django.urls import reverse

from claims.models import ClaimVariant
from tests.factories import ArticleFactory, SourceFactory, said

pytestmark = pytest.mark.django_db

AUTH_QUERIES = 3  # token with user (1), user and group permissions (2)


def test_claim_detail_lists_variants_with_their_diff(api, drifted, django_assert_num_queries):
    url = reverse("claims_api:claim-detail", args=[drifted["claim"].pk])
    with django_assert_num_queries(AUTH_QUERIES + 4):
        body = api.get(url).json()
    [variant] = body["variants"]
    assert variant["attribution"] == drifted["variant"].pk
    assert variant["base"] == drifted["original"].pk
    assert (variant["outlet"], variant["speaker"]["name"]) == ("Outlet B", "Jane Porter")
    assert variant["words"] == drifted["variant"].content
    assert ["delete", "about"] in variant["diff"]
    assert {op for op, _text in variant["diff"]} <= {"equal", "insert", "delete"}
    assert (variant["changes"], variant["severity"], variant["is_drift"]) == (
        ["qualifier_dropped"],
        "medium",
        True,
    )


def test_the_claims_list_has_no_variants(api, drifted):
    body = api.get(reverse("claims_api:claim-list")).json()
    assert all("variants" not in claim for claim in body["results"])


def test_similar_lists_open_suggestions_either_way_round(api, drifted):
    for claim in (drifted["claim"], drifted["similar"].claim):
        body = api.get(reverse("claims_api:claim-similar", args=[claim.pk])).json()
        [suggestion] = body
        assert suggestion["similar"]["id"] == drifted["claim"].pk
        assert suggestion["claim"]["id"] == drifted["similar"].claim_id
        assert (suggestion["similarity"], suggestion["reasons"]) == (0.76, ["similarity 0.76"])


def test_similar_of_a_missing_claim_is_404(api):
    assert api.get(reverse("claims_api:claim-similar", args=[999999])).status_code == 404


def test_drift_lists_altered_quotes_newest_first_with_filters(api, drifted):
    newer_speaker = SourceFactory(name="Sam Ortiz")
    article = ArticleFactory(text="Ortiz said taxes will not rise.", outlet="Outlet Z")
    newer = said(article, "taxes will not rise", speaker=newer_speaker)
    ClaimVariant.objects.create(
        attribution=newer,
        claim=newer.claim,
        base=drifted["original"],
        diff=[["insert", "not"]],
        changes=["negation"],
        severity="high",
        severity_rank=3,
        is_drift=True,
    )
    url = reverse("claims_api:drift-list")
    body = api.get(url).json()
    assert [v["attribution"] for v in body["results"]] == [newer.pk, drifted["variant"].pk]
    assert body["results"][1]["claim"]["id"] == drifted["claim"].pk
    by_speaker = api.get(url, {"speaker": drifted["speaker"].pk}).json()["results"]
    assert [v["attribution"] for v in by_speaker] == [drifted["variant"].pk]
    by_outlet = api.get(url, {"outlet": "outlet z"}).json()["results"]
    assert [v["attribution"] for v in by_outlet] == [newer.pk]
    by_severity = api.get(url, {"severity": "medium"}).json()["results"]
    assert [v["attribution"] for v in by_severity] == [drifted["variant"].pk]


@pytest.mark.parametrize("query", [{"severity": "huge"}, {"speaker": "x"}, {"speaker": "0"}])
def test_bad_drift_filters_are_400(api, query):
    assert api.get(reverse("claims_api:drift-list"), query).status_code == 400


def test_drift_needs_a_login(client):
    assert client.get(reverse("claims_api:drift-list")).status_code in (401, 403)
