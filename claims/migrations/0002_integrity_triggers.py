"""Install the cross-row integrity triggers (a merged claim's survivor is not itself merged; a
rating's value lies in its scale's range).

The statements are a copy of ``claims/db_rules.py`` as it stood when this migration was written, so
this step of history stays the same when that module changes; ``ClaimsConfig.ready`` re-installs the
current triggers after every ``migrate``.
"""

from django.db import migrations

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


def install(apps, schema_editor):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError(f"No integrity triggers written for {schema_editor.connection.vendor}")
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
