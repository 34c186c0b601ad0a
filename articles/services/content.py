"""An article's content from a received document: the raw text, the clean text and its metadata,
and whether the extractor will read it."""

import datetime
from typing import TypeAlias

from django.utils import timezone

from articles.cleaning import CleanedDocument, clean_document, decode_document
from articles.extractable import skip_reason
from articles.models import Article
from articles.services.dedupe import content_hash

PublishedDate: TypeAlias = datetime.date | datetime.datetime | None


def read_document(
    data: bytes | str, *, content_type: str | None, url: str | None
) -> tuple[str, CleanedDocument]:
    """The document as text (what ``Article.raw`` keeps) and cleaned; CleaningError if neither."""
    raw = decode_document(data, content_type=content_type)
    return raw, clean_document(raw, content_type=content_type, url=url)


def published_at(published: PublishedDate) -> datetime.datetime | None:
    """A submitted date as a moment: noon, so that no time zone moves it to another day."""
    if published is None:
        return None
    if isinstance(published, datetime.datetime):
        return published if timezone.is_aware(published) else timezone.make_aware(published)
    return timezone.make_aware(datetime.datetime.combine(published, datetime.time(12, 0)))


def apply_cleaned(
    article: Article,
    cleaned: CleanedDocument,
    *,
    title: str | None,
    byline: str | None,
    outlet: str | None,
    published: PublishedDate,
) -> None:
    """Fill the article from the cleaned document; what the submitter gave explicitly wins."""
    article.title = (title or cleaned.title or "")[:500]
    article.byline = (byline or cleaned.byline or "")[:500]
    article.outlet = (outlet or cleaned.outlet or "")[:200]
    article.published_at = published_at(published or cleaned.published)
    article.language = cleaned.language
    article.text = cleaned.text
    article.content_hash = content_hash(cleaned.text)
    if cleaned.canonical_url and not article.canonical_url:
        article.canonical_url = cleaned.canonical_url
    reason = skip_reason(text=cleaned.text, language=cleaned.language)
    article.status = Article.Status.QUEUED if reason is None else Article.Status.SKIPPED
    article.error = reason or ""
