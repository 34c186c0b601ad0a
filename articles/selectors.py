"""Reads for ingestion: the article list behind the API and the feeds due for polling."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from articles.models import Article, Feed


def article_list(*, status: str | None = None, outlet: str | None = None) -> QuerySet[Article]:
    """Articles newest first, without the large text columns (the list shows none of them)."""
    queryset = Article.objects.defer("raw", "text").select_related("feed")
    if status:
        queryset = queryset.filter(status=status)
    if outlet:
        queryset = queryset.filter(outlet=outlet)
    return queryset


def feeds_due(*, now: datetime.datetime | None = None) -> QuerySet[Feed]:
    """Active feeds never polled or whose next poll time has come."""
    now = now or timezone.now()
    return Feed.objects.filter(is_active=True).filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )
