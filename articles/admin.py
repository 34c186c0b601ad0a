from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse

from articles.models import Article, Feed, FeedEntry
from articles.services import article_retry
from articles.tasks import poll_feed
from claims.admin_workflow import WorkflowFieldsReadOnly
from claims.models import Attribution
from factcheck.work import enqueue_on_commit


class AttributionInline(WorkflowFieldsReadOnly, admin.TabularInline):
    """The attributions found in an article, in reading order."""

    model = Attribution
    fk_name = "article"
    extra = 0
    fields = ["content", "kind", "speaker", "speaker_mention", "cue", "review_state", "confidence"]
    readonly_fields = ["content", "speaker_mention", "confidence"]
    autocomplete_fields = ["speaker"]
    show_change_link = True
    ordering = ["content_start"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker", "claim")


@admin.register(Article)
class ArticleAdmin(WorkflowFieldsReadOnly, admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "published_at",
        "status",
        "attribution_count",
        "created_at",
    ]
    list_filter = ["status", "origin", "language", "outlet"]
    search_fields = ["title", "url", "byline", "outlet"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "normalized_url",
        "content_hash",
        "status",
        "error",
        "extractor_version",
        "queued_at",
        "claimed_by",
        "claimed_at",
        "attempts",
        "raw_content_type",
        "submitted_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "url", "canonical_url", "byline", "outlet", "published_at"]}),
        ("Processing", {"fields": ["status", "error", "origin", "language", "extractor_version"]}),
        ("Text", {"fields": ["text"]}),
        (
            "As received",
            {
                "classes": ["collapse"],
                "fields": ["raw", "raw_content_type", "normalized_url", "content_hash"],
            },
        ),
        ("Record", {"fields": ["feed", "submitted_by", "created_at", "updated_at"]}),
    ]
    list_select_related = ["feed"]
    raw_id_fields = ["feed"]
    inlines = [AttributionInline]
    actions = ["retry_articles"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_attributions=Count("attributions"))

    def add_view(self, request, form_url="", extra_context=None):
        """Articles are added on the desk's form, which cleans the text, finds duplicates and
        queues the extraction like every other way in; the admin's own form would do none."""
        return HttpResponseRedirect(reverse("review:article-new"))

    # Reviewers may view articles and feeds, but changing them (and queueing work) is for editors.
    @admin.action(
        description="Retry (refetch URL articles, re-extract the others)", permissions=["change"]
    )
    def retry_articles(self, request, queryset):
        retried = 0
        for article in queryset.filter(status__in=[Article.Status.FAILED, Article.Status.QUEUED]):
            article_retry(article=article)
            retried += 1
        skipped = queryset.count() - retried
        self.message_user(request, f"{retried} article(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} article(s) left alone: only failed or queued articles are retried.",
                messages.WARNING,
            )

    @admin.display(description="Attributions", ordering="_attributions")
    def attribution_count(self, obj):
        return obj._attributions


class FeedEntryInline(admin.TabularInline):
    model = FeedEntry
    extra = 0
    fields = readonly_fields = ("guid", "article", "created_at")
    can_delete = False
    show_change_link = False
    max_num = 0


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "is_active",
        "poll_interval_minutes",
        "last_polled_at",
        "next_poll_at",
        "consecutive_failures",
        "last_error_short",
    ]
    list_filter = ["is_active", "outlet"]
    search_fields = ["title", "url", "outlet"]
    readonly_fields = [
        "etag",
        "last_modified",
        "last_polled_at",
        "last_error",
        "consecutive_failures",
        "created_at",
        "updated_at",
    ]
    inlines = [FeedEntryInline]
    actions = ["poll_now"]

    @admin.action(description="Poll now", permissions=["change"])
    def poll_now(self, request, queryset):
        feed_ids = list(queryset.values_list("pk", flat=True))
        for feed_id in feed_ids:
            enqueue_on_commit(poll_feed, feed_id)
        self.message_user(request, f"{len(feed_ids)} feed(s) queued for polling.", messages.SUCCESS)

    @admin.display(description="Last error")
    def last_error_short(self, obj):
        return obj.last_error[:80]


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin):
    list_display = ["guid", "feed", "article", "created_at"]
    list_filter = ["feed"]
    search_fields = ["guid"]
    list_select_related = ["feed", "article"]
    raw_id_fields = ["article"]
