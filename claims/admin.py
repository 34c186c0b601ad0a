from django.contrib import admin
from django.db.models import Count

from claims.admin_workflow import (
    ATTRIBUTION_ADMIN_ACTIONS,
    CLAIM_ADMIN_ACTIONS,
    VERDICT_ADMIN_ACTIONS,
    AttributionWorkflowAdmin,
    ClaimWorkflowAdmin,
    VerdictWorkflowAdmin,
    WorkflowFieldsReadOnly,
)
from claims.exports.admin_actions import VerdictExportAdminMixin
from claims.models import (
    Attribution,
    ChangeRecord,
    Claim,
    ClaimRelation,
    ClaimSuggestion,
    ClaimVariant,
    Evidence,
    ExportJob,
    Rating,
    RatingScale,
    ReviewRating,
    Source,
    SourceAlias,
    Stance,
    Verdict,
    Webhook,
    WebhookDelivery,
)


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1
    fields = ["alias"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "affiliation", "disambiguation", "attribution_count"]
    list_filter = ["kind"]
    search_fields = ["name", "role", "aliases__alias"]
    autocomplete_fields = ["affiliation"]
    list_select_related = ["affiliation"]
    inlines = [SourceAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_attributions=Count("attributions"))

    @admin.display(description="Attributions", ordering="_attributions")
    def attribution_count(self, obj):
        return obj._attributions


@admin.register(SourceAlias)
class SourceAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "source"]
    search_fields = ["alias", "source__name"]
    autocomplete_fields = ["source"]
    list_select_related = ["source"]


class ClaimAttributionInline(WorkflowFieldsReadOnly, admin.TabularInline):
    """Every appearance of the claim, article by article."""

    model = Attribution
    fk_name = "claim"
    extra = 0
    fields = ["article", "speaker", "kind", "cue", "content", "review_state"]
    readonly_fields = ["article", "content"]
    autocomplete_fields = ["speaker"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "speaker")


class StanceInline(WorkflowFieldsReadOnly, admin.TabularInline):
    model = Stance
    extra = 0
    fields = ["source", "stance", "basis"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class EvidenceInline(WorkflowFieldsReadOnly, admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["url", "title", "stance", "excerpt"]


class VerdictInline(admin.StackedInline):
    """The claim's verdicts, to read: a verdict changes on its own page, as the workflow allows."""

    model = Verdict
    extra = 0
    fields = readonly_fields = (
        "rating",
        "status",
        "summary",
        "reviewer",
        "editor",
        "published_at",
        "public_url",
    )
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rating", "reviewer", "editor")


@admin.register(Claim)
class ClaimAdmin(ClaimWorkflowAdmin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "status",
        "checkworthiness",
        "appearance_count",
        "assigned_to",
        "created_at",
    ]
    list_filter = ["status", "requires_double_review", "assigned_to", "created_at"]
    search_fields = ["text", "attributions__speaker__name"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "text",
        "status",
        "rejection_reason",
        "checkworthiness",
        "assigned_to",
        "requires_double_review",
        "canonical",
        "version",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["assigned_to"]
    inlines = [ClaimAttributionInline, StanceInline, EvidenceInline, VerdictInline]
    actions = CLAIM_ADMIN_ACTIONS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_appearances=Count("attributions"))

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    @admin.display(description="Appearances", ordering="_appearances")
    def appearance_count(self, obj):
        return obj._appearances


@admin.register(Attribution)
class AttributionAdmin(AttributionWorkflowAdmin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "cue", "article", "review_state", "confidence"]
    list_filter = ["kind", "cue_kind", "review_state", "extractor_version"]
    search_fields = ["content", "speaker__name", "speaker_mention", "article__title"]
    autocomplete_fields = ["speaker", "subject", "claim"]
    raw_id_fields = ["article", "reported_by"]
    list_select_related = ["speaker", "article"]
    actions = ATTRIBUTION_ADMIN_ACTIONS


@admin.register(Stance)
class StanceAdmin(WorkflowFieldsReadOnly, admin.ModelAdmin):
    list_display = ["source", "stance", "claim", "created_by", "created_at"]
    list_filter = ["stance"]
    search_fields = ["source__name", "claim__text"]
    autocomplete_fields = ["source", "claim"]
    raw_id_fields = ["attribution", "evidence"]
    list_select_related = ["source", "claim", "created_by"]


@admin.register(ClaimRelation)
class ClaimRelationAdmin(WorkflowFieldsReadOnly, admin.ModelAdmin):
    list_display = ["from_claim", "relation", "to_claim", "created_by"]
    list_filter = ["relation"]
    search_fields = ["from_claim__text", "to_claim__text"]
    autocomplete_fields = ["from_claim", "to_claim"]
    list_select_related = ["from_claim", "to_claim", "created_by"]


@admin.register(Evidence)
class EvidenceAdmin(WorkflowFieldsReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "stance", "claim", "added_by", "created_at"]
    list_filter = ["stance"]
    search_fields = ["url", "title", "excerpt", "claim__text"]
    autocomplete_fields = ["claim"]
    list_select_related = ["claim", "added_by"]


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 1
    fields = ["value", "label", "description"]


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "worst", "best"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RatingInline]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "scale"]
    list_filter = ["scale"]
    search_fields = ["label"]
    list_select_related = ["scale"]


@admin.register(Verdict)
class VerdictAdmin(VerdictWorkflowAdmin, VerdictExportAdminMixin, admin.ModelAdmin):
    list_display = ["claim", "rating", "status", "reviewer", "editor", "published_at"]
    list_filter = ["status", "rating__scale", "rating", "published_at"]
    search_fields = ["claim__text", "summary"]
    autocomplete_fields = ["claim"]
    filter_horizontal = ["evidence"]
    readonly_fields = ["created_at", "updated_at"]
    list_select_related = ["claim", "rating", "reviewer", "editor"]
    actions = [*VERDICT_ADMIN_ACTIONS, *VerdictExportAdminMixin.export_actions]


class ReadOnly:
    """Rows the app writes (ratings given blind, the audit trail, what matching found), to read:
    nobody adds or edits them here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewRating)
class ReviewRatingAdmin(ReadOnly, WorkflowFieldsReadOnly, admin.ModelAdmin):
    """Blind ratings, to read: a reviewer gives theirs on the review screen (so nobody else's shows
    first), and a rating is never changed afterwards."""

    list_display = ["claim", "reviewer", "rating", "created_at"]
    list_filter = ["reviewer"]
    autocomplete_fields = ["claim"]
    list_select_related = ["claim", "reviewer", "rating"]


@admin.register(ClaimSuggestion)
class ClaimSuggestionAdmin(ReadOnly, admin.ModelAdmin):
    """Possible matches, to read: a reviewer answers "Same claim" or "Not the same" on the claim
    page, which merges (undoably) or keeps the pair from being suggested again."""

    list_display = ["claim", "similar", "similarity", "state", "decided_by", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["claim", "similar", "attribution"]
    list_select_related = ["claim", "similar", "decided_by"]


@admin.register(ClaimVariant)
class ClaimVariantAdmin(ReadOnly, admin.ModelAdmin):
    """Reworded appearances and their word diffs, as matching found them."""

    list_display = ["claim", "attribution", "severity", "is_drift"]
    list_filter = ["severity", "is_drift"]
    raw_id_fields = ["claim", "attribution", "base"]
    list_select_related = ["claim", "attribution"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnly, admin.ModelAdmin):
    """The audit trail: read-only for everyone."""

    list_display = ["created_at", "actor", "action", "target_type", "target_id", "claim"]
    list_filter = ["action", "target_type"]
    search_fields = ["claim__text", "action"]
    list_select_related = ["actor", "claim"]
    readonly_fields = [
        "claim",
        "actor",
        "action",
        "target_type",
        "target_id",
        "changes",
        "created_at",
    ]

    def has_delete_permission(self, request, obj=None):
        return False


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    fields = readonly_fields = (
        "event",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "created_at",
    )
    can_delete = False
    max_num = 0


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["url", "owner", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "owner__username"]
    list_select_related = ["owner"]
    inlines = [WebhookDeliveryInline]


@admin.register(ExportJob)
class ExportJobAdmin(WorkflowFieldsReadOnly, admin.ModelAdmin):
    """Jobs are started from the export page and the verdict actions, which queue them."""

    list_display = ["__str__", "requested_by", "status", "rows_written", "rows_total", "created_at"]
    list_filter = ["status", "format"]
    list_select_related = ["requested_by"]

    def has_add_permission(self, request):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnly, admin.ModelAdmin):
    """The record of each delivery's attempts: read-only, like the audit trail."""

    list_display = ["__str__", "event", "status", "attempts", "response_status", "created_at"]
    list_filter = ["status", "event"]
    list_select_related = ["webhook"]
