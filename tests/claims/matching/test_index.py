"""The text index matching asks: pg_trgm's GIN index on PostgreSQL, an FTS5 trigram table on
SQLite kept in step with the claims (inserts, edits, deletions)."""

import pytest
from django.db import connection

from claims.matching.index import FTS_TABLE, PG_INDEX, candidate_ids
from claims.models import Claim
from claims.naming import normalize_claim_text
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

FLOODS = "We will protect about 3,000 homes along the Grey River before the winter floods arrive"


def lookup(*texts):
    return candidate_ids([normalize_claim_text(t) for t in texts], k=5)


def test_candidates_come_back_for_each_statement_in_order():
    floods = ClaimFactory(text=FLOODS)
    taxes = ClaimFactory(text="Taxes went up by 6 percent last year for every family")
    ClaimFactory(text="The zoo welcomed two panda cubs this spring")
    found = lookup(
        "Taxes rose 6 percent last year for families",
        "About 3,000 homes along the Grey River will be protected",
        "Nothing in common whatsoever",
    )
    assert found[0][0] == taxes.pk
    assert found[1][0] == floods.pk
    assert floods.pk not in found[2] and taxes.pk not in found[2]


def test_at_most_k_candidates():
    for n in range(8):
        ClaimFactory(text=f"{FLOODS} number {n}")
    assert len(candidate_ids([normalize_claim_text(FLOODS)], k=3)[0]) == 3


def test_one_query_for_a_chunk_of_statements(django_assert_num_queries):
    ClaimFactory(text=FLOODS)
    with django_assert_num_queries(1):
        lookup(*[f"{FLOODS} {n}" for n in range(40)])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's index")
def test_sqlite_index_follows_inserts_edits_and_deletes():
    claim = ClaimFactory(text=FLOODS)
    assert lookup(FLOODS)[0] == [claim.pk]
    claim.text = "The zoo welcomed two panda cubs this spring"
    claim.save()
    assert lookup(FLOODS)[0] == []
    assert lookup("two panda cubs")[0] == [claim.pk]
    Claim.objects.filter(pk=claim.pk).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
        assert cursor.fetchone()[0] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's index")
def test_postgresql_lookup_uses_the_trigram_index():
    ClaimFactory.create_batch(20)
    ClaimFactory(text=FLOODS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == ("pg_trgm",)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM claims_claim WHERE normalized_text %% %s",
            [normalize_claim_text(FLOODS)],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert PG_INDEX in plan
