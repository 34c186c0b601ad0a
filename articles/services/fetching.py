"""Fetching a URL article's document, and trying a failed article again.

A fetched document whose text turns out to be an existing article's is kept, as ``failed`` with
"Duplicate of article N (same content)" and its raw document, so the submitter sees what happened
to their URL.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.cleaning import CleaningError
from articles.fetching import FetchError, fetch_url
from articles.models import Article
from articles.services.content import apply_cleaned, read_document
from articles.services.dedupe import find_duplicate
from articles.services.queueing import queue_extraction, queue_fetch

logger = logging.getLogger(__name__)


def article_fetch(*, article: Article, extract: bool = True, raise_temporary: bool = False) -> None:
    """Fetch, clean and store a URL article; failures end as ``failed`` with the reason.

    With ``raise_temporary`` a temporary failure (timeout, 503) is raised after being noted in
    ``error``, so the task can retry; on the last attempt it is recorded as the failure.
    """
    if article.status not in {Article.Status.QUEUED, Article.Status.FETCHING}:
        logger.info("Article %s is %s, not fetching it again", article.pk, article.status)
        return
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.FETCHING, updated_at=timezone.now()
    )
    article.status = Article.Status.FETCHING
    try:
        result = fetch_url(article.url)
    except FetchError as exc:
        if exc.temporary and raise_temporary:
            _set_status(article, Article.Status.QUEUED, f"{exc.message}; will retry")
            raise
        _set_status(article, Article.Status.FAILED, exc.message)
        return
    article.raw_content_type = result.content_type[:100]
    try:
        raw, cleaned = read_document(
            result.content, content_type=result.content_type, url=result.url
        )
    except CleaningError as exc:
        _set_status(article, Article.Status.FAILED, str(exc))
        return
    article.raw = raw
    apply_cleaned(
        article,
        cleaned,
        title=article.title or None,
        byline=None,
        outlet=article.outlet or None,
        published=article.published_at,
    )
    duplicate = find_duplicate(normalized_url=None, text_hash=article.content_hash)
    if duplicate is not None and duplicate.existing.pk != article.pk:
        _record_content_duplicate(article, duplicate.existing)
        return
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        existing = Article.objects.filter(content_hash=article.content_hash).first()
        if existing is None:
            raise
        article.refresh_from_db(fields=["normalized_url"])
        _record_content_duplicate(article, existing)
        return
    if extract and article.status == Article.Status.QUEUED:
        queue_extraction(article)


def _record_content_duplicate(article: Article, existing: Article) -> None:
    article.content_hash = None
    article.status = Article.Status.FAILED
    article.error = f"Duplicate of article {existing.pk} (same content)"
    article.save()


def _set_status(article: Article, status: str, error: str) -> None:
    article.status = status
    article.error = error
    Article.objects.filter(pk=article.pk).update(
        status=status, error=error, updated_at=timezone.now()
    )


def article_retry(*, article: Article) -> Article:
    """Try a failed (or stuck) article again: URL articles are refetched, others re-extracted."""
    needs_fetch = bool(article.url) and (not article.text or article.origin == Article.Origin.URL)
    article.status = Article.Status.QUEUED
    article.error = ""
    if needs_fetch:
        article.content_hash = None
        article.save(update_fields=["status", "error", "content_hash", "updated_at"])
        queue_fetch(article, extract=True)
    else:
        article.save(update_fields=["status", "error", "updated_at"])
        queue_extraction(article)
    return article
