"""``GET /api/v1/exports/verdicts/?format=csv|jsonl|claimreview``: a streamed verdict export.

DRF treats a ``format`` query parameter as a renderer choice and answers 404 when no renderer is
named so. Here ``format`` names the export format instead: this view's negotiation ignores it and
always picks JSON, which is only used for error responses; the export itself is streamed as-is.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.views import APIView

from claims.exports.claimreview import ClaimReviewInvalid
from claims.exports.formats import FORMATS, export_check, export_queryset, export_streaming_response
from claims.exports.forms import ExportForm, form_errors
from claims.exports.permissions import can_export_all, can_export_published
from claims.models import Verdict
from factcheck.api_renderers import JSONRenderer


class ErrorsAsJSON(BaseContentNegotiation):
    """Leave ``?format=`` to the view; errors are always JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class UnprocessableExport(ValidationError):
    """422 naming every verdict that cannot become valid ClaimReview."""

    status_code = 422
    default_code = "invalid_claimreview"

    def __init__(self, problems: list[str]):
        super().__init__(
            {"detail": "Some verdicts are not valid ClaimReview.", "problems": problems}
        )


@extend_schema(
    summary="Export verdicts",
    description=(
        "Streams verdicts as CSV (one row per verdict, UTF-8 with a byte order mark), JSON Lines "
        "(full records) or a JSON array of schema.org ClaimReview documents. API clients get "
        "published verdicts only; editors may pass `status`. A ClaimReview export containing a "
        "verdict Google would reject answers 422 naming each missing field."
    ),
    parameters=[
        OpenApiParameter("format", str, enum=list(FORMATS), required=True),
        OpenApiParameter("since", OpenApiTypes.DATE, description="Published on or after"),
        OpenApiParameter("until", OpenApiTypes.DATE, description="Published on or before"),
        OpenApiParameter("rating", int, many=True, description="Rating ids"),
        OpenApiParameter("outlet", str, description="Outlet of an article carrying the claim"),
        OpenApiParameter("speaker", str, description="Part of a speaker's name"),
        OpenApiParameter(
            "status", str, many=True, enum=Verdict.Status.values, description="Editors only"
        ),
    ],
    responses={
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV"),
        (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.BINARY, description="JSONL"),
        (200, "application/ld+json"): OpenApiResponse(OpenApiTypes.OBJECT, description="JSON-LD"),
        400: OpenApiResponse(description="Invalid parameters"),
        403: OpenApiResponse(description="Not an editor or API client"),
        422: OpenApiResponse(description="Invalid ClaimReview documents, named"),
    },
)
class VerdictExportView(APIView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = ErrorsAsJSON

    def api_access(self, request: Request) -> bool:
        """Asked by ``ApiPermission``: editors and API clients export."""
        if not can_export_published(request.user):
            raise PermissionDenied("Exporting verdicts needs an editor or API client account.")
        return True

    def get(self, request: Request):
        form = ExportForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        filters = form.filters()
        editor = can_export_all(request.user)
        if not editor and set(filters.statuses) - {Verdict.Status.PUBLISHED}:
            raise PermissionDenied("API clients can export published verdicts only.")
        export_format = form.export_format()
        queryset = export_queryset(
            export_format=export_format, filters=filters, published_only=not editor
        )
        try:
            export_check(export_format=export_format, queryset=queryset)
        except ClaimReviewInvalid as exc:
            raise UnprocessableExport(exc.problems) from exc
        return export_streaming_response(export_format=export_format, queryset=queryset)
