"""Polling RSS and Atom feeds: conditional GET through the guarded fetcher, each entry once.

feedparser only ever parses bytes that ``articles.fetching`` fetched; it is never given a URL, so
it cannot make requests of its own (its fetcher knows nothing of the address guard).
"""

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import feedparser
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.cleaning import CleaningError, clean_document
from articles.fetching import FEED_CONTENT_TYPES, FetchError, fetch_url
from articles.models import Article, Feed, FeedEntry
from articles.services import (
    DuplicateArticle,
    InvalidSubmission,
    article_create_from_document,
    article_create_from_url,
    normalized_url_or_none,
)

logger = logging.getLogger(__name__)

# An entry whose content has at least this many words is the article itself, not a teaser.
FULL_CONTENT_MIN_WORDS = 150
# Failing feeds are polled less often: interval * 2**failures, up to this.
MAX_BACKOFF = datetime.timedelta(hours=24)


class FeedError(Exception):
    """The feed could not be read; the message is stored on the feed for the admin."""


@dataclass(frozen=True)
class ParsedEntry:
    guid: str
    link: str
    title: str
    content_html: str
    published: datetime.datetime | None


@dataclass
class PollResult:
    not_modified: bool = False
    created: int = 0
    queued: int = 0
    seen: int = 0
    duplicates: int = 0
    failed: int = 0


def parse_feed(content: bytes, *, content_type: str = "") -> tuple[str, list[ParsedEntry]]:
    """The feed title and its entries, or FeedError when the bytes are not a feed."""
    parsed = feedparser.parse(
        content, response_headers={"content-type": content_type or "text/xml"}
    )
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FeedError(f"Not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    entries = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        guid = (entry.get("id") or link).strip()
        if not guid:
            continue
        contents = [part.get("value", "") for part in entry.get("content", [])]
        content_html = max(contents, key=len) if contents else ""
        summary = entry.get("summary", "") or ""
        if len(summary) > len(content_html):
            content_html = summary
        entries.append(
            ParsedEntry(
                guid=guid[:2000],
                link=link,
                title=(entry.get("title") or "").strip(),
                content_html=content_html,
                published=_entry_date(entry),
            )
        )
    return (parsed.feed.get("title") or "").strip(), entries


def _entry_date(entry: Any) -> datetime.datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                year, month, day, hour, minute, second = value[:6]
                return datetime.datetime(
                    year, month, day, hour, minute, second, tzinfo=datetime.UTC
                )
            except (TypeError, ValueError):
                continue
    return None


def _is_full_content(content_html: str) -> bool:
    if not content_html:
        return False
    try:
        text = clean_document(content_html, content_type="text/html").text
    except CleaningError:
        return False
    return len(text.split()) >= FULL_CONTENT_MIN_WORDS


def feed_poll(*, feed: Feed, extract: bool = True) -> PollResult:
    """Poll ``feed`` once; record success or the error (with backoff) on the feed row."""
    now = timezone.now()
    try:
        result = fetch_url(
            feed.url,
            accept=FEED_CONTENT_TYPES,
            etag=feed.etag,
            last_modified=feed.last_modified,
        )
        if result.not_modified:
            _record_poll(feed, now=now)
            return PollResult(not_modified=True)
        title, entries = parse_feed(result.content, content_type=result.content_type)
    except (FetchError, FeedError) as exc:
        _record_poll(feed, now=now, error=getattr(exc, "message", None) or str(exc))
        return PollResult()
    outcome = PollResult()
    for entry in entries:
        _ingest_entry(feed, entry, outcome, extract=extract)
    feed.title = feed.title or title[:300]
    feed.etag = result.etag[:300]
    feed.last_modified = result.last_modified[:100]
    _record_poll(feed, now=now, also_saved=["title", "etag", "last_modified"])
    return outcome


def _record_poll(
    feed: Feed,
    *,
    now: datetime.datetime,
    error: str | None = None,
    also_saved: Sequence[str] = (),
) -> None:
    """Note the poll on the feed row and schedule the next one, backing off after failures.

    Only the polling fields are saved, so an edit made in the admin during the poll stays.
    """
    interval = datetime.timedelta(minutes=feed.poll_interval_minutes)
    feed.last_polled_at = now
    if error is None:
        feed.consecutive_failures = 0
        feed.last_error = ""
    else:
        feed.last_error = error
        feed.consecutive_failures += 1
        interval = min(interval * 2 ** min(feed.consecutive_failures, 10), MAX_BACKOFF)
    feed.next_poll_at = now + interval
    feed.save(
        update_fields=[
            "last_polled_at",
            "next_poll_at",
            "last_error",
            "consecutive_failures",
            "updated_at",
            *also_saved,
        ]
    )


def _ingest_entry(feed: Feed, entry: ParsedEntry, outcome: PollResult, *, extract: bool) -> None:
    """Create the entry's article (from its content, or by queuing its link) exactly once."""
    if FeedEntry.objects.filter(feed=feed, guid=entry.guid).exists():
        outcome.seen += 1
        return
    try:
        with transaction.atomic():
            seen = FeedEntry.objects.create(feed=feed, guid=entry.guid)
            seen.article = _entry_article(feed, entry, outcome, extract=extract)
            seen.save(update_fields=["article"])
    except IntegrityError:
        # The same entry is being ingested by a concurrent poll of this feed.
        outcome.seen += 1


def _entry_article(
    feed: Feed, entry: ParsedEntry, outcome: PollResult, *, extract: bool
) -> Article | None:
    link = entry.link if normalized_url_or_none(entry.link) else None
    try:
        if _is_full_content(entry.content_html):
            article = article_create_from_document(
                data=entry.content_html,
                content_type="text/html",
                origin=Article.Origin.FEED,
                url=link,
                title=entry.title or None,
                outlet=feed.outlet or None,
                published=entry.published,
                feed=feed,
                extract=extract,
            )
            outcome.created += 1
            return article
        if link:
            article = article_create_from_url(
                url=link,
                title=entry.title or None,
                outlet=feed.outlet or None,
                published=entry.published,
                origin=Article.Origin.FEED,
                feed=feed,
                extract=extract,
            )
            outcome.queued += 1
            return article
    except DuplicateArticle as duplicate:
        outcome.duplicates += 1
        return duplicate.existing
    except (InvalidSubmission, CleaningError) as exc:
        logger.info("Feed %s entry %s not ingested: %s", feed.pk, entry.guid, exc)
    outcome.failed += 1
    return None
