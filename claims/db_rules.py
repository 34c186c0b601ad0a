"""Rules a CHECK constraint cannot express because they look at another row, enforced by triggers.

- A merged claim points at a survivor that is not itself merged, and a claim that others point at
  cannot itself be merged (their pointers would dangle two levels deep).
- A rating's value lies within its scale's range.

SQLite drops a table's triggers when a migration rebuilds the table, so the triggers are
(re)installed idempotently after every ``migrate`` (see ClaimsConfig.ready), not only once by the
claims migration, which carries its own frozen copy of these statements.
tests/claims/test_models.py violates each rule on both databases.
"""

POSTGRES = [
    """
CREATE OR REPLACE FUNCTION claims_claim_check_canonical() RETURNS trigger AS $$
BEGIN
    IF NEW.canonical_id IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM claims_claim
                   WHERE id = NEW.canonical_id AND canonical_id IS NOT NULL) THEN
            RAISE EXCEPTION 'claim % cannot be merged into claim %, which is itself merged',
                NEW.id, NEW.canonical_id USING ERRCODE = 'check_violation';
        END IF;
        IF EXISTS (SELECT 1 FROM claims_claim WHERE canonical_id = NEW.id) THEN
            RAISE EXCEPTION 'claim % has merged duplicates; move them to the survivor first',
                NEW.id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
""",
    "DROP TRIGGER IF EXISTS claims_claim_canonical ON claims_claim",
    """
CREATE TRIGGER claims_claim_canonical
    BEFORE INSERT OR UPDATE OF canonical_id ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_check_canonical()
""",
    """
CREATE OR REPLACE FUNCTION claims_rating_check_range() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM claims_ratingscale
                   WHERE id = NEW.scale_id AND NEW.value BETWEEN worst AND best) THEN
        RAISE EXCEPTION 'rating value % lies outside its scale''s range', NEW.value
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
""",
    "DROP TRIGGER IF EXISTS claims_rating_range ON claims_rating",
    """
CREATE TRIGGER claims_rating_range
    BEFORE INSERT OR UPDATE OF value, scale_id ON claims_rating
    FOR EACH ROW EXECUTE FUNCTION claims_rating_check_range()
""",
]

_SQLITE_CANONICAL_RULE = """
WHEN NEW.canonical_id IS NOT NULL AND (
    EXISTS (SELECT 1 FROM claims_claim WHERE id = NEW.canonical_id AND canonical_id IS NOT NULL)
    OR EXISTS (SELECT 1 FROM claims_claim WHERE canonical_id = NEW.id)
)
BEGIN
    SELECT RAISE(ABORT, 'a merged claim must point at a survivor that is not itself merged');
END
"""
_SQLITE_RATING_RULE = """
WHEN NOT EXISTS (
    SELECT 1 FROM claims_ratingscale WHERE id = NEW.scale_id AND NEW.value BETWEEN worst AND best
)
BEGIN
    SELECT RAISE(ABORT, 'rating value lies outside its scale''s range');
END
"""
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS claims_claim_canonical_insert BEFORE INSERT ON claims_claim"
    + _SQLITE_CANONICAL_RULE,
    "CREATE TRIGGER IF NOT EXISTS claims_claim_canonical_update "
    "BEFORE UPDATE OF canonical_id ON claims_claim" + _SQLITE_CANONICAL_RULE,
    "CREATE TRIGGER IF NOT EXISTS claims_rating_range_insert BEFORE INSERT ON claims_rating"
    + _SQLITE_RATING_RULE,
    "CREATE TRIGGER IF NOT EXISTS claims_rating_range_update "
    "BEFORE UPDATE OF value, scale_id ON claims_rating" + _SQLITE_RATING_RULE,
]

STATEMENTS = {"postgresql": POSTGRES, "sqlite": SQLITE}


def install_integrity_triggers(connection) -> None:
    """Create (or re-create) the triggers; safe to run any number of times."""
    statements = STATEMENTS.get(connection.vendor)
    if statements is None:
        raise RuntimeError(f"No integrity triggers written for {connection.vendor}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
