"""``Claim.latest_published_at``: the latest date among the articles a claim appears in, indexed
for the queue's sort, filled here for the claims already stored; and an index for the API's claim
list, which pages by creation. The triggers that keep it are
installed after every migrate (claims/db_dates.py); going back drops them with the column."""

from django.db import migrations, models

# A frozen copy of the column's definition in claims/db_dates.py.
FILL = """
UPDATE claims_claim SET latest_published_at = (
    SELECT max(article.published_at)
    FROM claims_attribution appearance
    JOIN articles_article article ON article.id = appearance.article_id
    WHERE appearance.claim_id = claims_claim.id
)
"""
DROP_TRIGGERS = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS claims_attribution_latest_insert ON claims_attribution",
        "DROP TRIGGER IF EXISTS claims_attribution_latest_delete ON claims_attribution",
        "DROP TRIGGER IF EXISTS claims_attribution_latest_update ON claims_attribution",
        "DROP TRIGGER IF EXISTS claims_article_latest_published ON articles_article",
        "DROP FUNCTION IF EXISTS claims_attribution_refresh_latest_published()",
        "DROP FUNCTION IF EXISTS claims_article_refresh_latest_published()",
        "DROP FUNCTION IF EXISTS claims_claim_refresh_latest_published(bigint[])",
    ],
    "sqlite": [
        "DROP TRIGGER IF EXISTS claims_attribution_latest_insert",
        "DROP TRIGGER IF EXISTS claims_attribution_latest_delete",
        "DROP TRIGGER IF EXISTS claims_attribution_latest_update",
        "DROP TRIGGER IF EXISTS claims_article_latest_published",
    ],
}


def fill(apps, schema_editor):
    schema_editor.execute(FILL)


def drop_triggers(apps, schema_editor):
    for statement in DROP_TRIGGERS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_background_work"),
        ("claims", "0009_attribution_cue_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="latest_published_at",
            field=models.DateTimeField(
                editable=False,
                help_text="Latest publication date of the articles it appears in (kept by "
                "triggers, claims/db_dates.py); the queue sorts by it.",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["-latest_published_at", "-id"], name="claim_latest_published"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-created_at", "-id"], name="claim_created"),
        ),
        migrations.RunPython(fill, drop_triggers, elidable=False),
    ]
