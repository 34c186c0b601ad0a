"""GIN indexes for full-text search of claim and article text (``claims.selectors.search``).

PostgreSQL only; nothing happens on SQLite, which searches by substring. The indexed expression is
exactly what ``SearchVector("text", config="english")`` compiles to, COALESCE included: an index on
any other expression is ignored by the planner. No model state changes, so ``makemigrations``
stays clean.
"""

from django.db import migrations

INDEXES = [
    ("claims_claim_text_search", "claims_claim"),
    ("articles_article_text_search", "articles_article"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("claims", "0005_default_rating_scale"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
