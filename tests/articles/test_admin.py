"""The articles admin actions: "Retry" on failed articles and "Poll now" on feeds.

Driven through the changelist POST as an editor would; tasks run in-process (eagerly), and
every HTTP request goes to the local server on 127.0.0.1.
"""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article, Feed, FeedEntry
from tests.articles.conftest import Route, item, rss
from tests.factories import ArticleFactory, FeedFactory

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")
FEEDS = reverse("admin:articles_feed_changelist")

QUOTED = (
    "“The bridge will reopen in May,” the mayor said on Monday. "
    "Engineers had warned that the structure was unsafe for heavy traffic."
)
PAGE = (
    "<html lang='en'><head><title>Bridge to reopen</title></head><body><article>"
    f"<h1>Bridge to reopen</h1><p>{QUOTED}</p><p>Residents welcomed the news.</p>"
    "</article></body></html>"
).encode()
# Long enough (150+ words) for the feed entry to be taken as the article itself.
FULL_TEXT = " ".join(
    f"Paragraph {n} says the council met on Monday and voted on the harbour budget."
    for n in range(16)
)


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def run_action(client, changelist: str, action: str, ids: list[int]):
    return client.post(changelist, {"action": action, "_selected_action": ids})


def test_retry_re_extracts_a_failed_text_article(
    client, editor, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        url="",
        origin=Article.Origin.TEXT,
        text=QUOTED,
        status=Article.Status.FAILED,
        error="Extraction failed: worker lost",
    )
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = run_action(client, ARTICLES, "retry_articles", [article.pk])

    assert response.status_code == 302
    assert len(callbacks) == 1, "one extraction task, queued on commit"
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.EXTRACTED, "")
    assert article.extractor_version
    attribution = article.attributions.get(kind="direct")
    assert attribution.content.startswith("The bridge will reopen in May")
    assert messages_of(response) == [("success", "1 article(s) queued again.")]


def test_retry_refetches_a_failed_url_article_from_its_server(
    client, editor, local_server, allow_private, django_capture_on_commit_callbacks
):
    local_server.routes["/bridge"] = Route(
        body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    article = ArticleFactory(
        url=local_server.url("/bridge"),
        origin=Article.Origin.URL,
        title="",
        text="",
        raw="",
        content_hash=None,
        status=Article.Status.FAILED,
        error="Timed out after 5 s",
    )
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, ARTICLES, "retry_articles", [article.pk])

    assert [path for path, _ in local_server.requests] == ["/bridge"]
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.EXTRACTED, "")
    assert article.title == "Bridge to reopen"
    assert article.raw == PAGE.decode()
    assert article.text.startswith("“The bridge will reopen in May,”")
    assert article.attributions.filter(kind="direct").exists()
    assert messages_of(response) == [("success", "1 article(s) queued again.")]


def test_retry_leaves_extracted_articles_alone_and_says_so(
    client, editor, django_capture_on_commit_callbacks
):
    failed = ArticleFactory(url="", text=QUOTED, status=Article.Status.FAILED, error="boom")
    done = ArticleFactory(status=Article.Status.EXTRACTED)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = run_action(client, ARTICLES, "retry_articles", [failed.pk, done.pk])

    assert len(callbacks) == 1, "only the failed article is queued"
    done_before = done.updated_at
    done.refresh_from_db()
    assert done.updated_at == done_before
    assert messages_of(response) == [
        ("success", "1 article(s) queued again."),
        ("warning", "1 article(s) left alone: only failed or queued articles are retried."),
    ]


def test_poll_now_reads_the_feed_into_articles(
    client, editor, local_server, allow_private, django_capture_on_commit_callbacks
):
    local_server.routes["/feed.xml"] = Route(
        body=rss(
            item("full-1", "http://gazette.test/full", content=FULL_TEXT),
            item("teaser-2", local_server.url("/bridge")),
        ),
        headers={"Content-Type": "application/rss+xml"},
    )
    local_server.routes["/bridge"] = Route(
        body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    feed = FeedFactory(url=local_server.url("/feed.xml"), outlet="Harbour Gazette")
    other = FeedFactory(url=local_server.url("/other.xml"))
    assert feed.last_polled_at is None
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, FEEDS, "poll_now", [feed.pk])

    assert response.status_code == 302
    assert messages_of(response) == [("success", "1 feed(s) queued for polling.")]
    feed.refresh_from_db()
    assert feed.last_polled_at is not None
    assert (feed.last_error, feed.consecutive_failures) == ("", 0)
    assert feed.next_poll_at > feed.last_polled_at
    assert set(FeedEntry.objects.filter(feed=feed).values_list("guid", flat=True)) == {
        "full-1",
        "teaser-2",
    }
    full = Article.objects.get(url="http://gazette.test/full")
    teaser = Article.objects.get(url=local_server.url("/bridge"))
    assert (full.feed, full.origin, full.outlet) == (feed, Article.Origin.FEED, "Harbour Gazette")
    assert full.text.startswith("Paragraph 0 says")
    # The teaser's page was fetched; the feed's title for the entry wins over the page's.
    assert "/bridge" in [path for path, _ in local_server.requests]
    assert teaser.text.startswith("“The bridge will reopen in May,”")
    assert teaser.title == "Story teaser-2"
    assert {full.status, teaser.status} == {Article.Status.EXTRACTED}
    # The feed that was not selected was not polled.
    assert "/other.xml" not in [path for path, _ in local_server.requests]
    assert Feed.objects.get(pk=other.pk).last_polled_at is None


def test_poll_now_records_a_broken_feed_on_the_feed(
    client, editor, local_server, allow_private, django_capture_on_commit_callbacks
):
    local_server.routes["/feed.xml"] = Route(status=503, body=b"down for maintenance")
    feed = FeedFactory(url=local_server.url("/feed.xml"))
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, FEEDS, "poll_now", [feed.pk])

    assert messages_of(response) == [("success", "1 feed(s) queued for polling.")]
    feed.refresh_from_db()
    assert feed.last_polled_at is not None
    assert feed.consecutive_failures == 1
    assert "503" in feed.last_error
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("model", "action"),
    [(Article, "retry_articles"), (Feed, "poll_now")],
    ids=["retry", "poll_now"],
)
def test_reviewers_are_not_offered_the_actions(reviewer, model, action):
    request = RequestFactory().get("/")
    request.user = reviewer
    model_admin = admin.site._registry[model]

    assert model_admin.has_view_permission(request)
    assert not model_admin.has_change_permission(request)
    assert action not in model_admin.get_actions(request)


def test_a_reviewer_posting_retry_changes_nothing(
    client, reviewer, django_capture_on_commit_callbacks
):
    article = ArticleFactory(url="", text=QUOTED, status=Article.Status.FAILED, error="boom")
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = run_action(client, ARTICLES, "retry_articles", [article.pk])

    assert response.status_code in {200, 302, 403}
    assert callbacks == []
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.FAILED, "boom")
    assert not article.attributions.exists()
    assert ("success", "1 article(s) queued again.") not in messages_of(response)


def test_a_reviewer_posting_poll_now_polls_nothing(
    client, reviewer, local_server, allow_private, django_capture_on_commit_callbacks
):
    local_server.routes["/feed.xml"] = Route(
        body=rss(item("g1", "http://gazette.test/1", content=FULL_TEXT)),
        headers={"Content-Type": "application/rss+xml"},
    )
    feed = FeedFactory(url=local_server.url("/feed.xml"))
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run_action(client, FEEDS, "poll_now", [feed.pk])

    assert callbacks == []
    assert local_server.requests == []
    feed.refresh_from_db()
    assert feed.last_polled_at is None
    assert not Article.objects.exists()
