"""Ingested documents and the feeds they come from."""

from django.db import models
from django.db.models import Q

from factcheck.models import ClaimedWork, TimeStamped, optional_link, optional_user


class ArticleStatus(models.TextChoices):
    """Where an article is in ingestion; also the database's list of valid statuses."""

    # Each label is the member's name in title case ("Queued").
    QUEUED = "queued"
    FETCHING = "fetching"
    EXTRACTING = "extracting"
    EXTRACTED = "extracted"
    SKIPPED = "skipped"
    FAILED = "failed"


class Article(ClaimedWork, TimeStamped):
    """One ingested document.

    ``raw`` keeps what was received, unchanged; ``text`` is the clean body, and every character offset
    elsewhere in the system points into it.
    """

    Status = ArticleStatus

    class Origin(models.TextChoices):
        URL = "url", "URL"
        HTML = "html", "HTML"
        TEXT = "text", "Plain text"
        FEED = "feed", "Feed entry"
        BULK = "bulk", "Bulk import"

    url = models.URLField(max_length=2000, blank=True)
    normalized_url = models.CharField(  # noqa: DJ001 -- NULL when unknown, so UNIQUE skips it
        max_length=2000,
        null=True,
        blank=True,
        editable=False,
        help_text="The URL without tracking parameters, fragment or case differences; used to dedupe.",
    )
    canonical_url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.TEXT)
    raw = models.TextField(blank=True, help_text="The document as received, never changed.")
    raw_content_type = models.CharField(max_length=100, blank=True)
    text = models.TextField(blank=True, help_text="The clean body every offset points into.")
    content_hash = models.CharField(  # noqa: DJ001 -- NULL until fetched, so UNIQUE skips it
        max_length=64, null=True, blank=True, editable=False
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    queued_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When its fetch or extraction was last handed to the workers; empty when none "
        "is wanted (ingested with --no-extract).",
    )
    claimed_task = models.CharField(max_length=64, blank=True, editable=False)
    attempts = models.PositiveIntegerField(
        default=0, editable=False, help_text="How many times a worker took it."
    )
    extractor_version = models.CharField(max_length=40, blank=True)
    feed = models.ForeignKey(
        "articles.Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    submitted_by = optional_user()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_url"],
                condition=Q(normalized_url__isnull=False),
                name="article_unique_normalized_url",
            ),
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=Q(content_hash__isnull=False),
                name="article_unique_content_hash",
            ),
            models.CheckConstraint(
                condition=~Q(normalized_url=""), name="article_normalized_url_null_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="article_status_created"),
            models.Index(fields=["-published_at"], name="article_published"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"


class Feed(TimeStamped):
    """An RSS or Atom feed polled on its own schedule; each entry becomes an article once."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=30)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.TextField(blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["title", "url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval_minutes__gte=1), name="feed_poll_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class FeedEntry(models.Model):
    """A feed entry already seen, keyed by its GUID (or link), so it is ingested only once."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    guid = models.CharField(max_length=2000)
    article = optional_link(Article, "feed_entries")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feed entries"
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="feedentry_unique_guid"),
        ]

    def __str__(self) -> str:
        return f"{self.feed}: {self.guid}"
