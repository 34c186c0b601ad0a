"""GET /api/v1/graph/ in JSON, GraphML and JSON-LD, with ETags and bounded queries."""

import io
import json

import networkx
import pytest

from tests.claims.api.samples import build_sample_article
from tests.factories import AttributionFactory, StanceFactory

pytestmark = pytest.mark.django_db

AUTH_QUERIES = 3  # token with user (1), user and group permissions (2)


@pytest.fixture
def sample():
    return build_sample_article()


def test_article_graph_json(api, sample):
    response = api.get("/api/v1/graph/", {"article": sample.article.pk})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"nodes", "edges", "truncated"}
    assert body["truncated"] is False
    types = {n["type"] for n in body["nodes"]}
    assert types == {"article", "claim", "source", "outlet"}
    for node in body["nodes"]:
        assert {"id", "type", "label"} <= set(node)
    ryder = f"source:{sample.sources['Pat Ryder'].pk}"
    austin = f"source:{sample.sources['Lloyd Austin'].pk}"
    chain = [e for e in body["edges"] if e["type"] == "reported_by"]
    assert [(e["source"], e["target"]) for e in chain] == [(ryder, austin)]
    assert {e["type"] for e in body["edges"]} == {
        "said",
        "appears_in",
        "reported_by",
        "relation",
        "affiliated_with",
        "published_by",
    }


def test_graph_query_count_is_bounded(api, sample, django_assert_max_num_queries):
    for _ in range(30):
        StanceFactory(claim=AttributionFactory(speaker=sample.sources["Dmitry Peskov"]).claim)
    # At most 4 queries per level (attributions, stances, relations, affiliations) for depth 3
    # plus the edge-only pass, and one per node type.
    with django_assert_max_num_queries(AUTH_QUERIES + 6 * 4 + 3):
        response = api.get("/api/v1/graph/", {"article": sample.article.pk, "depth": 3})
    assert len(response.json()["nodes"]) > 60


def test_graph_etag(api, sample):
    first = api.get("/api/v1/graph/", {"source": sample.sources["Pat Ryder"].pk})
    etag = first["ETag"]
    again = api.get(
        "/api/v1/graph/", {"source": sample.sources["Pat Ryder"].pk}, HTTP_IF_NONE_MATCH=etag
    )
    assert again.status_code == 304
    graphml = api.get(
        "/api/v1/graph/",
        {"source": sample.sources["Pat Ryder"].pk, "format": "graphml"},
        HTTP_IF_NONE_MATCH=etag,
    )
    assert graphml.status_code == 200, "a GraphML body is not the JSON one: its ETag differs"


def test_graph_headers_are_those_of_any_api_answer(api, sample):
    response = api.get("/api/v1/graph/", {"article": sample.article.pk})

    assert response["Content-Type"] == "application/json"
    assert "Accept" in response["Vary"]
    assert response["Cache-Control"] == "private, no-cache"
    assert response["ETag"].startswith('"')
    graphml = api.get("/api/v1/graph/", {"article": sample.article.pk, "format": "graphml"})
    assert graphml["Content-Type"] == "application/graphml+xml; charset=utf-8"
    jsonld = api.get("/api/v1/graph/", {"article": sample.article.pk, "format": "jsonld"})
    assert jsonld["Content-Type"] == "application/ld+json"


def test_graphml_format(api, sample):
    response = api.get("/api/v1/graph/", {"article": sample.article.pk, "format": "graphml"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/graphml+xml")
    graph = networkx.read_graphml(io.BytesIO(response.content))
    assert graph.nodes[f"source:{sample.sources['Dmitry Peskov'].pk}"]["label"] == "Dmitry Peskov"
    assert graph.has_edge(f"article:{sample.article.pk}", "outlet:RT")


def test_jsonld_format(api, sample):
    response = api.get(
        "/api/v1/graph/", {"claim": sample.relation.from_claim_id, "format": "jsonld"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    assert document["@context"]["@vocab"] == "https://schema.org/"
    claim = next(
        i
        for i in document["@graph"]
        if i["@type"] == "Claim" and i["identifier"] == f"claim:{sample.relation.from_claim_id}"
    )
    assert claim["@id"] == f"http://testserver/api/v1/claims/{sample.relation.from_claim_id}/"
    assert any(i.get("relation") == "contradicts" for i in document["@graph"])


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({}, 400, "Give at least one of article, claim, source or q."),
        ({"article": 1, "depth": 4}, 400, "less than or equal to 3"),
        ({"article": 1, "depth": 0}, 400, "greater than or equal to 1"),
        ({"article": "x"}, 400, "valid integer"),
        ({"article": 1, "limit": 10001}, 400, "less than or equal to 10000"),
        ({"article": 987654}, 404, "No article with id 987654"),
    ],
)
def test_bad_graph_parameters_get_a_clear_error(api, params, status, message):
    response = api.get("/api/v1/graph/", params)
    assert response.status_code == status
    assert message in response.content.decode()


def test_limit_sets_truncated(api, sample):
    body = api.get("/api/v1/graph/", {"article": sample.article.pk, "limit": 3}).json()
    assert body["truncated"] is True
    assert len([n for n in body["nodes"] if n["type"] != "outlet"]) <= 3


def test_search_graph(api, sample):
    body = api.get("/api/v1/graph/", {"q": "Peskov"}).json()
    assert f"source:{sample.sources['Dmitry Peskov'].pk}" in {n["id"] for n in body["nodes"]}


def test_an_unknown_format_is_a_400_listing_the_formats(api, sample):
    response = api.get("/api/v1/graph/", {"article": sample.article.pk, "format": "xml"})
    assert response.status_code == 400
    assert response.json() == {"format": ["Unknown format; use one of: json, graphml, jsonld."]}
