"""Ingesting many articles at once (the ``ingest`` command), with the dedupe rules of the single
services but a chunk of rows per query."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from articles.cleaning import CleaningError
from articles.models import Article
from articles.services.content import PublishedDate, apply_cleaned, read_document
from articles.services.creation import article_create_from_url
from articles.services.dedupe import (
    DuplicateArticle,
    InvalidSubmission,
    normalized_url_or_none,
    save_new,
)
from articles.services.queueing import mark_queued, queue_extraction_batches

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BULK_CHUNK_SIZE = 500


@dataclass
class IngestItem:
    """One article to ingest in bulk; ``label`` says where it came from ("file.jsonl:17")."""

    label: str
    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    data: bytes | None = None  # a file's bytes, content sniffed
    content_type: str | None = None
    published: PublishedDate = None
    outlet: str | None = None
    error: str | None = None  # the item could not even be read (bad JSON line)


@dataclass
class IngestOutcome:
    label: str
    result: str  # "created", "duplicate" or "failed"
    article_id: int | None = None
    detail: str = ""


@dataclass
class BulkSummary:
    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.result == result)


def article_bulk_ingest(
    *,
    items: Iterable[IngestItem],
    extract: bool = True,
    outlet: str | None = None,
    actor: User | None = None,
    chunk_size: int = BULK_CHUNK_SIZE,
    on_outcome: Callable[[IngestOutcome], object] | None = None,
) -> BulkSummary:
    """Ingest many items with the same dedupe rules as the single services, a chunk at a time.

    Documents are cleaned in Python, then each chunk costs two lookups (URLs, hashes) and one
    bulk insert. Duplicates within the input are caught too. URL-only items are created one by one
    because each queues a fetch. A constraint race in a chunk falls back to one-by-one inserts.
    """
    summary = BulkSummary()

    def record(outcome: IngestOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    seen_urls: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    for chunk in _chunks(items, chunk_size):
        pending: list[tuple[IngestItem, Article]] = []
        for item in chunk:
            outcome, article = _prepare_bulk_item(item, outlet=outlet, actor=actor)
            if outcome is not None:
                record(outcome)
                continue
            if article is None:
                record(_create_url_item(item, outlet=outlet, actor=actor, extract=extract))
                continue
            earlier = seen_urls.get(article.normalized_url or "") or seen_hashes.get(
                article.content_hash or ""
            )
            if earlier:
                reason = "same URL" if article.normalized_url in seen_urls else "same content"
                record(
                    IngestOutcome(
                        item.label, "duplicate", None, f"duplicate of {earlier} ({reason})"
                    )
                )
                continue
            if article.normalized_url:
                seen_urls[article.normalized_url] = item.label
            if article.content_hash:
                seen_hashes[article.content_hash] = item.label
            pending.append((item, article))
        for outcome in _insert_chunk(pending, extract=extract):
            record(outcome)
    return summary


def _chunks(items: Iterable[IngestItem], size: int) -> Iterator[list[IngestItem]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _prepare_bulk_item(
    item: IngestItem, *, outlet: str | None, actor: User | None
) -> tuple[IngestOutcome | None, Article | None]:
    """An unsaved article for a document item, None for a URL-only item, or a failure outcome."""
    if item.error:
        return IngestOutcome(item.label, "failed", None, item.error), None
    body = item.data if item.data is not None else (item.html if item.html else item.text)
    if not body:
        if item.url:
            return None, None
        return IngestOutcome(item.label, "failed", None, "no url, text or html given"), None
    normalized_url = normalized_url_or_none(item.url)
    if item.url and normalized_url is None:
        return IngestOutcome(item.label, "failed", None, f"{item.url!r} is not a valid URL"), None
    content_type = item.content_type or ("text/html" if item.html else None)
    if item.text and not item.html and item.data is None:
        content_type = content_type or "text/plain"
    try:
        raw, cleaned = read_document(body, content_type=content_type, url=item.url)
    except CleaningError as exc:
        return IngestOutcome(item.label, "failed", None, str(exc)), None
    article = Article(
        url=(item.url or "")[:2000],
        normalized_url=normalized_url,
        origin=Article.Origin.BULK,
        raw=raw,
        raw_content_type=(content_type or "")[:100],
        submitted_by=actor,
    )
    apply_cleaned(
        article,
        cleaned,
        title=item.title,
        byline=None,
        outlet=item.outlet or outlet,
        published=item.published,
    )
    return None, article


def _create_url_item(
    item: IngestItem, *, outlet: str | None, actor: User | None, extract: bool
) -> IngestOutcome:
    try:
        article = article_create_from_url(
            url=item.url or "",
            title=item.title,
            outlet=item.outlet or outlet,
            published=item.published,
            actor=actor,
            extract=extract,
        )
    except DuplicateArticle as duplicate:
        return _duplicate(item, duplicate.existing.pk, duplicate.reason)
    except InvalidSubmission as exc:
        return IngestOutcome(item.label, "failed", None, str(exc))
    article.refresh_from_db(fields=["status", "error"])
    if article.status == Article.Status.FAILED:
        return IngestOutcome(item.label, "failed", article.pk, article.error)
    return IngestOutcome(item.label, "created", article.pk, article.status)


def _duplicate(item: IngestItem, existing_id: int, reason: str) -> IngestOutcome:
    return IngestOutcome(
        item.label, "duplicate", existing_id, f"duplicate of article {existing_id} ({reason})"
    )


def _insert_chunk(
    pending: list[tuple[IngestItem, Article]], *, extract: bool
) -> list[IngestOutcome]:
    if not pending:
        return []
    outcomes: list[IngestOutcome] = []
    urls = [article.normalized_url for _, article in pending if article.normalized_url]
    hashes = [article.content_hash for _, article in pending if article.content_hash]
    by_url = {
        a.normalized_url: a.pk
        for a in Article.objects.filter(normalized_url__in=urls).only("id", "normalized_url")
    }
    by_hash = {
        a.content_hash: a.pk
        for a in Article.objects.filter(content_hash__in=hashes).only("id", "content_hash")
    }
    new: list[tuple[IngestItem, Article]] = []
    for item, article in pending:
        if article.normalized_url in by_url:
            outcomes.append(_duplicate(item, by_url[article.normalized_url], "same URL"))
        elif article.content_hash in by_hash:
            outcomes.append(_duplicate(item, by_hash[article.content_hash], "same content"))
        else:
            new.append((item, article))
    if extract:
        for _, article in new:
            if article.status == Article.Status.QUEUED:
                mark_queued(article)
    try:
        with transaction.atomic():
            Article.objects.bulk_create([article for _, article in new])
    except IntegrityError:
        # Someone else inserted one of these meanwhile: fall back to row-by-row to find which.
        inserted: list[Article] = []
        for item, article in new:
            article.pk = None
            try:
                save_new(article)
            except DuplicateArticle as duplicate:
                outcomes.append(_duplicate(item, duplicate.existing.pk, duplicate.reason))
                continue
            outcomes.append(_created(item, article))
            inserted.append(article)
        if extract:
            queue_extraction_batches(inserted)
        return outcomes
    outcomes.extend(_created(item, article) for item, article in new)
    if extract:
        queue_extraction_batches([article for _, article in new])
    return outcomes


def _created(item: IngestItem, article: Article) -> IngestOutcome:
    if article.pk is None:
        # SQLite before 3.35 and some backends do not return ids from bulk_create.
        article.pk = Article.objects.only("id").get(content_hash=article.content_hash).pk
    detail = article.status if article.status != Article.Status.SKIPPED else article.error
    return IngestOutcome(item.label, "created", article.pk, detail)
