"""The index matching asks: MinHash bands of the match key under a GIN index on PostgreSQL, an
FTS5 trigram table on SQLite kept in step with the claims (inserts, edits, deletions)."""

import pytest
from django.db import connection

from claims.matching.index import (
    FTS_TABLE,
    PG_BANDS,
    PG_INDEX,
    candidate_ids,
    fill_match_keys,
)
from claims.matching.words import match_key
from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

FLOODS = "We will protect about 3,000 homes along the Grey River before the winter floods arrive"


def lookup(*texts):
    return candidate_ids([match_key(t) for t in texts], k=5)


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
    assert len(candidate_ids([match_key(FLOODS)], k=3)[0]) == 3


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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bands are PostgreSQL's index")
def test_postgresql_lookup_uses_the_band_index():
    ClaimFactory.create_batch(20)
    ClaimFactory(text=FLOODS)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM claims_claim WHERE {PG_BANDS}(match_key) && {PG_BANDS}(%s)",
            [match_key(FLOODS)],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert PG_INDEX in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bands are PostgreSQL's index")
def test_bands_are_twenty_four_and_depend_on_the_words_only():
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {PG_BANDS}(%s), {PG_BANDS}(%s), {PG_BANDS}(%s), {PG_BANDS}('')",
            ["river flood warn citi", "citi warn  flood river river", "zoo panda cub spring"],
        )
        ordered, shuffled, other, empty = cursor.fetchone()
    assert len(ordered) == 24
    assert ordered == shuffled  # a set of words: order and repeats do not count
    assert not set(ordered) & set(other)
    assert empty == []


def test_a_statement_sharing_most_words_is_a_candidate_and_an_unrelated_one_is_not():
    claim = ClaimFactory(text=FLOODS)
    ClaimFactory(text="The zoo welcomed two panda cubs this spring")
    reworded = FLOODS.replace("before the winter floods arrive", "before winter floods come")
    assert lookup(reworded)[0][0] == claim.pk
    assert lookup("Parliament voted on the budget tonight")[0] == []


def test_claims_stored_without_a_key_get_one_after_migrate():
    claim = ClaimFactory(text=FLOODS)
    Claim.objects.filter(pk=claim.pk).update(match_key="")
    assert lookup(FLOODS)[0] == []
    assert fill_match_keys(connection) == 1
    assert lookup(FLOODS)[0] == [claim.pk]
    assert fill_match_keys(connection) == 0
