"""Claims' schema with its database rules and defaults: migrations 0001 to 0011 squashed into one.

A database that recorded all of 0001 to 0011 counts this migration as applied; a new one runs it
instead. It holds the schema, and after the tables:

- GIN indexes for full-text search of claim and article text on PostgreSQL, from 0006 (the
  indexed expression is exactly what ``SearchVector("text", config="english")`` compiles to,
  COALESCE included: an index on any other expression is ignored by the planner);
- the matching index: pg_trgm GIN index on PostgreSQL, FTS5 trigram table on SQLite, from 0011
  (the extension stays when the migration is reversed, since other database objects may use it).

The database rules and defaults are not part of it: ``ClaimsConfig.ready`` installs them after
every ``migrate`` and ``flush`` from the one module that states each (SQLite drops a table's
triggers when a migration rebuilds the table, so they must be re-installed there anyway): the
cross-row integrity triggers (``claims/db_rules.py``), the latest-date triggers
(``claims/db_dates.py``), the matching index triggers and match keys
(``claims/matching/index.py``), and the role groups and the default truth scale
(``claims/defaults.py``). Reversed, this migration drops every ``claims_*`` trigger, since one sits
on ``articles_article``, which outlives claims' tables.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


SEARCH_INDEXES = [
    ("claims_claim_text_search", "claims_claim"),
    ("articles_article_text_search", "articles_article"),
]


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in SEARCH_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
        )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in SEARCH_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def drop_claims_triggers(apps, schema_editor):
    """Every trigger and trigger function named ``claims_*``, whichever version installed them.

    They are installed after every migrate (``ClaimsConfig.ready``); reversed, this migration
    removes them, since one sits on ``articles_article``, which outlives claims' tables."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND pg_table_is_visible(c.oid) "
                "AND t.tgname LIKE 'claims\\_%'"
            )
            statements = [f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"' for name, table in cursor]
            cursor.execute(
                "SELECT p.oid::regprocedure::text FROM pg_proc p "
                "WHERE pg_function_is_visible(p.oid) AND p.proname LIKE 'claims\\_%'"
            )
            statements += [f"DROP FUNCTION IF EXISTS {signature}" for (signature,) in cursor]
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'claims\\_%' "
                "ESCAPE '\\'"
            )
            statements = [f'DROP TRIGGER IF EXISTS "{name}"' for (name,) in cursor]
        else:
            statements = []
    for statement in statements:
        schema_editor.execute(statement)


MATCH_POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS claims_claim_match_key_trgm ON claims_claim "
    "USING gin (match_key gin_trgm_ops)",
]
MATCH_POSTGRES_DROP = ["DROP INDEX IF EXISTS claims_claim_match_key_trgm"]


MATCH_SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS claims_claim_trigram USING fts5(match_key, "
    "tokenize='trigram')",
    "INSERT INTO claims_claim_trigram(rowid, match_key) SELECT id, match_key FROM claims_claim",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_insert AFTER INSERT ON claims_claim BEGIN "
    "INSERT INTO claims_claim_trigram(rowid, match_key) VALUES (NEW.id, NEW.match_key); END",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_update "
    "AFTER UPDATE OF match_key ON claims_claim BEGIN "
    "UPDATE claims_claim_trigram SET match_key = NEW.match_key WHERE rowid = OLD.id; END",
    "CREATE TRIGGER IF NOT EXISTS claims_claim_trigram_delete AFTER DELETE ON claims_claim BEGIN "
    "DELETE FROM claims_claim_trigram WHERE rowid = OLD.id; END",
]
MATCH_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS claims_claim_trigram_insert",
    "DROP TRIGGER IF EXISTS claims_claim_trigram_update",
    "DROP TRIGGER IF EXISTS claims_claim_trigram_delete",
    "DROP TABLE IF EXISTS claims_claim_trigram",
]


def create_match_index(apps, schema_editor):
    """pg_trgm GIN index on PostgreSQL; the FTS5 trigram table and its triggers on SQLite."""
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": MATCH_POSTGRES_CREATE, "sqlite": MATCH_SQLITE_CREATE}
    for statement in statements.get(vendor, []):
        schema_editor.execute(statement)


def drop_match_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": MATCH_POSTGRES_DROP, "sqlite": MATCH_SQLITE_DROP}
    for statement in statements.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    replaces = [
        ('claims', '0001_initial'),
        ('claims', '0002_integrity_triggers'),
        ('claims', '0003_roles'),
        ('claims', '0004_claim_match_prefix'),
        ('claims', '0005_default_rating_scale'),
        ('claims', '0006_search_indexes'),
        ('claims', '0007_attribution_content_parts'),
        ('claims', '0008_background_work'),
        ('claims', '0009_attribution_cue_kind'),
        ('claims', '0010_claim_latest_published_at'),
        ('claims', '0011_claim_matching'),
    ]

    initial = True

    dependencies = [
        ('articles', '0001_squashed_0002_background_work'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Claim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('text', models.TextField()),
                ('normalized_text', models.TextField(editable=False)),
                ('fingerprint', models.CharField(db_index=True, editable=False, max_length=64)),
                ('status', models.CharField(choices=[('candidate', 'Candidate'), ('accepted', 'Accepted'), ('rejected', 'Rejected'), ('merged', 'Merged')], default='candidate', max_length=12)),
                ('rejection_reason', models.TextField(blank=True)),
                ('checkworthiness', models.FloatField(default=0.0)),
                ('requires_double_review', models.BooleanField(default=False)),
                ('version', models.PositiveIntegerField(default=1, help_text='Optimistic lock: bumped on every save.')),
                ('assigned_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_claims', to=settings.AUTH_USER_MODEL)),
                ('canonical', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='duplicates', to='claims.claim')),
                ('latest_published_at', models.DateTimeField(editable=False, help_text='Latest publication date of the articles it appears in (kept by triggers, claims/db_dates.py); the queue sorts by it.', null=True)),
                ('match_key', models.TextField(default='', editable=False, help_text="The text's words without stop words: what the matching index holds.")),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'permissions': [('assign_claim', 'Can assign claims to reviewers')],
                'indexes': [models.Index(fields=['status', '-checkworthiness', '-created_at'], name='claim_queue'), models.Index(fields=['assigned_to', 'status'], name='claim_assignee_status'), models.Index(fields=['-latest_published_at', '-id'], name='claim_latest_published'), models.Index(fields=['-created_at', '-id'], name='claim_created')],
                'constraints': [models.CheckConstraint(condition=models.Q(('checkworthiness__gte', 0.0), ('checkworthiness__lte', 1.0)), name='claim_checkworthiness_0_1'), models.CheckConstraint(condition=models.Q(('canonical', models.F('id')), _negated=True), name='claim_not_merged_into_itself'), models.CheckConstraint(condition=models.Q(models.Q(('canonical__isnull', False), ('status', 'merged')), models.Q(models.Q(('status', 'merged'), _negated=True), ('canonical__isnull', True)), _connector='OR'), name='claim_merged_iff_canonical'), models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='claim_text_not_empty')],
            },
        ),
        migrations.CreateModel(
            name='ChangeRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(max_length=40)),
                ('target_type', models.CharField(help_text='e.g. "claims.verdict"', max_length=40)),
                ('target_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('changes', models.JSONField(blank=True, default=dict)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('claim', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='claims.claim')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['claim', '-created_at'], name='changerecord_claim')],
            },
        ),
        migrations.CreateModel(
            name='ClaimRelation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('relation', models.CharField(choices=[('contradicts', 'Contradicts'), ('supports', 'Supports'), ('same_as', 'Same as')], max_length=12)),
                ('note', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='relations_out', to='claims.claim')),
                ('to_claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='relations_in', to='claims.claim')),
            ],
            options={
                'ordering': ['from_claim', 'relation'],
                'indexes': [models.Index(fields=['to_claim'], name='claimrelation_to')],
                'constraints': [models.UniqueConstraint(fields=('from_claim', 'to_claim', 'relation'), name='claimrelation_unique'), models.CheckConstraint(condition=models.Q(('from_claim', models.F('to_claim')), _negated=True), name='claimrelation_not_to_itself')],
            },
        ),
        migrations.CreateModel(
            name='Evidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000)),
                ('title', models.CharField(blank=True, max_length=500)),
                ('excerpt', models.TextField(blank=True)),
                ('stance', models.CharField(choices=[('supports', 'Supports'), ('refutes', 'Refutes'), ('discusses', 'Discusses')], max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('added_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='claims.claim')),
            ],
            options={
                'verbose_name_plural': 'evidence',
                'ordering': ['claim', '-created_at'],
            },
        ),
        migrations.CreateModel(
            name='RatingScale',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('slug', models.SlugField(unique=True)),
                ('worst', models.IntegerField()),
                ('best', models.IntegerField()),
                ('description', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('worst__lt', models.F('best'))), name='ratingscale_worst_lt_best')],
            },
        ),
        migrations.CreateModel(
            name='Rating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=100)),
                ('value', models.IntegerField()),
                ('description', models.TextField(blank=True)),
                ('scale', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ratings', to='claims.ratingscale')),
            ],
            options={
                'ordering': ['scale', 'value'],
                'constraints': [models.UniqueConstraint(fields=('scale', 'value'), name='rating_unique_value'), models.UniqueConstraint(fields=('scale', 'label'), name='rating_unique_label')],
            },
        ),
        migrations.CreateModel(
            name='ReviewRating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_ratings', to='claims.claim')),
                ('rating', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='review_ratings', to='claims.rating')),
                ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_ratings', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['claim', 'created_at'],
                'constraints': [models.UniqueConstraint(fields=('claim', 'reviewer'), name='reviewrating_one_per_reviewer')],
            },
        ),
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('name', models.CharField(max_length=300)),
                ('normalized_name', models.CharField(db_index=True, editable=False, max_length=300)),
                ('kind', models.CharField(choices=[('person', 'Person'), ('organization', 'Organization'), ('government', 'Government'), ('outlet', 'Outlet'), ('unknown', 'Unknown')], default='unknown', max_length=16)),
                ('role', models.CharField(blank=True, help_text='e.g. "Kremlin spokesman"', max_length=300)),
                ('disambiguation', models.CharField(blank=True, help_text='Tells apart two sources with the same name, e.g. the state a politician is from.', max_length=200)),
                ('description', models.TextField(blank=True)),
                ('url', models.URLField(blank=True, max_length=2000)),
                ('affiliation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='members', to='claims.source')),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.UniqueConstraint(fields=('normalized_name', 'kind', 'disambiguation'), name='source_unique_identity'), models.CheckConstraint(condition=models.Q(('name', ''), _negated=True), name='source_name_not_empty'), models.CheckConstraint(condition=models.Q(('affiliation', models.F('id')), _negated=True), name='source_not_affiliated_with_itself')],
            },
        ),
        migrations.CreateModel(
            name='Attribution',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('speaker_mention', models.CharField(blank=True, max_length=300)),
                ('mention_start', models.PositiveIntegerField(blank=True, null=True)),
                ('mention_end', models.PositiveIntegerField(blank=True, null=True)),
                ('kind', models.CharField(choices=[('direct', 'Direct quote'), ('indirect', 'Indirect speech'), ('mixed', 'Mixed (partial quote)'), ('unattributed', "Unattributed (article's own voice)")], max_length=12)),
                ('cue', models.CharField(blank=True, max_length=200)),
                ('cue_start', models.PositiveIntegerField(blank=True, null=True)),
                ('cue_end', models.PositiveIntegerField(blank=True, null=True)),
                ('content', models.TextField()),
                ('content_start', models.PositiveIntegerField()),
                ('content_end', models.PositiveIntegerField()),
                ('confidence', models.FloatField(default=1.0)),
                ('extractor_version', models.CharField(blank=True, help_text='Empty when a person added it.', max_length=40)),
                ('review_state', models.CharField(choices=[('auto', 'Automatic'), ('confirmed', 'Confirmed'), ('corrected', 'Corrected'), ('rejected', 'Rejected')], default='auto', max_length=10)),
                ('rejection_reason', models.TextField(blank=True)),
                ('reviewed_at', models.DateTimeField(blank=True, null=True)),
                ('version', models.PositiveIntegerField(default=1)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attributions', to='articles.article')),
                ('reported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reports', to='claims.attribution')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attributions', to='claims.claim')),
                ('speaker', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='attributions', to='claims.source')),
                ('subject', models.ForeignKey(blank=True, help_text='Who the speaker reports on (a spokesman reporting a minister).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reported_in', to='claims.source')),
                ('content_parts', models.JSONField(blank=True, default=list, help_text="The speaker's own words as [start, end] spans when the cue interrupts the content (“X,” he said. “Y.”); empty when all of the content is theirs.")),
                ('cue_kind', models.CharField(blank=True, choices=[('speech', 'Speech'), ('writing', 'Writing'), ('according_to', 'According to'), ('belief', 'Belief'), ('intent', 'Intention'), ('evidence', 'Evidence'), ('other', 'Other')], help_text="Empty when there is no cue (the article's own voice) or it is not known.", max_length=12)),
            ],
            options={
                'ordering': ['article', 'content_start'],
                'indexes': [models.Index(fields=['article', 'content_start'], name='attribution_article_span'), models.Index(fields=['claim', 'article'], name='attribution_claim_article'), models.Index(fields=['speaker', 'claim'], name='attribution_speaker_claim'), models.Index(fields=['article', 'extractor_version', 'review_state'], name='attribution_rerun')],
                'constraints': [models.CheckConstraint(condition=models.Q(('content_start__lt', models.F('content_end'))), name='attribution_content_span'), models.CheckConstraint(condition=models.Q(models.Q(('mention_end__isnull', True), ('mention_start__isnull', True)), ('mention_start__lt', models.F('mention_end')), _connector='OR'), name='attribution_mention_span'), models.CheckConstraint(condition=models.Q(models.Q(('cue_end__isnull', True), ('cue_start__isnull', True)), ('cue_start__lt', models.F('cue_end')), _connector='OR'), name='attribution_cue_span'), models.CheckConstraint(condition=models.Q(('confidence__gte', 0.0), ('confidence__lte', 1.0)), name='attribution_confidence_0_1'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'unattributed'), _negated=True), ('speaker__isnull', True), _connector='OR'), name='attribution_unattributed_has_no_speaker'), models.CheckConstraint(condition=models.Q(('reported_by', models.F('id')), _negated=True), name='attribution_not_reported_by_itself')],
            },
        ),
        migrations.CreateModel(
            name='SourceAlias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('alias', models.CharField(max_length=300)),
                ('normalized_alias', models.CharField(db_index=True, editable=False, max_length=300)),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='claims.source')),
            ],
            options={
                'verbose_name_plural': 'source aliases',
                'ordering': ['alias'],
                'constraints': [models.UniqueConstraint(fields=('source', 'normalized_alias'), name='sourcealias_unique_per_source')],
            },
        ),
        migrations.CreateModel(
            name='Stance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stance', models.CharField(choices=[('supports', 'Supports'), ('refutes', 'Refutes'), ('discusses', 'Discusses')], max_length=10)),
                ('basis', models.TextField(blank=True, help_text='What the stance rests on.')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('attribution', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='stances', to='claims.attribution')),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stances', to='claims.claim')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evidence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='stances', to='claims.evidence')),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stances', to='claims.source')),
            ],
            options={
                'ordering': ['claim', 'source'],
                'indexes': [models.Index(fields=['claim', 'stance'], name='stance_claim')],
                'constraints': [models.UniqueConstraint(fields=('source', 'claim'), name='stance_one_per_source_claim')],
            },
        ),
        migrations.CreateModel(
            name='Verdict',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('summary', models.TextField(blank=True)),
                ('explanation', models.TextField(blank=True)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('in_review', 'Submitted to editor'), ('approved', 'Approved'), ('published', 'Published'), ('retracted', 'Retracted')], default='draft', max_length=10)),
                ('editor_note', models.TextField(blank=True, help_text='Why it was sent back, or retracted.')),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('retracted_at', models.DateTimeField(blank=True, null=True)),
                ('public_url', models.URLField(blank=True, max_length=2000)),
                ('version', models.PositiveIntegerField(default=1, help_text='Optimistic lock: bumped on every save.')),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='verdicts', to='claims.claim')),
                ('editor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='verdicts_edited', to=settings.AUTH_USER_MODEL)),
                ('evidence', models.ManyToManyField(blank=True, related_name='verdicts', to='claims.evidence')),
                ('rating', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='verdicts', to='claims.rating')),
                ('reviewer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='verdicts_drafted', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-updated_at', '-id'],
                'permissions': [('publish_verdict', 'Can approve, publish and retract verdicts'), ('export_verdict', 'Can export verdicts')],
                'indexes': [models.Index(fields=['status', '-published_at'], name='verdict_status_published')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'retracted'), _negated=True), fields=('claim',), name='verdict_one_current_per_claim'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), models.Q(('published_at__isnull', False), ('rating__isnull', False)), _connector='OR'), name='verdict_published_has_date_and_rating')],
            },
        ),
        migrations.CreateModel(
            name='Webhook',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('url', models.URLField(max_length=2000)),
                ('secret', models.CharField(max_length=128)),
                ('events', models.JSONField(default=list, help_text='e.g. ["verdict.published"]')),
                ('is_active', models.BooleanField(default=True)),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='webhooks', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['owner', 'url'],
            },
        ),
        migrations.CreateModel(
            name='ExportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('format', models.CharField(max_length=12)),
                ('filters', models.JSONField(blank=True, default=dict)),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='queued', max_length=8)),
                ('rows_written', models.PositiveIntegerField(default=0)),
                ('rows_total', models.PositiveIntegerField(blank=True, null=True)),
                ('file', models.FileField(blank=True, upload_to='exports/')),
                ('error', models.TextField(blank=True)),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('claimed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('claimed_by', models.CharField(blank=True, editable=False, help_text='host:pid of the worker holding it.', max_length=200)),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.CharField(max_length=40)),
                ('payload', models.JSONField()),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('delivered', 'Delivered'), ('failed', 'Failed')], default='pending', max_length=10)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('response_status', models.PositiveIntegerField(blank=True, null=True)),
                ('last_error', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('delivered_at', models.DateTimeField(blank=True, null=True)),
                ('webhook', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='claims.webhook')),
                ('claimed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('claimed_by', models.CharField(blank=True, editable=False, help_text='host:pid of the worker holding it.', max_length=200)),
                ('due_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When the next attempt is due (a pending delivery).')),
            ],
            options={
                'verbose_name_plural': 'webhook deliveries',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['status', 'due_at'], name='webhookdelivery_status_due')],
            },
        ),
        migrations.CreateModel(
            name='ClaimSuggestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('similarity', models.FloatField()),
                ('reasons', models.JSONField(blank=True, default=list)),
                ('state', models.CharField(choices=[('open', 'Open'), ('confirmed', 'Same claim'), ('dismissed', 'Not the same')], default='open', max_length=10)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('attribution', models.ForeignKey(blank=True, help_text='The appearance that raised the suggestion.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='claims.attribution')),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='suggestions', to='claims.claim')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('similar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='suggested_for', to='claims.claim')),
            ],
            options={
                'ordering': ['-similarity', 'id'],
                'indexes': [models.Index(fields=['similar', 'state'], name='claimsuggestion_similar'), models.Index(fields=['claim', 'state'], name='claimsuggestion_claim')],
                'constraints': [models.UniqueConstraint(fields=('claim', 'similar'), name='claimsuggestion_unique'), models.CheckConstraint(condition=models.Q(('claim', models.F('similar')), _negated=True), name='claimsuggestion_not_to_itself'), models.CheckConstraint(condition=models.Q(('similarity__gte', 0.0), ('similarity__lte', 1.0)), name='claimsuggestion_similarity_0_1')],
            },
        ),
        migrations.CreateModel(
            name='ClaimVariant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('diff', models.JSONField(default=list, help_text='[op, text] pairs: equal, insert, delete.')),
                ('changes', models.JSONField(default=list, help_text='Change classes, e.g. number, negation.')),
                ('severity', models.CharField(choices=[('low', 'Low'), ('medium', 'Medium'), ('high', 'High')], max_length=6)),
                ('severity_rank', models.PositiveSmallIntegerField(help_text='1 low, 2 medium, 3 high.')),
                ('is_drift', models.BooleanField(default=False, help_text="A quote altered from the speaker's earliest one, or a change of number, negation or named entity.")),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('attribution', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='variant', to='claims.attribution')),
                ('base', models.ForeignKey(help_text='The earlier appearance this one is compared with.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.attribution')),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='variants', to='claims.claim')),
            ],
            options={
                'ordering': ['claim', 'id'],
                'indexes': [models.Index(fields=['is_drift', '-created_at', '-id'], name='claimvariant_drift'), models.Index(fields=['claim'], name='claimvariant_claim')],
                'constraints': [models.CheckConstraint(condition=models.Q(('attribution', models.F('base')), _negated=True), name='claimvariant_not_its_own_base')],
            },
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
        # The triggers are installed after every migrate; reversing drops them.
        migrations.RunPython(migrations.RunPython.noop, drop_claims_triggers),
        migrations.RunPython(create_match_index, drop_match_index),
    ]
