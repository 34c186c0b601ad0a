"""The claim graph selector on the sample article: nodes, edges, depth, limit and seeds."""

import pytest

from claims.models import Attribution, Claim
from claims.selectors.graph import GraphSeedNotFound, claim_graph
from claims.selectors.graph.frontier import GraphBuilder
from tests.claims.api.samples import SPEAKERS
from tests.factories import AttributionFactory, StanceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def edges_of(graph, edge_type):
    return [edge for edge in graph.edges if edge["type"] == edge_type]


def test_article_graph_has_every_speaker_and_what_they_said(sample):
    graph = claim_graph(article_ids=[sample.article.pk], depth=1)

    sources = {n["name"] for n in graph.nodes.values() if n["type"] == "source"}
    assert sources == SPEAKERS
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


def test_builder_adds_the_nodes_of_a_row_together_or_not_at_all():
    builder = GraphBuilder(limit=2)
    assert builder.reach([("claim", 1), ("source", 2)])
    assert not builder.reach([("claim", 1), ("source", 3)])
    assert builder.ids == {"article": set(), "claim": {1}, "source": {2}}
    assert builder.truncated


def test_variants_and_suggestions_are_edges(drifted):
    claim = drifted["claim"]
    graph = claim_graph(claim_ids=[claim.pk], depth=2)
    edges = {edge["id"]: edge for edge in graph.edges}
    variant = edges[f"variant_of:{drifted['variant'].pk}"]
    assert (variant["source"], variant["target"]) == (
        f"article:{drifted['variant'].article_id}",
        f"claim:{claim.pk}",
    )
    assert (variant["changes"], variant["severity"], variant["drift"]) == (
        ["qualifier_dropped"],
        "medium",
        True,
    )
    similar = edges[f"similar_to:{drifted['suggestion'].pk}"]
    assert (similar["source"], similar["target"], similar["similarity"]) == (
        f"claim:{drifted['similar'].claim_id}",
        f"claim:{claim.pk}",
        0.76,
    )
