"""Fetching a URL article's document, and trying a failed article again.

A fetched document whose text turns out to be an existing article's is kept, as ``failed`` with
"Duplicate of article N (same content)" and its raw document, so the submitter sees what happened
to their URL.
"""

import logging
import uuid

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.cleaning import CleaningError
from articles.fetching import FetchError, fetch_url
from articles.models import Article
from articles.services.content import apply_cleaned, read_document
from articles.services.dedupe import find_duplicate
from articles.services.queueing import mark_queued, queue_extraction, queue_fetch
from factcheck.work import RELEASED, claim_fields, unclaimed

logger = logging.getLogger(__name__)


def article_fetch(
    *,
    article: Article,
    extract: bool = True,
    raise_temporary: bool = False,
    task_id: str | None = None,
) -> None:
    """Fetch, clean and store a URL article; failures end as ``failed`` with the reason.

    The article is claimed first (queued, or fetching by a gone worker or by this very task on a
    retry), so a duplicate message fetches nothing twice.

    With ``raise_temporary`` a temporary failure (timeout, 503) is raised after being noted in
    ``error``, so the task can retry; on the last attempt it is recorded as the failure.
    """
    token = task_id or uuid.uuid4().hex
    taken = (
        Article.objects.filter(pk=article.pk)
        .filter(
            Q(status=Article.Status.QUEUED)
            | Q(status=Article.Status.FETCHING) & (unclaimed() | Q(claimed_task=token))
        )
        .update(
            status=Article.Status.FETCHING,
            claimed_task=token,
            attempts=F("attempts") + 1,
            updated_at=timezone.now(),
            **claim_fields(),
        )
    )
    if not taken:
        logger.info(
            "Article %s is %s or held by a worker, not fetching it", article.pk, article.status
        )
        return
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
    wanted = extract and article.status == Article.Status.QUEUED
    article.queued_at = timezone.now() if wanted else None
    _release(article)
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
    if wanted:
        queue_extraction(article)


def _release(article: Article) -> None:
    article.claimed_task = ""
    for field, value in RELEASED.items():
        setattr(article, field, value)


def _record_content_duplicate(article: Article, existing: Article) -> None:
    article.content_hash = None
    article.status = Article.Status.FAILED
    article.error = f"Duplicate of article {existing.pk} (same content)"
    _release(article)
    article.save()


def _set_status(article: Article, status: str, error: str) -> None:
    article.status = status
    article.error = error
    Article.objects.filter(pk=article.pk).update(
        status=status, error=error, claimed_task="", updated_at=timezone.now(), **RELEASED
    )


def article_retry(*, article: Article) -> Article:
    """Try a failed (or stuck) article again: URL articles are refetched, others re-extracted."""
    needs_fetch = bool(article.url) and (not article.text or article.origin == Article.Origin.URL)
    article.status = Article.Status.QUEUED
    article.error = ""
    article.attempts = 0
    mark_queued(article)
    fields = ["status", "error", "attempts", "queued_at", "updated_at"]
    if needs_fetch:
        article.content_hash = None
        article.save(update_fields=[*fields, "content_hash"])
        queue_fetch(article, extract=True)
    else:
        article.save(update_fields=fields)
        queue_extraction(article)
    return article
