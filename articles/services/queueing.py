"""Handing articles to the workers, always once the transaction that wrote them has committed: a
task that started earlier would not find the row.

The task modules are imported when a task is queued, because they import these services.
"""

from functools import partial

from django.db import transaction

from articles.models import Article

# Bulk imports hand articles to the extractor in batches that one worker parses together through
# spaCy's nlp.pipe, which is faster than one task per article.
EXTRACTION_BATCH_SIZE = 16


def queue_extraction(article: Article) -> None:
    from claims.tasks import extract_article

    article_id = article.pk
    transaction.on_commit(lambda: extract_article.delay(article_id))


def queue_extraction_batches(articles: list[Article]) -> None:
    """Queue the extraction of those of ``articles`` that are waiting for it, a batch a task."""
    from claims.tasks import extract_articles

    ids = [a.pk for a in articles if a.status == Article.Status.QUEUED]
    for start in range(0, len(ids), EXTRACTION_BATCH_SIZE):
        batch = ids[start : start + EXTRACTION_BATCH_SIZE]
        transaction.on_commit(partial(extract_articles.delay, batch))


def queue_fetch(article: Article, *, extract: bool) -> None:
    from articles.tasks import fetch_article

    article_id = article.pk
    transaction.on_commit(lambda: fetch_article.delay(article_id, extract=extract))
