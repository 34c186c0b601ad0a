"""The text index matching asks for candidates, never scanning the claims table.

PostgreSQL: a ``pg_trgm`` GIN index over ``claims_claim.normalized_text`` (migration 0011), asked
with the ``%`` similarity operator (pg_trgm's default threshold, 0.3: paraphrases share about a
third of their trigrams), one LATERAL sub-query per statement in a single query.

SQLite: an FTS5 table with the trigram tokenizer (``claims_claim_trigram``, rowid = claim id),
kept in step with ``claims_claim`` by triggers, asked with the statement's distinctive words
OR-ed together and ranked by bm25; one UNION ALL query per ``CHUNK`` statements. The triggers are
re-installed after every ``migrate`` (SQLite drops a table's triggers when a migration rebuilds it).
"""

from collections.abc import Sequence

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from claims.matching.words import STOP, tokens

FTS_TABLE = "claims_claim_trigram"
PG_INDEX = "claims_claim_normalized_trgm"
CHUNK = 50
# The most distinctive (longest) words of a statement that the SQLite index is asked for.
_QUERY_WORDS = 12

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(normalized_text, "
    "tokenize='trigram')",
    f"INSERT INTO {FTS_TABLE}(rowid, normalized_text) SELECT id, normalized_text FROM claims_claim",
]
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_insert AFTER INSERT ON claims_claim BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, normalized_text) VALUES (NEW.id, NEW.normalized_text); END",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_update "
    "AFTER UPDATE OF normalized_text ON claims_claim BEGIN "
    f"UPDATE {FTS_TABLE} SET normalized_text = NEW.normalized_text WHERE rowid = OLD.id; END",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_delete AFTER DELETE ON claims_claim BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = OLD.id; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS claims_claim_trigram_insert",
    "DROP TRIGGER IF EXISTS claims_claim_trigram_update",
    "DROP TRIGGER IF EXISTS claims_claim_trigram_delete",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
POSTGRES_CREATE = [
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON claims_claim "
    "USING gin (normalized_text gin_trgm_ops)",
]
POSTGRES_DROP = [f"DROP INDEX IF EXISTS {PG_INDEX}"]


def install_index_triggers(db: BaseDatabaseWrapper) -> None:
    """SQLite: (re)create the triggers keeping the FTS5 table in step, once it exists."""
    if db.vendor != "sqlite" or FTS_TABLE not in db.introspection.table_names():
        return
    with db.cursor() as cursor:
        for statement in SQLITE_TRIGGERS:
            cursor.execute(statement)


def _fts_query(normalized: str) -> str:
    words = {w for w in tokens(normalized) if len(w) >= 3 and w not in STOP}
    chosen = sorted(words, key=lambda w: (-len(w), w))[:_QUERY_WORDS]
    return " OR ".join(f'"{w}"' for w in chosen)


def _sqlite_candidates(texts: Sequence[str], k: int) -> list[tuple[int, int]]:
    parts: list[str] = []
    params: list[int | str] = []
    for index, text in enumerate(texts):
        query = _fts_query(text)
        if not query:
            continue
        parts.append(
            f"SELECT * FROM (SELECT %s, rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            "ORDER BY rank LIMIT %s)"
        )
        params += [index, query, k]
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [(int(i), int(claim_id)) for i, claim_id in cursor.fetchall()]


def _postgres_candidates(texts: Sequence[str], k: int) -> list[tuple[int, int]]:
    sql = (
        "SELECT q.idx, c.id FROM unnest(%s::int[], %s::text[]) AS q(idx, text) "
        "CROSS JOIN LATERAL (SELECT id FROM claims_claim "
        "WHERE normalized_text %% q.text AND status <> 'rejected' "
        "ORDER BY similarity(normalized_text, q.text) DESC, id LIMIT %s) AS c"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(range(len(texts))), list(texts), k])
        return [(int(i), int(claim_id)) for i, claim_id in cursor.fetchall()]


def candidate_ids(normalized_texts: Sequence[str], *, k: int) -> list[list[int]]:
    """For each normalized statement, the ids of up to ``k`` claims the index finds closest."""
    found: list[list[int]] = [[] for _ in normalized_texts]
    lookup = _postgres_candidates if connection.vendor == "postgresql" else _sqlite_candidates
    for start in range(0, len(normalized_texts), CHUNK):
        chunk = normalized_texts[start : start + CHUNK]
        for index, claim_id in lookup(chunk, k):
            found[start + index].append(claim_id)
    return found
