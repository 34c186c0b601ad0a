"""Celery entry points for ingestion: each loads its row by id and calls a service."""

import datetime
import logging

from celery import shared_task
from django.utils import timezone

from articles.feeds import feed_poll
from articles.fetching import FetchError
from articles.models import Article, Feed
from articles.selectors import feeds_due
from articles.services import article_fetch
from factcheck.work import TEMPORARY_ERRORS, enqueue_on_commit, retry_countdown

logger = logging.getLogger(__name__)


class TemporaryFetchError(Exception):
    """A fetch that may work later (timeout, 503); the only error fetch_article retries."""


@shared_task(
    bind=True,
    autoretry_for=(TemporaryFetchError,),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=3,
    acks_late=True,
)
def fetch_article(self, article_id: int, extract: bool = True) -> None:
    """Fetch and clean a URL article; safe to run twice (a fetched article is left alone)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        logger.warning("fetch_article: article %s no longer exists", article_id)
        return
    # In-process (eager) runs have no one to retry later, so their first failure is final.
    last_attempt = self.request.is_eager or self.request.retries >= self.max_retries
    try:
        article_fetch(
            article=article,
            extract=extract,
            raise_temporary=not last_attempt,
            task_id=self.request.id,
        )
    except FetchError as exc:
        raise TemporaryFetchError(exc.message) from exc
    except TEMPORARY_ERRORS as exc:
        # The database or broker is away: back off and come back (the claim is still this
        # task's); past WORK_RETRY_FOR the reconciler takes over once the claim goes stale.
        retries = self.request.retries or 0
        countdown = retry_countdown(retries)
        if countdown is None:
            raise
        # The countdown decides when to stop, not the max_retries of the fetch errors.
        raise self.retry(exc=exc, countdown=countdown, max_retries=retries + 1) from exc


@shared_task(acks_late=True)
def poll_feed(feed_id: int) -> None:
    """Poll one feed; its errors are recorded on the feed and retried by the next poll."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        logger.warning("poll_feed: feed %s no longer exists", feed_id)
        return
    feed_poll(feed=feed)


@shared_task
def poll_due_feeds() -> int:
    """Queue a poll for every feed that is due (run by Celery beat every minute)."""
    now = timezone.now()
    queued = 0
    for feed in feeds_due(now=now):
        # Push next_poll_at ahead first, so the next beat does not queue the same feed again
        # while this poll is waiting in the queue; the poll sets the real next time.
        claimed = Feed.objects.filter(pk=feed.pk, next_poll_at=feed.next_poll_at).update(
            next_poll_at=now + datetime.timedelta(minutes=feed.poll_interval_minutes)
        )
        if claimed:
            enqueue_on_commit(poll_feed, feed.pk)
            queued += 1
    return queued
