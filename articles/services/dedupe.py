"""When two articles are the same, and the one way a new article row is inserted.

An article is the same as another when its normalized URL or the hash of its normalized clean text
is the same. The database has unique constraints on both; ``DuplicateArticle`` names the existing
article whether the lookup found it first or the constraint did (a concurrent insert).
"""

import hashlib
import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article
from articles.urls_normalization import normalize_url


class DuplicateArticle(Exception):
    """The submitted document is already stored as ``existing``."""

    def __init__(self, *, existing: Article, reason: str) -> None:
        self.existing = existing
        self.reason = reason  # "same URL" or "same content"
        super().__init__(f"Duplicate of article {existing.pk} ({reason})")


class InvalidSubmission(ValueError):
    """The submission cannot be stored at all (for example an unusable URL); message for people."""


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


def find_duplicate(*, normalized_url: str | None, text_hash: str | None) -> DuplicateArticle | None:
    if normalized_url:
        existing = Article.objects.filter(normalized_url=normalized_url).first()
        if existing:
            return DuplicateArticle(existing=existing, reason="same URL")
    if text_hash:
        existing = Article.objects.filter(content_hash=text_hash).first()
        if existing:
            return DuplicateArticle(existing=existing, reason="same content")
    return None


def save_new(article: Article) -> Article:
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
        duplicate = find_duplicate(
            normalized_url=article.normalized_url, text_hash=article.content_hash
        )
        if duplicate is None:
            raise
        raise duplicate from None
    return article
