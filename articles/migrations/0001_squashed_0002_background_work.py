"""Articles and feeds: migrations 0001 and 0002 squashed into one.

A database that recorded both counts this migration as applied; a new one runs it instead. 0002's
step that gave articles already waiting a queue time has nothing to do on a table created here.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [
        ('articles', '0001_initial'),
        ('articles', '0002_background_work'),
    ]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Feed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000, unique=True)),
                ('title', models.CharField(blank=True, max_length=300)),
                ('outlet', models.CharField(blank=True, max_length=200)),
                ('is_active', models.BooleanField(default=True)),
                ('poll_interval_minutes', models.PositiveIntegerField(default=30)),
                ('etag', models.CharField(blank=True, editable=False, max_length=300)),
                ('last_modified', models.CharField(blank=True, editable=False, max_length=100)),
                ('last_polled_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('next_poll_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                ('last_error', models.TextField(blank=True, editable=False)),
                ('consecutive_failures', models.PositiveIntegerField(default=0, editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'ordering': ['title', 'url'],
                'constraints': [models.CheckConstraint(condition=models.Q(('poll_interval_minutes__gte', 1)), name='feed_poll_interval_positive')],
            },
        ),
        migrations.CreateModel(
            name='Article',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(blank=True, max_length=2000)),
                ('normalized_url', models.CharField(blank=True, editable=False, help_text='The URL without tracking parameters, fragment or case differences; used to dedupe.', max_length=2000, null=True)),
                ('canonical_url', models.URLField(blank=True, max_length=2000)),
                ('title', models.CharField(blank=True, max_length=500)),
                ('byline', models.CharField(blank=True, max_length=500)),
                ('outlet', models.CharField(blank=True, db_index=True, max_length=200)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('language', models.CharField(blank=True, max_length=16)),
                ('origin', models.CharField(choices=[('url', 'URL'), ('html', 'HTML'), ('text', 'Plain text'), ('feed', 'Feed entry'), ('bulk', 'Bulk import')], default='text', max_length=8)),
                ('raw', models.TextField(blank=True, help_text='The document as received, never changed.')),
                ('raw_content_type', models.CharField(blank=True, max_length=100)),
                ('text', models.TextField(blank=True, help_text='The clean body every offset points into.')),
                ('content_hash', models.CharField(blank=True, editable=False, max_length=64, null=True)),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('fetching', 'Fetching'), ('extracting', 'Extracting'), ('extracted', 'Extracted'), ('skipped', 'Skipped'), ('failed', 'Failed')], default='queued', max_length=12)),
                ('error', models.TextField(blank=True)),
                ('extractor_version', models.CharField(blank=True, max_length=40)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('feed', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='articles', to='articles.feed')),
                ('attempts', models.PositiveIntegerField(default=0, editable=False, help_text='How many times a worker took it.')),
                ('claimed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('claimed_by', models.CharField(blank=True, editable=False, help_text='host:pid of the worker holding it.', max_length=200)),
                ('claimed_task', models.CharField(blank=True, editable=False, max_length=64)),
                ('queued_at', models.DateTimeField(blank=True, editable=False, help_text='When its fetch or extraction was last handed to the workers; empty when none is wanted (ingested with --no-extract).', null=True)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['status', '-created_at'], name='article_status_created'), models.Index(fields=['-published_at'], name='article_published')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('normalized_url__isnull', False)), fields=('normalized_url',), name='article_unique_normalized_url'), models.UniqueConstraint(condition=models.Q(('content_hash__isnull', False)), fields=('content_hash',), name='article_unique_content_hash'), models.CheckConstraint(condition=models.Q(('normalized_url', ''), _negated=True), name='article_normalized_url_null_not_empty'), models.CheckConstraint(condition=models.Q(('status__in', ['queued', 'fetching', 'extracting', 'extracted', 'skipped', 'failed'])), name='article_status_valid')],
            },
        ),
        migrations.CreateModel(
            name='FeedEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('guid', models.CharField(max_length=2000)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='feed_entries', to='articles.article')),
                ('feed', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='articles.feed')),
            ],
            options={
                'verbose_name_plural': 'feed entries',
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(fields=('feed', 'guid'), name='feedentry_unique_guid')],
            },
        ),
    ]

