"""Admin actions exporting the selected verdicts, registered on ``VerdictAdmin`` (claims/admin.py).

Register them with the mixin, which also tells the admin who may see them::

    class VerdictAdmin(VerdictExportAdminMixin, admin.ModelAdmin):
        actions = [*VerdictExportAdminMixin.export_actions]

Drafts are exported as they are, marked by their status (CSV, JSON Lines). ClaimReview covers
published verdicts only: the others in the selection are named in a warning.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect

from claims.exports.claimreview import ClaimReviewInvalid
from claims.exports.formats import FORMATS, export_check, export_queryset, export_streaming_response
from claims.exports.permissions import can_export_all
from claims.exports.selectors import ExportFilters
from claims.exports.services import export_async_threshold, export_job_create
from claims.models import Verdict
from factcheck.auth import acting_user

MAX_NAMED = 20


def _export(
    modeladmin: admin.ModelAdmin, request: HttpRequest, selected: QuerySet[Verdict], name: str
) -> HttpResponseBase | None:
    export_format = FORMATS[name]
    ids = tuple(selected.order_by("pk").values_list("pk", flat=True))
    filters = ExportFilters(verdict_ids=ids)
    if export_format.published_only:
        left_out = list(
            selected.exclude(status=Verdict.Status.PUBLISHED).values_list("pk", flat=True)
        )
        if left_out:
            named = ", ".join(str(pk) for pk in left_out[:MAX_NAMED])
            more = f" and {len(left_out) - MAX_NAMED} more" if len(left_out) > MAX_NAMED else ""
            modeladmin.message_user(
                request,
                f"Not published, so left out of the ClaimReview export: verdict {named}{more}.",
                messages.WARNING,
            )
    if len(ids) > export_async_threshold():
        try:
            job = export_job_create(export_format=name, filters=filters, actor=acting_user(request))
        except ValidationError as exc:
            modeladmin.message_user(request, exc.messages[0], messages.ERROR)
            return None
        modeladmin.message_user(request, f"{len(ids)} verdicts are exported in the background.")
        return redirect("exports:job", job_id=job.pk)
    queryset = export_queryset(export_format=export_format, filters=filters)
    try:
        export_check(export_format=export_format, queryset=queryset)
    except ClaimReviewInvalid as exc:
        shown = "; ".join(exc.problems[:MAX_NAMED])
        more = (
            f" (and {len(exc.problems) - MAX_NAMED} more)" if len(exc.problems) > MAX_NAMED else ""
        )
        modeladmin.message_user(
            request, f"Nothing was exported. Fix these first: {shown}{more}", messages.ERROR
        )
        return None
    return export_streaming_response(export_format=export_format, queryset=queryset)


@admin.action(description="Export selected verdicts as CSV", permissions=["export"])
def export_verdicts_csv(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "csv")


@admin.action(description="Export selected verdicts as JSON Lines", permissions=["export"])
def export_verdicts_jsonl(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "jsonl")


@admin.action(
    description="Export selected verdicts as ClaimReview JSON-LD (published only)",
    permissions=["export"],
)
def export_verdicts_claimreview(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "claimreview")


class VerdictExportAdminMixin:
    """Gives ``VerdictAdmin`` the export actions, shown to users with ``claims.export_verdict``."""

    export_actions = [export_verdicts_csv, export_verdicts_jsonl, export_verdicts_claimreview]
    actions = export_actions

    def has_export_permission(self, request: HttpRequest) -> bool:
        return can_export_all(request.user)
