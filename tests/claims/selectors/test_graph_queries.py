"""The claim graph takes a fixed number of queries whatever its size, and sends ids as arrays."""

import pytest
from django.db import connection

from claims.selectors.graph import claim_graph
from tests.factories import ArticleFactory, AttributionFactory, SourceFactory, StanceFactory

pytestmark = pytest.mark.django_db


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
    # Per level: attributions, stances, relations, affiliations, variants, suggestions (6); then
    # articles, claims and sources (3); the last pass adds edges only (6 more).
    for article in (small, large):
        with django_assert_max_num_queries(6 * (depth + 1) + 3):
            graph = claim_graph(article_ids=[article.pk], depth=depth)
        assert len(graph.nodes) > 2


def test_ids_go_to_postgresql_as_one_typed_array(sample, django_assert_max_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite gets plain IN lists.")
    with django_assert_max_num_queries(6 * 2 + 3) as captured:
        claim_graph(article_ids=[sample.article.pk], depth=1)
    expansions = [q["sql"] for q in captured.captured_queries if "claims_attribution" in q["sql"]]
    assert expansions
    # bigint = ANY(bigint[]) can be hashed by the planner; psycopg alone would send int2[] here.
    for sql in expansions:
        assert "= ANY(" in sql
        assert "::bigint[])" in sql
        assert '_id" IN (' not in sql
