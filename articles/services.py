"""Writes for ingestion: creating articles from text, HTML, URLs and bulk files; fetching; retry.

Every way in (API, admin, ``ingest`` command, feeds, tasks) goes through these functions, so the
dedupe rules and the status flow are the same everywhere:

* queued -> (URL articles) fetching -> queued for extraction -> extracting -> extracted, or
* failed, with a message for a person in ``error``; or skipped (not English) with the reason.

Dedupe: an article is the same as another when its normalized URL or the hash of its normalized
clean text is the same. The database has unique constraints on both; ``DuplicateArticle`` names the
existing article whether the service found it first or the constraint did (a concurrent insert).
A fetched URL whose text turns out to be an existing article's is kept, as ``failed`` with "Duplicate
of article N (same content)" and its raw document, so the submitter sees what happened to their URL.
"""

import datetime
import hashlib
import logging
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.cleaning import CleanedDocument, CleaningError, clean_document
from articles.fetching import FetchError, fetch_url
from articles.language import is_english, not_english_reason
from articles.models import Article, Feed
from articles.urls_normalization import normalize_url

logger = logging.getLogger(__name__)


class DuplicateArticle(Exception):
    """The submitted document is already stored as ``existing``."""

    def __init__(self, *, existing: Article, reason: str):
        self.existing = existing
        self.reason = reason  # "same URL" or "same content"
        super().__init__(f"Duplicate of article {existing.pk} ({reason})")


class InvalidSubmission(ValueError):
    """The submission cannot be stored at all (for example an unusable URL); message for people."""


# --- Pure helpers -----------------------------------------------------------------------------


def content_hash(text: str) -> str:
    """sha256 of the text with Unicode, case and whitespace differences removed."""
    normalized = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def normalized_url_or_none(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return normalize_url(url)[:2000]
    except ValueError:
        return None


def _published_at(published: datetime.date | datetime.datetime | None) -> datetime.datetime | None:
    if published is None:
        return None
    if isinstance(published, datetime.datetime):
        return published if timezone.is_aware(published) else timezone.make_aware(published)
    return timezone.make_aware(datetime.datetime.combine(published, datetime.time(12, 0)))


def _queue_extraction(article: Article) -> None:
    """Hand the article to the extractor once the row it reads is committed."""
    from claims.tasks import extract_article

    article_id = article.pk
    transaction.on_commit(lambda: extract_article.delay(article_id))


# Bulk imports hand articles to the extractor in batches that one worker parses together through
# spaCy's nlp.pipe, which is faster than one task per article.
EXTRACTION_BATCH_SIZE = 16


def _queue_extraction_batches(articles: list[Article]) -> None:
    from claims.tasks import extract_articles

    ids = [a.pk for a in articles if a.status == Article.Status.QUEUED]
    for start in range(0, len(ids), EXTRACTION_BATCH_SIZE):
        batch = ids[start : start + EXTRACTION_BATCH_SIZE]
        transaction.on_commit(lambda batch=batch: extract_articles.delay(batch))


def _queue_fetch(article: Article, *, extract: bool) -> None:
    from articles.tasks import fetch_article

    article_id = article.pk
    transaction.on_commit(lambda: fetch_article.delay(article_id, extract=extract))


# --- Lookups for dedupe -----------------------------------------------------------------------


def _find_duplicate(
    *, normalized_url: str | None, text_hash: str | None
) -> DuplicateArticle | None:
    if normalized_url:
        existing = Article.objects.filter(normalized_url=normalized_url).first()
        if existing:
            return DuplicateArticle(existing=existing, reason="same URL")
    if text_hash:
        existing = Article.objects.filter(content_hash=text_hash).first()
        if existing:
            return DuplicateArticle(existing=existing, reason="same content")
    return None


def _save_new(article: Article) -> Article:
    """Insert, turning a unique-constraint race into DuplicateArticle."""
    try:
        # Uniqueness is left to the database, which also sees concurrent inserts.
        article.full_clean(
            exclude=["url", "canonical_url"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise InvalidSubmission("; ".join(exc.messages)) from exc
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        duplicate = _find_duplicate(
            normalized_url=article.normalized_url, text_hash=article.content_hash
        )
        if duplicate is None:
            raise
        raise duplicate from None
    return article


# --- Creating articles ------------------------------------------------------------------------


def _apply_cleaned(
    article: Article,
    cleaned: CleanedDocument,
    *,
    title: str | None,
    byline: str | None,
    outlet: str | None,
    published: datetime.date | datetime.datetime | None,
) -> None:
    """Fill the article from the cleaned document; what the submitter gave explicitly wins."""
    article.title = (title or cleaned.title or "")[:500]
    article.byline = (byline or cleaned.byline or "")[:500]
    article.outlet = (outlet or cleaned.outlet or "")[:200]
    article.published_at = _published_at(published or cleaned.published)
    article.language = cleaned.language
    article.text = cleaned.text
    article.content_hash = content_hash(cleaned.text)
    if cleaned.canonical_url and not article.canonical_url:
        article.canonical_url = cleaned.canonical_url
    if is_english(cleaned.language):
        article.status = Article.Status.QUEUED
        article.error = ""
    else:
        article.status = Article.Status.SKIPPED
        article.error = not_english_reason(cleaned.language)


def article_create_from_document(
    *,
    data: bytes | str,
    content_type: str | None = None,
    origin: str = Article.Origin.TEXT,
    url: str | None = None,
    title: str | None = None,
    byline: str | None = None,
    outlet: str | None = None,
    published: datetime.date | datetime.datetime | None = None,
    feed: Feed | None = None,
    user=None,
    extract: bool = True,
) -> Article:
    """Store a received document (HTML or text) with its clean text; queue extraction if English.

    A document that cannot be cleaned (binary, undecodable, no text) is still stored when it is
    text, as ``failed`` with the reason, so nothing the user sent is lost; bytes that are not text
    at all raise CleaningError (there is no text to keep).
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
        submitted_by=user,
    )
    try:
        cleaned = clean_document(data, content_type=content_type, url=url)
    except CleaningError as exc:
        if isinstance(data, bytes):
            raise
        article.raw = data
        article.title = (title or "")[:500]
        article.outlet = (outlet or "")[:200]
        article.status = Article.Status.FAILED
        article.error = str(exc)
        duplicate = _find_duplicate(normalized_url=normalized_url, text_hash=None)
        if duplicate:
            raise duplicate from None
        return _save_new(article)
    article.raw = data if isinstance(data, str) else _decoded_raw(data, content_type)
    _apply_cleaned(article, cleaned, title=title, byline=byline, outlet=outlet, published=published)
    duplicate = _find_duplicate(normalized_url=normalized_url, text_hash=article.content_hash)
    if duplicate:
        raise duplicate
    _save_new(article)
    if extract and article.status == Article.Status.QUEUED:
        _queue_extraction(article)
    return article


def _decoded_raw(data: bytes, content_type: str | None) -> str:
    from articles.cleaning import decode_document

    return decode_document(data, content_type=content_type)


def article_create_from_text(
    *,
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime.date | datetime.datetime | None = None,
    url: str | None = None,
    user=None,
    extract: bool = True,
) -> Article:
    return article_create_from_document(
        data=text,
        content_type="text/plain",
        origin=Article.Origin.TEXT,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        user=user,
        extract=extract,
    )


def article_create_from_html(
    *,
    html: str,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime.date | datetime.datetime | None = None,
    url: str | None = None,
    user=None,
    extract: bool = True,
) -> Article:
    return article_create_from_document(
        data=html,
        content_type="text/html",
        origin=Article.Origin.HTML,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        user=user,
        extract=extract,
    )


def article_create_from_url(
    *,
    url: str,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime.date | datetime.datetime | None = None,
    origin: str = Article.Origin.URL,
    feed: Feed | None = None,
    user=None,
    extract: bool = True,
) -> Article:
    """Store a queued article for ``url`` and queue its fetch (after commit)."""
    normalized_url = normalized_url_or_none(url)
    if normalized_url is None or _url_scheme(url) not in {"http", "https"}:
        raise InvalidSubmission(f"{url!r} is not an absolute http(s) URL")
    duplicate = _find_duplicate(normalized_url=normalized_url, text_hash=None)
    if duplicate:
        raise duplicate
    article = _save_new(
        Article(
            url=url[:2000],
            normalized_url=normalized_url,
            title=(title or "")[:500],
            outlet=(outlet or "")[:200],
            published_at=_published_at(published),
            origin=origin,
            feed=feed,
            submitted_by=user,
            status=Article.Status.QUEUED,
        )
    )
    _queue_fetch(article, extract=extract)
    return article


def _url_scheme(url: str) -> str:
    return url.split(":", 1)[0].lower() if ":" in url else ""


# --- Fetching ---------------------------------------------------------------------------------


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
        cleaned = clean_document(result.content, content_type=result.content_type, url=result.url)
        article.raw = _decoded_raw(result.content, result.content_type)
    except CleaningError as exc:
        _set_status(article, Article.Status.FAILED, str(exc))
        return
    title, outlet = article.title or None, article.outlet or None
    _apply_cleaned(
        article, cleaned, title=title, byline=None, outlet=outlet, published=article.published_at
    )
    duplicate = _find_duplicate(normalized_url=None, text_hash=article.content_hash)
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
        _queue_extraction(article)


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


# --- Retry ------------------------------------------------------------------------------------


def article_retry(*, article: Article) -> Article:
    """Try a failed (or stuck) article again: URL articles are refetched, others re-extracted."""
    needs_fetch = bool(article.url) and (not article.text or article.origin == Article.Origin.URL)
    article.status = Article.Status.QUEUED
    article.error = ""
    if needs_fetch:
        article.content_hash = None
        article.save(update_fields=["status", "error", "content_hash", "updated_at"])
        _queue_fetch(article, extract=True)
    else:
        article.save(update_fields=["status", "error", "updated_at"])
        _queue_extraction(article)
    return article


# --- Bulk -------------------------------------------------------------------------------------


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
    published: datetime.date | datetime.datetime | None = None
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


BULK_CHUNK_SIZE = 500


def article_bulk_ingest(
    *,
    items: Iterable[IngestItem],
    extract: bool = True,
    outlet: str | None = None,
    user=None,
    chunk_size: int = BULK_CHUNK_SIZE,
    on_outcome=None,
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
            outcome, article = _prepare_bulk_item(item, outlet=outlet, user=user)
            if outcome is not None:
                record(outcome)
                continue
            if article is None:
                record(_create_url_item(item, outlet=outlet, user=user, extract=extract))
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
    item: IngestItem, *, outlet: str | None, user
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
        cleaned = clean_document(body, content_type=content_type, url=item.url)
        raw = body if isinstance(body, str) else _decoded_raw(body, content_type)
    except CleaningError as exc:
        return IngestOutcome(item.label, "failed", None, str(exc)), None
    article = Article(
        url=(item.url or "")[:2000],
        normalized_url=normalized_url,
        origin=Article.Origin.BULK,
        raw=raw,
        raw_content_type=(content_type or "")[:100],
        submitted_by=user,
    )
    _apply_cleaned(
        article,
        cleaned,
        title=item.title,
        byline=None,
        outlet=item.outlet or outlet,
        published=item.published,
    )
    return None, article


def _create_url_item(item: IngestItem, *, outlet: str | None, user, extract: bool) -> IngestOutcome:
    try:
        article = article_create_from_url(
            url=item.url or "",
            title=item.title,
            outlet=item.outlet or outlet,
            published=item.published,
            user=user,
            extract=extract,
        )
    except DuplicateArticle as duplicate:
        return IngestOutcome(item.label, "duplicate", duplicate.existing.pk, _describe(duplicate))
    except InvalidSubmission as exc:
        return IngestOutcome(item.label, "failed", None, str(exc))
    article.refresh_from_db(fields=["status", "error"])
    if article.status == Article.Status.FAILED:
        return IngestOutcome(item.label, "failed", article.pk, article.error)
    return IngestOutcome(item.label, "created", article.pk, article.status)


def _describe(duplicate: DuplicateArticle) -> str:
    return f"duplicate of article {duplicate.existing.pk} ({duplicate.reason})"


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
            existing = by_url[article.normalized_url]
            outcomes.append(
                IngestOutcome(
                    item.label, "duplicate", existing, f"duplicate of article {existing} (same URL)"
                )
            )
        elif article.content_hash in by_hash:
            existing = by_hash[article.content_hash]
            outcomes.append(
                IngestOutcome(
                    item.label,
                    "duplicate",
                    existing,
                    f"duplicate of article {existing} (same content)",
                )
            )
        else:
            new.append((item, article))
    try:
        with transaction.atomic():
            Article.objects.bulk_create([article for _, article in new])
    except IntegrityError:
        # Someone else inserted one of these meanwhile: fall back to row-by-row to find which.
        inserted: list[Article] = []
        for item, article in new:
            article.pk = None
            try:
                _save_new(article)
            except DuplicateArticle as duplicate:
                outcomes.append(
                    IngestOutcome(
                        item.label, "duplicate", duplicate.existing.pk, _describe(duplicate)
                    )
                )
                continue
            outcomes.append(_created(item, article))
            inserted.append(article)
        if extract:
            _queue_extraction_batches(inserted)
        return outcomes
    outcomes.extend(_created(item, article) for item, article in new)
    if extract:
        _queue_extraction_batches([article for _, article in new])
    return outcomes


def _created(item: IngestItem, article: Article) -> IngestOutcome:
    if article.pk is None:
        # SQLite before 3.35 and some backends do not return ids from bulk_create.
        article.pk = Article.objects.only("id").get(content_hash=article.content_hash).pk
    detail = article.status if article.status != Article.Status.SKIPPED else article.error
    return IngestOutcome(item.label, "created", article.pk, detail)
