"""PostgreSQL: claim-matching candidates from MinHash bands of the match key's words instead of
the pg_trgm index (see ``claims.matching.index``). The trigram index goes: nothing asks it any
more; ``pg_trgm`` stays for ranking what the bands find. SQLite keeps its FTS5 trigram table."""

from django.db import migrations

# 72 seeded minimum hashes of the key's distinct words, in 24 bands of three.
BANDS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION claims_match_bands(key text) RETURNS integer[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH words AS (
    SELECT DISTINCT word FROM regexp_split_to_table(key, '\s+') AS word WHERE word <> ''
  ), mins AS (
    SELECT seed, min(hashtext(seed::text || ' ' || word)) AS low
    FROM generate_series(0, 71) AS seed, words GROUP BY seed
  ), bands AS (
    SELECT seed / 3 AS band,
           hashtext((seed / 3)::text || ':' || string_agg(low::text, ' ' ORDER BY seed)) AS value
    FROM mins GROUP BY seed / 3
  )
  SELECT coalesce(array_agg(value ORDER BY band), '{}') FROM bands
$$
"""
BANDS_INDEX = (
    "CREATE INDEX IF NOT EXISTS claims_claim_match_bands ON claims_claim "
    "USING gin (claims_match_bands(match_key))"
)
TRIGRAM_INDEX = (
    "CREATE INDEX IF NOT EXISTS claims_claim_match_key_trgm ON claims_claim "
    "USING gin (match_key gin_trgm_ops)"
)


def use_bands(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BANDS_FUNCTION)
        schema_editor.execute(BANDS_INDEX)
        schema_editor.execute("DROP INDEX IF EXISTS claims_claim_match_key_trgm")


def use_trigrams(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGRAM_INDEX)
        schema_editor.execute("DROP INDEX IF EXISTS claims_claim_match_bands")
        schema_editor.execute("DROP FUNCTION IF EXISTS claims_match_bands(text)")


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_squashed_0011_claim_matching")]

    operations = [migrations.RunPython(use_bands, use_trigrams)]
