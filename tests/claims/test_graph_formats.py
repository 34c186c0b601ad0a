"""The claim graph written as GraphML and JSON-LD, read back by networkx and a JSON-LD processor."""

import io

import networkx
import pytest
from pyld import jsonld

from claims.graph_formats import graph_to_graphml, graph_to_jsonld
from claims.selectors.graph import claim_graph
from tests.claims.api.samples import build_sample_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    return build_sample_article()


def test_graphml_reads_back_in_networkx(sample):
    graph = claim_graph(article_ids=[sample.article.pk]).as_dict()

    read = networkx.read_graphml(io.BytesIO(graph_to_graphml(graph)))

    assert isinstance(read, networkx.DiGraph)
    assert read.number_of_nodes() == len(graph["nodes"])
    ryder = f"source:{sample.sources['Pat Ryder'].pk}"
    assert read.nodes[ryder]["label"] == "Pat Ryder"
    assert read.nodes[ryder]["type"] == "source"
    assert read.nodes[f"article:{sample.article.pk}"]["pk"] == sample.article.pk
    said = [data for _, target, data in read.out_edges(ryder, data=True) if data["type"] == "said"]
    assert said[0]["kind"] == "mixed"
    assert said[0]["cue"] == "said"
    # networkx keeps one edge per pair in a DiGraph: compare distinct pairs.
    pairs = {(e["source"], e["target"]) for e in graph["edges"]}
    assert read.number_of_edges() == len(pairs)


def test_jsonld_expands_with_schema_org_types(sample):
    graph = claim_graph(article_ids=[sample.article.pk]).as_dict()

    document = graph_to_jsonld(graph, base_url="https://desk.example.org/")
    expanded = jsonld.expand(document)

    (top,) = expanded
    assert top["@type"] == ["https://factcheck.example.org/ns/graph#ClaimGraph"]
    types = {t for item in top["@graph"] for t in item["@type"]}
    assert "https://schema.org/Claim" in types
    assert "https://schema.org/Person" in types
    assert "https://schema.org/NewsArticle" in types
    assert "https://factcheck.example.org/ns/graph#Edge" in types
    article = next(i for i in document["@graph"] if i.get("@type") == "NewsArticle")
    assert article["@id"] == f"https://desk.example.org/api/v1/articles/{sample.article.pk}/"
    said = next(i for i in document["@graph"] if i.get("edgeType") == "said")
    assert said["from"].startswith("https://desk.example.org/api/v1/sources/")
    assert said["to"].startswith("https://desk.example.org/api/v1/claims/")
