"""The text index matching asks for candidates, never scanning the claims table.

Both index ``claims_claim.match_key``, the normalized text without its stop words
(``claims.matching.words.match_key``), and are asked with the statement's own key.

PostgreSQL: MinHash bands of the key's words (migration 0012). ``claims_match_bands(key)``, an
SQL function, takes 72 seeded minimum hashes of the key's distinct words and groups them into 24
bands of three; a GIN index over ``claims_match_bands(match_key)`` is asked with ``&&`` (any band
shared), one LATERAL sub-query per statement in a single query, and what it finds is ranked by
``pg_trgm``'s ``similarity``. A band is three words chosen by the hashes, so its posting list
stays short however large the table grows, where a trigram index reads the posting list of every
trigram of the statement (2 s a lookup at a million claims). Two keys sharing a share ``j`` of
their words share a band with probability 1 - (1 - j^3)^24: 0.999 at j = 0.7, 0.96 at 0.5, 0.79
at 0.4.

SQLite: an FTS5 table with the trigram tokenizer (``claims_claim_trigram``, rowid = claim id),
kept in step with ``claims_claim`` by triggers, asked with the statement's distinctive words
OR-ed together and ranked by bm25; one UNION ALL query per ``CHUNK`` statements. The triggers are
re-installed after every ``migrate`` (SQLite drops a table's triggers when a migration rebuilds it).
"""

from collections.abc import Sequence

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

FTS_TABLE = "claims_claim_trigram"
PG_INDEX = "claims_claim_match_bands"
PG_BANDS = "claims_match_bands"
CHUNK = 50
# The most distinctive (longest) words of a statement that the SQLite index is asked for.
_QUERY_WORDS = 12

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(match_key, tokenize='trigram')",
    f"INSERT INTO {FTS_TABLE}(rowid, match_key) SELECT id, match_key FROM claims_claim",
]
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_insert AFTER INSERT ON claims_claim BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, match_key) VALUES (NEW.id, NEW.match_key); END",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_update "
    "AFTER UPDATE OF match_key ON claims_claim BEGIN "
    f"UPDATE {FTS_TABLE} SET match_key = NEW.match_key WHERE rowid = OLD.id; END",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_delete AFTER DELETE ON claims_claim BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = OLD.id; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS claims_claim_trigram_insert",
    "DROP TRIGGER IF EXISTS claims_claim_trigram_update",
    "DROP TRIGGER IF EXISTS claims_claim_trigram_delete",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def install_index_triggers(db: BaseDatabaseWrapper) -> None:
    """SQLite: (re)create the triggers keeping the FTS5 table in step, once it exists."""
    if db.vendor != "sqlite" or FTS_TABLE not in db.introspection.table_names():
        return
    with db.cursor() as cursor:
        for statement in SQLITE_TRIGGERS:
            cursor.execute(statement)


def fill_match_keys(db: BaseDatabaseWrapper, *, batch: int = 2000) -> int:
    """Give claims stored before match_key existed (empty key, non-empty text) their key;
    returns how many changed. Run after every migrate; cheap once done."""
    from claims.matching.words import match_key
    from claims.models import Claim

    with db.cursor() as cursor:
        columns = {c.name for c in db.introspection.get_table_description(cursor, "claims_claim")}
    if "match_key" not in columns:  # migrated back before it existed
        return 0
    changed = 0
    missing = Claim.objects.using(db.alias).filter(match_key="").only("id", "text")
    rows: list[Claim] = []
    for claim in missing.iterator(chunk_size=batch):
        claim.match_key = match_key(claim.text)
        if claim.match_key:
            rows.append(claim)
        if len(rows) >= batch:
            changed += Claim.objects.using(db.alias).bulk_update(rows, ["match_key"])
            rows = []
    return changed + Claim.objects.using(db.alias).bulk_update(rows, ["match_key"])


def _fts_query(key: str) -> str:
    words = {w for w in key.split() if len(w) >= 3}
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
        f"WHERE {PG_BANDS}(match_key) && {PG_BANDS}(q.text) AND status <> 'rejected' "
        "ORDER BY similarity(match_key, q.text) DESC, id LIMIT %s) AS c"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(range(len(texts))), list(texts), k])
        return [(int(i), int(claim_id)) for i, claim_id in cursor.fetchall()]


def candidate_ids(keys: Sequence[str], *, k: int) -> list[list[int]]:
    """For each statement's ``match_key``, the ids of up to ``k`` claims the index finds closest."""
    found: list[list[int]] = [[] for _ in keys]
    lookup = _postgres_candidates if connection.vendor == "postgresql" else _sqlite_candidates
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        for index, claim_id in lookup(chunk, k):
            found[start + index].append(claim_id)
    return found
