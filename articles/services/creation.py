"""Creating articles from what a person or a feed submits: a document (HTML or text), or a URL."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict, Unpack

from articles.cleaning import CleaningError
from articles.models import Article, Feed
from articles.services.content import PublishedDate, apply_cleaned, published_at, read_document
from articles.services.dedupe import (
    InvalidSubmission,
    find_duplicate,
    normalized_url_or_none,
    save_new,
)
from articles.services.queueing import mark_queued, queue_extraction, queue_fetch

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class SubmissionDetails(TypedDict, total=False):
    """What a submitter may give besides the document; what they leave out is read from it."""

    url: str | None
    title: str | None
    outlet: str | None
    published: PublishedDate
    actor: User | None
    extract: bool


def article_create_from_document(
    *,
    data: bytes | str,
    content_type: str | None = None,
    origin: str = Article.Origin.TEXT,
    url: str | None = None,
    title: str | None = None,
    byline: str | None = None,
    outlet: str | None = None,
    published: PublishedDate = None,
    feed: Feed | None = None,
    actor: User | None = None,
    extract: bool = True,
) -> Article:
    """Store a received document (HTML or text) with its clean text; queue extraction if English.

    A document that cannot be cleaned (binary, undecodable, no text) is still stored when it is
    text, as ``failed`` with the reason, so nothing the submitter sent is lost; bytes that are not
    text at all raise CleaningError (there is no text to keep).
    """
    normalized_url = normalized_url_or_none(url)
    if url and normalized_url is None:
        raise InvalidSubmission(f"{url!r} is not an absolute http(s) URL")
    article = Article(
        url=(url or "")[:2000],
        normalized_url=normalized_url,
        origin=origin,
        raw_content_type=(content_type or "")[:100],
        feed=feed,
        submitted_by=actor,
    )
    try:
        raw, cleaned = read_document(data, content_type=content_type, url=url)
    except CleaningError as exc:
        if isinstance(data, bytes):
            raise
        article.raw = data
        article.title = (title or "")[:500]
        article.outlet = (outlet or "")[:200]
        article.status = Article.Status.FAILED
        article.error = str(exc)
        duplicate = find_duplicate(normalized_url=normalized_url, text_hash=None)
        if duplicate:
            raise duplicate from None
        return save_new(article)
    article.raw = raw
    apply_cleaned(article, cleaned, title=title, byline=byline, outlet=outlet, published=published)
    duplicate = find_duplicate(normalized_url=normalized_url, text_hash=article.content_hash)
    if duplicate:
        raise duplicate
    wanted = extract and article.status == Article.Status.QUEUED
    if wanted:
        mark_queued(article)
    save_new(article)
    if wanted:
        queue_extraction(article)
    return article


def article_create_from_text(*, text: str, **details: Unpack[SubmissionDetails]) -> Article:
    """Store pasted plain text: an article's body, or a whole page saved as text."""
    return article_create_from_document(
        data=text, content_type="text/plain", origin=Article.Origin.TEXT, **details
    )


def article_create_from_html(*, html: str, **details: Unpack[SubmissionDetails]) -> Article:
    """Store a page's HTML as submitted, without fetching anything."""
    return article_create_from_document(
        data=html, content_type="text/html", origin=Article.Origin.HTML, **details
    )


def article_create_from_url(
    *,
    url: str,
    title: str | None = None,
    outlet: str | None = None,
    published: PublishedDate = None,
    origin: str = Article.Origin.URL,
    feed: Feed | None = None,
    actor: User | None = None,
    extract: bool = True,
) -> Article:
    """Store a queued article for ``url`` and queue its fetch (after commit)."""
    normalized_url = normalized_url_or_none(url)
    if normalized_url is None or _url_scheme(url) not in {"http", "https"}:
        raise InvalidSubmission(f"{url!r} is not an absolute http(s) URL")
    duplicate = find_duplicate(normalized_url=normalized_url, text_hash=None)
    if duplicate:
        raise duplicate
    article = Article(
        url=url[:2000],
        normalized_url=normalized_url,
        title=(title or "")[:500],
        outlet=(outlet or "")[:200],
        published_at=published_at(published),
        origin=origin,
        feed=feed,
        submitted_by=actor,
        status=Article.Status.QUEUED,
    )
    mark_queued(article)
    save_new(article)
    queue_fetch(article, extract=extract)
    return article


def _url_scheme(url: str) -> str:
    return url.split(":", 1)[0].lower() if ":" in url else ""


def article_create_by_person(
    *,
    actor: User,
    title: str = "",
    text: str = "",
    url: str = "",
    document: bytes | None = None,
    content_type: str = "text/plain",
) -> Article:
    """A person's submission from the desk: an uploaded document (HTML or text), pasted text, or a
    URL to fetch, whichever they gave first in that order. A URL given beside a document or text
    is kept as the article's address (and checked for duplicates) without being fetched."""
    details: SubmissionDetails = {"url": url or None, "title": title or None, "actor": actor}
    if document is not None:
        origin = Article.Origin.HTML if "html" in content_type else Article.Origin.TEXT
        return article_create_from_document(
            data=document, content_type=content_type, origin=origin, **details
        )
    if text.strip():
        return article_create_from_text(text=text, **details)
    return article_create_from_url(url=url, title=title or None, actor=actor)
