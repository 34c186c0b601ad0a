import datetime

import pytest
from django.utils import timezone

from articles.feeds import FULL_CONTENT_MIN_WORDS, feed_poll, parse_feed
from articles.models import Article, Feed, FeedEntry
from articles.tasks import poll_due_feeds
from tests.articles.conftest import Route, item, not_modified_for, rss
from tests.factories import FeedFactory

pytestmark = pytest.mark.django_db

FULL_TEXT = " ".join(
    f"Paragraph {n} says the council met on Monday and voted on the harbour budget."
    for n in range(FULL_CONTENT_MIN_WORDS // 10)
)


def test_parse_feed_reads_entries_and_refuses_non_feeds():
    title, entries = parse_feed(rss(item("g1", "http://gazette.test/1")))

    assert title == "Harbour Gazette"
    assert entries[0].guid == "g1"
    assert entries[0].published == datetime.datetime(2024, 6, 25, 10, tzinfo=datetime.UTC)
    from articles.feeds import FeedError

    with pytest.raises(FeedError, match="Not an RSS or Atom feed"):
        parse_feed(b"<html><body>hello</body></html>", content_type="text/html")


def test_poll_ingests_full_content_directly_and_queues_teaser_links(
    local_server, allow_private, django_capture_on_commit_callbacks
):
    local_server.routes["/feed.xml"] = Route(
        body=rss(
            item("full-1", "http://gazette.test/full", content=FULL_TEXT),
            item("teaser-2", "http://gazette.test/teaser"),
        ),
        headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'},
    )
    feed = FeedFactory(url=local_server.url("/feed.xml"), outlet="Harbour Gazette", title="")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = feed_poll(feed=feed)

    assert (result.created, result.queued, result.failed) == (1, 1, 0)
    full = Article.objects.get(url="http://gazette.test/full")
    assert full.origin == Article.Origin.FEED
    assert full.feed == feed
    assert full.outlet == "Harbour Gazette"
    assert full.title == "Story full-1"
    assert full.text.startswith("Paragraph 0 says")
    teaser = Article.objects.get(url="http://gazette.test/teaser")
    assert teaser.status == Article.Status.QUEUED
    assert teaser.text == ""
    # One extraction (full entry) and one fetch (teaser) wait for the commit.
    assert len(callbacks) == 2
    assert set(FeedEntry.objects.values_list("guid", "article__url")) == {
        ("full-1", "http://gazette.test/full"),
        ("teaser-2", "http://gazette.test/teaser"),
    }
    feed.refresh_from_db()
    assert feed.etag == '"v1"'
    assert feed.title == "Harbour Gazette"
    assert feed.consecutive_failures == 0
    assert feed.next_poll_at > timezone.now() + datetime.timedelta(minutes=29)


def test_each_entry_is_ingested_once(local_server, allow_private):
    local_server.routes["/feed.xml"] = Route(
        body=rss(item("g1", "http://gazette.test/1")), headers={"Content-Type": "text/xml"}
    )
    feed = FeedFactory(url=local_server.url("/feed.xml"))

    feed_poll(feed=feed)
    second = feed_poll(feed=feed)

    assert second.seen == 1
    assert Article.objects.count() == 1
    assert FeedEntry.objects.count() == 1


def test_conditional_get_304_creates_nothing_and_updates_last_polled(local_server, allow_private):
    local_server.routes["/feed.xml"] = not_modified_for('"v7"', "Tue, 25 Jun 2024 10:00:00 GMT")
    feed = FeedFactory(url=local_server.url("/feed.xml"))
    Feed.objects.filter(pk=feed.pk).update(
        etag='"v7"', last_modified="Tue, 25 Jun 2024 10:00:00 GMT"
    )
    feed.refresh_from_db()

    result = feed_poll(feed=feed)

    assert result.not_modified
    assert len(local_server.requests) == 1
    assert Article.objects.count() == 0
    feed.refresh_from_db()
    assert feed.last_polled_at is not None
    assert feed.etag == '"v7"'


def test_feed_errors_are_recorded_with_backoff(local_server, allow_private):
    local_server.routes["/feed.xml"] = Route(500, b"oops")
    feed = FeedFactory(url=local_server.url("/feed.xml"), poll_interval_minutes=10)

    feed_poll(feed=feed)
    feed_poll(feed=feed)

    feed.refresh_from_db()
    assert feed.consecutive_failures == 2
    assert "500" in feed.last_error
    assert feed.next_poll_at > timezone.now() + datetime.timedelta(minutes=39)


def test_feed_on_a_private_address_is_refused():
    feed = FeedFactory(url="http://10.0.0.1/feed.xml")

    feed_poll(feed=feed)

    feed.refresh_from_db()
    assert feed.last_error == "Refused: 10.0.0.1 is a private address"
    assert feed.consecutive_failures == 1


def test_poll_due_feeds_queues_only_due_active_feeds(
    django_capture_on_commit_callbacks, monkeypatch
):
    polled = []
    monkeypatch.setattr("articles.tasks.poll_feed.delay", polled.append)
    now = timezone.now()
    due = FeedFactory(next_poll_at=now - datetime.timedelta(minutes=1))
    never = FeedFactory(next_poll_at=None)
    FeedFactory(next_poll_at=now + datetime.timedelta(minutes=5))
    FeedFactory(next_poll_at=None, is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        queued = poll_due_feeds()
    with django_capture_on_commit_callbacks(execute=True):
        again = poll_due_feeds()

    assert queued == 2
    assert sorted(polled) == sorted([due.pk, never.pk])
    assert again == 0


def test_a_poll_keeps_an_admin_edit_made_while_it_ran(local_server, allow_private, monkeypatch):
    local_server.routes["/feed.xml"] = Route(
        body=rss(item("g1", "http://gazette.test/1")),
        headers={"Content-Type": "application/rss+xml"},
    )
    feed = FeedFactory(url=local_server.url("/feed.xml"), outlet="Gazette", title="")
    from articles import feeds

    real_fetch = feeds.fetch_url

    def fetch_while_an_editor_saves(*args, **kwargs):
        Feed.objects.filter(pk=feed.pk).update(outlet="Harbour Gazette", is_active=False)
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(feeds, "fetch_url", fetch_while_an_editor_saves)
    feed_poll(feed=feed, extract=False)

    feed.refresh_from_db()
    assert (feed.outlet, feed.is_active) == ("Harbour Gazette", False)
    assert feed.title == "Harbour Gazette"
    assert feed.last_polled_at is not None
