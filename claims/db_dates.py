"""``Claim.latest_published_at``, kept by database triggers: the latest ``published_at`` among the
articles a claim appears in, so the queue sorts by it through an index instead of computing it
for every claim at every request.

Triggers rather than services because every writer of attributions must keep it (extraction's bulk
inserts, corrections, merges and splits, the admin, deletes cascading from articles and claims),
and a trigger cannot be forgotten by the next one. PostgreSQL refreshes once per statement from
its transition tables (a bulk insert of an article's attributions is one refresh); SQLite once per
row. Like ``claims.db_rules`` they are installed after every ``migrate`` (SQLite drops a table's
triggers when a migration rebuilds it); tests/claims/test_db_dates.py changes each input on both.
"""

# The claim's latest article date, from the attribution and article tables.
_LATEST = """(
    SELECT max(article.published_at)
    FROM claims_attribution appearance
    JOIN articles_article article ON article.id = appearance.article_id
    WHERE appearance.claim_id = {claim}
)"""

POSTGRES = [
    f"""
CREATE OR REPLACE FUNCTION claims_claim_refresh_latest_published(claim_ids bigint[])
RETURNS void AS $$
    UPDATE claims_claim claim SET latest_published_at = fresh.value
    FROM (SELECT ids.id, {_LATEST.format(claim="ids.id")} AS value
          FROM unnest(claim_ids) AS ids(id)) fresh
    WHERE claim.id = fresh.id AND claim.latest_published_at IS DISTINCT FROM fresh.value
$$ LANGUAGE sql
""",
    """
CREATE OR REPLACE FUNCTION claims_attribution_refresh_latest_published() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM claims_claim_refresh_latest_published(
            ARRAY(SELECT DISTINCT claim_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM claims_claim_refresh_latest_published(
            ARRAY(SELECT DISTINCT claim_id FROM old_rows));
    ELSE
        PERFORM claims_claim_refresh_latest_published(ARRAY(
            SELECT unnest(ARRAY[was.claim_id, now.claim_id])
            FROM old_rows was JOIN new_rows now ON now.id = was.id
            WHERE was.claim_id <> now.claim_id OR was.article_id <> now.article_id));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    "DROP TRIGGER IF EXISTS claims_attribution_latest_insert ON claims_attribution",
    """
CREATE TRIGGER claims_attribution_latest_insert AFTER INSERT ON claims_attribution
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_attribution_refresh_latest_published()
""",
    "DROP TRIGGER IF EXISTS claims_attribution_latest_delete ON claims_attribution",
    """
CREATE TRIGGER claims_attribution_latest_delete AFTER DELETE ON claims_attribution
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_attribution_refresh_latest_published()
""",
    "DROP TRIGGER IF EXISTS claims_attribution_latest_update ON claims_attribution",
    """
CREATE TRIGGER claims_attribution_latest_update AFTER UPDATE ON claims_attribution
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_attribution_refresh_latest_published()
""",
    """
CREATE OR REPLACE FUNCTION claims_article_refresh_latest_published() RETURNS trigger AS $$
BEGIN
    PERFORM claims_claim_refresh_latest_published(ARRAY(
        SELECT DISTINCT claim_id FROM claims_attribution WHERE article_id = NEW.id));
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    "DROP TRIGGER IF EXISTS claims_article_latest_published ON articles_article",
    """
CREATE TRIGGER claims_article_latest_published AFTER UPDATE OF published_at ON articles_article
    FOR EACH ROW WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION claims_article_refresh_latest_published()
""",
]

POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS claims_attribution_latest_insert ON claims_attribution",
    "DROP TRIGGER IF EXISTS claims_attribution_latest_delete ON claims_attribution",
    "DROP TRIGGER IF EXISTS claims_attribution_latest_update ON claims_attribution",
    "DROP TRIGGER IF EXISTS claims_article_latest_published ON articles_article",
    "DROP FUNCTION IF EXISTS claims_attribution_refresh_latest_published()",
    "DROP FUNCTION IF EXISTS claims_article_refresh_latest_published()",
    "DROP FUNCTION IF EXISTS claims_claim_refresh_latest_published(bigint[])",
]


def _sqlite_refresh(claim: str) -> str:
    return (
        f"UPDATE claims_claim SET latest_published_at = {_LATEST.format(claim=claim)} "
        f"WHERE id = {claim};"
    )


SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS claims_attribution_latest_insert "
    f"AFTER INSERT ON claims_attribution BEGIN {_sqlite_refresh('NEW.claim_id')} END",
    "CREATE TRIGGER IF NOT EXISTS claims_attribution_latest_delete "
    f"AFTER DELETE ON claims_attribution BEGIN {_sqlite_refresh('OLD.claim_id')} END",
    "CREATE TRIGGER IF NOT EXISTS claims_attribution_latest_update "
    "AFTER UPDATE OF claim_id, article_id ON claims_attribution BEGIN "
    f"{_sqlite_refresh('OLD.claim_id')} {_sqlite_refresh('NEW.claim_id')} END",
    "CREATE TRIGGER IF NOT EXISTS claims_article_latest_published "
    "AFTER UPDATE OF published_at ON articles_article BEGIN "
    f"UPDATE claims_claim SET latest_published_at = {_LATEST.format(claim='claims_claim.id')} "
    "WHERE id IN (SELECT claim_id FROM claims_attribution WHERE article_id = NEW.id); END",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS claims_attribution_latest_insert",
    "DROP TRIGGER IF EXISTS claims_attribution_latest_delete",
    "DROP TRIGGER IF EXISTS claims_attribution_latest_update",
    "DROP TRIGGER IF EXISTS claims_article_latest_published",
]

INSTALL = {"postgresql": POSTGRES, "sqlite": SQLITE}
DROP = {"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP}


def _run(connection, statements: dict[str, list[str]]) -> None:
    if connection.vendor not in statements:
        raise RuntimeError(f"No latest-published triggers written for {connection.vendor}")
    with connection.cursor() as cursor:
        for statement in statements[connection.vendor]:
            cursor.execute(statement)


def install_latest_published_triggers(connection) -> None:
    """Create (or re-create) the triggers once the column exists; safe to run any number of
    times. Before the column exists (or after its migration was reversed) there is nothing
    to keep."""
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "claims_claim")
    if any(column.name == "latest_published_at" for column in columns):
        _run(connection, INSTALL)


def drop_latest_published_triggers(connection) -> None:
    _run(connection, DROP)
