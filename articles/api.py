"""REST API for submitting articles and following their processing.

``POST /api/v1/articles/`` takes exactly one of ``url``, ``html`` or ``text`` and answers
202 Accepted: the article is stored and its fetch/extraction runs in the background; its ``status``
and ``error`` are read back from ``GET /api/v1/articles/<id>/`` (the ``Location`` header).

A duplicate answers **409 Conflict** with ``{"detail", "duplicate_of", "url"}`` (``url`` is the API
address of the existing article): 409 rather than 200 so that a client can tell "stored now" from
"already there" by the status alone, and nothing was created by the request.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from articles.models import Article
from articles.selectors import article_list
from articles.services import (
    DuplicateArticle,
    InvalidSubmission,
    article_create_from_html,
    article_create_from_text,
    article_create_from_url,
)


@extend_schema_field(OpenApiTypes.STR)
class FlexibleDateField(serializers.Field):
    """A date ("2024-06-26") or a date-time with time zone; stored as a date-time."""

    default_error_messages = {"invalid": "Give a date (YYYY-MM-DD) or an ISO 8601 date-time."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            value = parse_date(data) or parse_datetime(data)
        except ValueError:
            value = None
        if value is None:
            self.fail("invalid")
        return value

    def to_representation(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else value


class ArticleSubmitSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000, required=False)
    html = serializers.CharField(required=False, trim_whitespace=False)
    text = serializers.CharField(required=False, trim_whitespace=False)
    title = serializers.CharField(max_length=500, required=False)
    outlet = serializers.CharField(max_length=200, required=False)
    published = FlexibleDateField(required=False)

    def validate_url(self, value: str) -> str:
        if not value.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError("Only http and https URLs can be submitted.")
        return value

    def _within_limit(self, value: str) -> str:
        # The same cap as fetched pages: past it, a document is not an article.
        limit = settings.FETCH_MAX_BYTES
        if len(value.encode("utf-8")) > limit:
            raise serializers.ValidationError(
                f"The document is larger than the {limit / 1_000_000:g} MB limit."
            )
        return value

    def validate_html(self, value: str) -> str:
        return self._within_limit(value)

    def validate_text(self, value: str) -> str:
        return self._within_limit(value)

    def validate(self, attrs):
        given = [name for name in ("url", "html", "text") if attrs.get(name)]
        if len(given) != 1:
            raise serializers.ValidationError(
                {"non_field_errors": ["Give exactly one of url, html or text."]}
            )
        return attrs


class ArticleSerializer(serializers.ModelSerializer):
    href = serializers.SerializerMethodField(help_text="This article in the API.")

    class Meta:
        model = Article
        fields = [
            "id",
            "href",
            "status",
            "error",
            "url",
            "canonical_url",
            "title",
            "byline",
            "outlet",
            "published_at",
            "language",
            "origin",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_href(self, article: Article) -> str:
        return article_api_url(article, request=self.context.get("request"))


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text"]
        read_only_fields = fields


def article_api_url(article: Article, *, request=None) -> str:
    path = reverse("articles_api:article-detail", args=[article.pk])
    return request.build_absolute_uri(path) if request else path


class ArticlePagination(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Submit articles (URL, HTML or text) and follow their status."""

    # DRF's default permission class (factcheck.api_permissions): reading needs
    # ``articles.view_article``, submitting ``articles.add_article``, and no read-only token submits.
    pagination_class = ArticlePagination
    filterset_fields = ["status", "outlet"]

    def get_queryset(self):
        if self.action == "retrieve":
            return Article.objects.select_related("feed")
        return article_list()

    def get_serializer_class(self):
        if self.action == "create":
            return ArticleSubmitSerializer
        if self.action == "retrieve":
            return ArticleDetailSerializer
        return ArticleSerializer

    def create(self, request, *args, **kwargs):
        submission = ArticleSubmitSerializer(data=request.data)
        submission.is_valid(raise_exception=True)
        data = submission.validated_data
        common = {
            "title": data.get("title"),
            "outlet": data.get("outlet"),
            "published": data.get("published"),
            "actor": request.user,
        }
        try:
            if data.get("url"):
                article = article_create_from_url(url=data["url"], **common)
            elif data.get("html"):
                article = article_create_from_html(html=data["html"], **common)
            else:
                article = article_create_from_text(text=data["text"], **common)
        except DuplicateArticle as duplicate:
            return Response(
                {
                    "detail": str(duplicate),
                    "duplicate_of": duplicate.existing.pk,
                    "url": article_api_url(duplicate.existing, request=request),
                },
                status=status.HTTP_409_CONFLICT,
            )
        except InvalidSubmission as exc:
            field = "url" if data.get("url") else "non_field_errors"
            return Response({field: [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        body = ArticleSerializer(article, context={"request": request}).data
        return Response(
            body,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": body["href"]},
        )
