"""The claim graph selector and its GraphML / JSON-LD forms, on the sample article."""

import io

import networkx
import pytest
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, transaction
from pyld import jsonld

from articles.models import Article
from claims.graph_formats import graph_to_graphml, graph_to_jsonld
from claims.models import Attribution, Claim
from claims.selectors.graph import GraphSeedNotFound, claim_graph
from claims.selectors.search import SEARCH_CONFIG, claim_search
from tests.claims.api.samples import build_sample_article
from tests.factories import (
    ArticleFactory,
    AttributionFactory,
    SourceFactory,
    StanceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    return build_sample_article()


def edges_of(graph, edge_type):
    return [edge for edge in graph.edges if edge["type"] == edge_type]


def test_article_graph_has_every_speaker_and_what_they_said(sample):
    graph = claim_graph(article_ids=[sample.article.pk], depth=1)

    sources = {n["name"] for n in graph.nodes.values() if n["type"] == "source"}
    assert sources == {
        "Lloyd Austin",
        "Pat Ryder",
        "Dmitry Peskov",
        "Andrey Belousov",
        "Russian Ministry of Defense",
        "Russian government",
    }
    said = {
        (graph.nodes[e["source"]]["name"], sample.article.text[e["span"][0] : e["span"][1]])
        for e in edges_of(graph, "said")
    }
    assert (
        "Dmitry Peskov",
        "We understand perfectly well who is behind this,",
    ) in said
    assert (
        "Russian government",
        "no amount of foreign aid can stop its troops in Ukraine",
    ) in said
    # Ten attributions from the annotation plus Austin's, reported by Ryder.
    assert len(said) == 11
    peskov = next(
        e
        for e in edges_of(graph, "said")
        if e["source"] == f"source:{sample.sources['Dmitry Peskov'].pk}"
    )
    assert peskov == {
        "id": f"said:{peskov['attribution']}",
        "type": "said",
        "source": f"source:{sample.sources['Dmitry Peskov'].pk}",
        "target": peskov["target"],
        "attribution": peskov["attribution"],
        "kind": "direct",
        "cue": "told reporters",
        "article": f"article:{sample.article.pk}",
        "span": peskov["span"],
        "speaker_mention": "Kremlin spokesman Dmitry Peskov",
        "subject": None,
        "reported_by": None,
        "confidence": 1.0,
        "review_state": "auto",
    }
    assert len(edges_of(graph, "appears_in")) == 10
    assert edges_of(graph, "published_by") == [
        {
            "id": f"published_by:{sample.article.pk}",
            "type": "published_by",
            "source": f"article:{sample.article.pk}",
            "target": "outlet:RT",
        }
    ]
    assert graph.truncated is False


def test_ryder_reports_austin(sample):
    graph = claim_graph(article_ids=[sample.article.pk])
    ryder = f"source:{sample.sources['Pat Ryder'].pk}"
    austin = f"source:{sample.sources['Lloyd Austin'].pk}"
    outer = sample.attributions[next(k for k in sample.attributions if k.startswith("emphasized"))]

    assert edges_of(graph, "reported_by") == [
        {
            "id": f"reported_by:{sample.ryder_inner.pk}",
            "type": "reported_by",
            "source": ryder,
            "target": austin,
            "attribution": sample.ryder_inner.pk,
            "reported_by": outer.pk,
            "claim": f"claim:{outer.claim_id}",
            "article": f"article:{sample.article.pk}",
        }
    ]
    ryder_said = next(e for e in edges_of(graph, "said") if e["attribution"] == outer.pk)
    assert ryder_said["subject"] == austin
    austin_said = next(
        e for e in edges_of(graph, "said") if e["attribution"] == sample.ryder_inner.pk
    )
    assert (austin_said["source"], austin_said["reported_by"]) == (austin, outer.pk)


def test_relations_and_affiliations_among_nodes_are_included(sample):
    graph = claim_graph(article_ids=[sample.article.pk])
    assert [(e["source"], e["target"], e["relation"]) for e in edges_of(graph, "relation")] == [
        (
            f"claim:{sample.relation.from_claim_id}",
            f"claim:{sample.relation.to_claim_id}",
            "contradicts",
        )
    ]
    belousov = sample.sources["Andrey Belousov"]
    assert [(e["source"], e["target"]) for e in edges_of(graph, "affiliated_with")] == [
        (f"source:{belousov.pk}", f"source:{belousov.affiliation_id}")
    ]


def test_depth_two_reaches_other_articles_of_the_same_speakers(sample):
    elsewhere = AttributionFactory(speaker=sample.sources["Dmitry Peskov"])
    stance = StanceFactory(claim=elsewhere.claim)

    near = claim_graph(article_ids=[sample.article.pk], depth=1)
    far = claim_graph(article_ids=[sample.article.pk], depth=2)
    farther = claim_graph(article_ids=[sample.article.pk], depth=3)

    assert f"article:{elsewhere.article_id}" not in near.nodes
    assert f"article:{elsewhere.article_id}" in far.nodes
    assert f"claim:{elsewhere.claim_id}" in far.nodes
    # The stance's source is three hops away: article, Peskov, his other claim, its stance.
    assert f"source:{stance.source_id}" not in far.nodes
    assert [e["stance"] for e in edges_of(farther, "stance")] == ["supports"]


def test_claim_node_carries_its_published_verdict(sample):
    claim = sample.relation.from_claim
    verdict = VerdictFactory(claim=claim, status="published", published_at="2024-06-27T10:00Z")
    graph = claim_graph(claim_ids=[claim.pk])
    node = graph.nodes[f"claim:{claim.pk}"]
    assert (node["verdict"], node["rating"]) == (verdict.pk, verdict.rating.label)
    assert node["text"] == claim.text


def test_rejected_attributions_and_claims_are_left_out(sample):
    rejected = sample.attributions[next(k for k in sample.attributions if k.startswith("We "))]
    rejected.review_state = Attribution.ReviewState.REJECTED
    rejected.save()
    Claim.objects.filter(pk=sample.relation.to_claim_id).update(status=Claim.Status.REJECTED)

    graph = claim_graph(article_ids=[sample.article.pk])

    assert f"source:{rejected.speaker_id}" not in graph.nodes
    assert f"claim:{sample.relation.to_claim_id}" not in graph.nodes
    assert edges_of(graph, "relation") == []


def test_limit_truncates_and_keeps_edges_between_kept_nodes(sample):
    graph = claim_graph(article_ids=[sample.article.pk], limit=5)
    assert graph.truncated is True
    kept = [n for n in graph.nodes.values() if n["type"] != "outlet"]
    assert len(kept) <= 5
    for edge in graph.edges:
        assert edge["source"] in graph.nodes
        assert edge["target"] in graph.nodes


def test_text_search_seeds_claims_matching_in_claim_or_article_text(sample):
    unrelated = AttributionFactory()

    graph = claim_graph(text="ATACMS missiles")

    claims = {n["pk"] for n in graph.nodes.values() if n["type"] == "claim"}
    # The article mentions ATACMS, so every claim it carries matches through the article text.
    assert claims == {claim.pk for claim in sample.claims.values()}
    assert f"claim:{unrelated.claim_id}" not in graph.nodes
    assert claim_graph(text="budget grew").nodes.keys() >= {f"claim:{unrelated.claim_id}"}


def test_missing_seed_is_an_error():
    with pytest.raises(GraphSeedNotFound, match="No article with id 999"):
        claim_graph(article_ids=[999])


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_query_count_does_not_grow_with_the_graph(django_assert_max_num_queries, depth):
    def build(size):
        article = ArticleFactory()
        speaker = SourceFactory(affiliation=SourceFactory())
        for _ in range(size):
            attribution = AttributionFactory(article=article, speaker=speaker)
            StanceFactory(claim=attribution.claim)
        return article

    small, large = build(2), build(40)
    # Per level: attributions, stances, relations, affiliations (4); then articles, claims and
    # sources (3); the last pass adds edges only (4 more).
    for article in (small, large):
        with django_assert_max_num_queries(4 * (depth + 1) + 3):
            graph = claim_graph(article_ids=[article.pk], depth=depth)
        assert len(graph.nodes) > 2


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


def test_full_text_indexes_exist_and_match_the_search_expression():
    if connection.vendor != "postgresql":
        pytest.skip("The full-text GIN indexes are created on PostgreSQL only.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexname IN (%s, %s)",
            ["claims_claim_text_search", "articles_article_text_search"],
        )
        definitions = dict(cursor.fetchall())
    expression = "to_tsvector('english'::regconfig, COALESCE(text, ''::text))"
    assert set(definitions) == {"claims_claim", "articles_article"}
    for definition in definitions.values():
        assert "USING gin" in definition
        assert expression in definition

    # The test tables are tiny, so the planner would scan them anyway; with sequential scans
    # priced out, it picks an index only if the search expression is exactly the indexed one.
    # Each table is checked on its own: how the planner joins the two halves of claim_search
    # depends on the statistics other tests leave behind.
    query = SearchQuery("tariff", config=SEARCH_CONFIG, search_type="websearch")
    for model, index in [
        (Claim, "claims_claim_text_search"),
        (Article, "articles_article_text_search"),
    ]:
        searched = model.objects.annotate(
            _search=SearchVector("text", config=SEARCH_CONFIG)
        ).filter(_search=query)
        sql, params = searched.values("pk").query.sql_with_params()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan
    assert claim_search(text="tariff").count() == 0  # the selector runs on those expressions


def test_ids_go_to_postgresql_as_one_typed_array(sample, django_assert_max_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite gets plain IN lists.")
    with django_assert_max_num_queries(4 * 2 + 3) as captured:
        claim_graph(article_ids=[sample.article.pk], depth=1)
    expansions = [q["sql"] for q in captured.captured_queries if "claims_attribution" in q["sql"]]
    assert expansions
    # bigint = ANY(bigint[]) can be hashed by the planner; psycopg alone would send int2[] here.
    for sql in expansions:
        assert "= ANY(" in sql
        assert "::bigint[])" in sql
        assert '_id" IN (' not in sql
