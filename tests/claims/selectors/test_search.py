"""Full-text search of claims: the GIN indexes PostgreSQL searches with, and the selector on them."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, transaction

from articles.models import Article
from claims.models import Claim
from claims.selectors.search import SEARCH_CONFIG, claim_search

pytestmark = pytest.mark.django_db


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
