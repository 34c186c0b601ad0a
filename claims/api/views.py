"""Endpoints of the claims API under ``/api/v1/``.

Every resource here is read-only except webhooks: claims, attributions, stances, evidence and
verdicts change through the review services (``claims/services``), never through the API. Reading
needs the model's ``view_`` permission (see ``factcheck.api_permissions``); lists use cursor
pagination; detail, scorecard and graph answers carry an ``ETag`` and answer ``304 Not Modified``
to a matching ``If-None-Match``.
"""

import hashlib
from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api import filters, graph_serializers, webhook_serializers
from claims.api import serializers as api_serializers
from claims.api.renderers import GraphMLRenderer, JSONLDRenderer
from claims.api.throttling import GraphRateThrottle, TokenRateThrottle
from claims.models import (
    Attribution,
    Claim,
    Evidence,
    Source,
    Stance,
    Verdict,
    Webhook,
    WebhookDelivery,
)
from claims.selectors.claim_rows import published_verdicts, shown_appearances
from claims.selectors.graph import GraphSeedNotFound, claim_graph
from claims.selectors.matching import claim_suggestions, drift_list, variants_queryset
from claims.selectors.scorecards import source_scorecard
from claims.webhooks import webhook_create, webhook_update
from factcheck.api_renderers import JSONRenderer
from factcheck.auth import acting_user

# --- Shared pieces ----------------------------------------------------------------------------


class Pagination(CursorPagination):
    """Cursor pagination: stable pages while rows are being added, no COUNT query."""

    ordering: str | tuple[str, ...] = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class SourcePagination(Pagination):
    ordering = ("name", "id")


class ClaimPagination(Pagination):
    ordering = ("-created_at", "-id")


def _etag(body: str | bytes) -> str:
    data = body.encode() if isinstance(body, str) else body
    return f'"{hashlib.sha256(data).hexdigest()[:40]}"'


def _matches(if_none_match: str, etag: str) -> bool:
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in candidates or etag in candidates


def etag_response(view: APIView, request: Request, data: Any) -> HttpResponse | Response:
    """``data`` rendered once in the negotiated format, with an ETag (a hash of that body), or
    304 when it matches If-None-Match. Rendering once matters: encoding a 10,000-node graph a
    first time for the ETag and a second time for the body cost a quarter of the request."""
    renderer = request.accepted_renderer
    # The browsable page wraps the data in HTML; its ETag is that of the data as JSON.
    browsable = isinstance(renderer, BrowsableAPIRenderer)
    body = (JSONRenderer() if browsable else renderer).render(
        data, request.accepted_media_type, view.get_renderer_context()
    )
    headers = {"ETag": _etag(body), "Cache-Control": "private, no-cache"}
    if _matches(request.headers.get("If-None-Match", ""), headers["ETag"]):
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
    if browsable:
        return Response(data, headers=headers)
    content_type = renderer.media_type
    if renderer.charset:
        content_type = f"{content_type}; charset={renderer.charset}"
    return HttpResponse(body, content_type=content_type, headers=headers)


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Detail answers with an ETag, and 304 to a matching If-None-Match."""

    throttle_classes = [TokenRateThrottle]
    pagination_class = Pagination
    lookup_value_regex = r"\d+"

    def filter_queryset(self, queryset: Any) -> Any:
        # One row by id with no query parameters: every filter is empty and would leave the rows
        # as they are, but building the filter set (its form, a deep copy of each filter) was a
        # tenth of a detail answer's time.
        if self.detail and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    # The body comes back rendered already (etag_response), as an HttpResponse.
    def retrieve(  # type: ignore[override]
        self, request: Request, *args: Any, **kwargs: Any
    ) -> HttpResponse | Response:
        serializer = self.get_serializer(self.get_object())
        return etag_response(self, request, serializer.data)


# --- Resources --------------------------------------------------------------------------------


class SourceViewSet(ReadOnlyViewSet):
    """People, organizations, governments and outlets that speak or publish."""

    queryset = Source.objects.select_related("affiliation").prefetch_related("aliases")
    serializer_class = api_serializers.SourceSerializer
    filterset_class = filters.SourceFilter
    pagination_class = SourcePagination

    @extend_schema(responses=api_serializers.ScorecardSerializer)
    @action(detail=True, methods=["get"])
    def scorecard(self, request, pk=None):
        """Published verdicts by rating, claims and articles of this source."""
        source = self.get_object()
        card = source_scorecard(source=source)
        data = api_serializers.ScorecardSerializer(card, context={"request": request}).data
        return etag_response(self, request, data)

    def get_queryset(self):
        if self.action == "scorecard":
            return Source.objects.all()
        return super().get_queryset()

    def get_serializer_class(self):
        if self.action == "scorecard":
            return api_serializers.ScorecardSerializer
        return super().get_serializer_class()


class ClaimViewSet(ReadOnlyViewSet):
    """Claims with their appearances in articles, their speakers and their published verdict."""

    serializer_class = api_serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    pagination_class = ClaimPagination

    def get_queryset(self):
        if self.action == "similar":
            return Claim.objects.all()
        if self.action == "list":
            # The list serializer reads each page's appearances and verdicts as plain rows.
            return Claim.objects.only(
                "id", "text", "status", "canonical", "checkworthiness", "created_at", "updated_at"
            )
        appearances = (
            shown_appearances()
            .select_related("article", "speaker")
            .defer("article__text", "article__raw")
        )
        published = published_verdicts().select_related("rating", "rating__scale")
        claims = Claim.objects.prefetch_related(
            Prefetch("attributions", queryset=appearances, to_attr="appearances"),
            Prefetch("verdicts", queryset=published, to_attr="published_verdicts"),
        )
        if self.action == "retrieve":
            claims = claims.prefetch_related(
                Prefetch("variants", queryset=variants_queryset(), to_attr="variant_list")
            )
        return claims

    def get_serializer_class(self):
        if self.action == "retrieve":
            return api_serializers.ClaimDetailSerializer
        if self.action == "similar":
            return api_serializers.SuggestionSerializer
        return super().get_serializer_class()

    @extend_schema(
        responses=api_serializers.SuggestionSerializer(many=True), filters=False, parameters=[]
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def similar(self, request, pk=None):
        """Open suggestions involving this claim (either way round), best first, with their
        similarity and the reasons they were not merged: a reviewer decides on the claim page."""
        claim = self.get_object()
        suggestions = claim_suggestions(claim_id=claim.pk)
        data = api_serializers.SuggestionSerializer(suggestions, many=True).data
        return etag_response(self, request, data)


class DriftPagination(Pagination):
    ordering = ("-created_at", "-id")


class DriftViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """Quotes altered between outlets (a word diff against the speaker's earliest quote, or a
    changed number, negation or named entity), newest first."""

    throttle_classes = [TokenRateThrottle]
    serializer_class = api_serializers.DriftSerializer
    filterset_class = filters.DriftFilter
    pagination_class = DriftPagination

    def get_queryset(self):
        return drift_list()


class AttributionViewSet(ReadOnlyViewSet):
    """Appearances of claims in articles: who said it, how, and where (character spans)."""

    queryset = Attribution.objects.select_related("speaker")
    serializer_class = api_serializers.AttributionSerializer
    filterset_class = filters.AttributionFilter


class VerdictViewSet(ReadOnlyViewSet):
    """Verdicts. API clients see published ones only; reviewers and editors see every status."""

    serializer_class = api_serializers.VerdictSerializer
    filterset_class = filters.VerdictFilter

    def get_queryset(self):
        verdicts = Verdict.objects.select_related(
            "claim", "rating", "rating__scale"
        ).prefetch_related("evidence")
        if not self.request.user.has_perm("claims.change_verdict"):
            verdicts = verdicts.filter(status=Verdict.Status.PUBLISHED)
        return verdicts


class StanceViewSet(ReadOnlyViewSet):
    """Sources' positions on claims (supports, refutes, discusses)."""

    queryset = Stance.objects.select_related("source")
    serializer_class = api_serializers.StanceSerializer
    filterset_class = filters.StanceFilter


class EvidenceViewSet(ReadOnlyViewSet):
    """Citations bearing on claims, with their stance."""

    queryset = Evidence.objects.all()
    serializer_class = api_serializers.EvidenceSerializer
    filterset_class = filters.EvidenceFilter


# --- Graph ------------------------------------------------------------------------------------


class GraphView(APIView):
    """The claim graph around an article, a claim, a source or a full-text search.

    See ``claims.selectors.graph`` for the node and edge types. ``?format=graphml`` answers
    GraphML (Gephi), ``?format=jsonld`` JSON-LD with schema.org terms.
    """

    throttle_classes = [TokenRateThrottle, GraphRateThrottle]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, GraphMLRenderer, JSONLDRenderer]
    # The graph shows claims, attributions and sources: it needs the view permission of each.
    required_permissions = ("claims.view_claim", "claims.view_attribution", "claims.view_source")

    def api_access(self, request: Request) -> bool:
        """Asked by ``ApiPermission`` (the graph has no queryset of its own)."""
        return bool(request.user.has_perms(self.required_permissions))

    def perform_content_negotiation(self, request, force=False):
        """An unknown ``format`` is a 400 that lists the formats, not a bare 404."""
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            formats = ", ".join(r.format for r in self.renderer_classes if r.format != "api")
            raise ValidationError({"format": [f"Unknown format; use one of: {formats}."]}) from None

    @extend_schema(
        parameters=[
            graph_serializers.GraphQuerySerializer,
            OpenApiParameter(
                "format", str, enum=["json", "graphml", "jsonld"], description="Output format."
            ),
        ],
        responses={
            (200, "application/json"): graph_serializers.GraphSerializer,
            (200, "application/ld+json"): OpenApiTypes.OBJECT,
            (200, "application/graphml+xml"): OpenApiTypes.STR,
            304: OpenApiResponse(description="Not modified (If-None-Match matched the ETag)."),
            400: OpenApiResponse(description="Bad parameters."),
            404: OpenApiResponse(description="A seed does not exist."),
        },
    )
    def get(self, request):
        params = graph_serializers.GraphQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data
        try:
            graph = claim_graph(
                article_ids=[query["article"]] if query.get("article") else [],
                claim_ids=[query["claim"]] if query.get("claim") else [],
                source_ids=[query["source"]] if query.get("source") else [],
                text=query.get("q", ""),
                depth=query["depth"],
                limit=query["limit"],
            )
        except GraphSeedNotFound as exc:
            raise NotFound(exc.message) from exc
        return etag_response(self, request, graph.as_dict())


# --- Webhooks ---------------------------------------------------------------------------------


class WebhookViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Your webhooks: a POST signed with HMAC-SHA256 when a verdict is published or retracted.

    The secret is in the answer to the registration only. See ``claims.webhooks`` for headers.
    """

    serializer_class = webhook_serializers.WebhookSerializer
    throttle_classes = [TokenRateThrottle]
    pagination_class = Pagination
    lookup_value_regex = r"\d+"
    filterset_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Webhook.objects.none()
        return Webhook.objects.filter(owner=acting_user(self.request)).order_by("-id")

    @extend_schema(responses={201: webhook_serializers.WebhookCreatedSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        webhook = webhook_create(actor=acting_user(request), **serializer.validated_data)
        data = webhook_serializers.WebhookCreatedSerializer(webhook).data
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = webhook_update(
            webhook=serializer.instance,
            actor=acting_user(self.request),
            **serializer.validated_data,
        )

    @extend_schema(responses=webhook_serializers.WebhookDeliverySerializer(many=True))
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        """Deliveries of this webhook, newest first, with their attempts and last error."""
        webhook = self.get_object()
        page = self.paginate_queryset(
            WebhookDelivery.objects.filter(webhook=webhook).order_by("-id")
        )
        data = webhook_serializers.WebhookDeliverySerializer(page, many=True).data
        return self.get_paginated_response(data)
