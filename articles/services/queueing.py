"""Handing articles to the workers, always once the transaction that wrote them has committed: a
task that started earlier would not find the row.

The article row is the record of the work (``status`` queued and ``queued_at``, set by the caller
in the same transaction); a send the broker refuses is logged, never raised, and the reconciler
sends it again later (``factcheck/work.py``).

The task modules are imported when a task is queued, because they import these services.
"""

from django.utils import timezone

from articles.models import Article
from factcheck.work import enqueue_on_commit

# Bulk imports hand articles to the extractor in batches that one worker parses together through
# spaCy's nlp.pipe, which is faster than one task per article.
EXTRACTION_BATCH_SIZE = 16


def queue_extraction(article: Article) -> None:
    from claims.tasks import extract_article

    enqueue_on_commit(extract_article, article.pk)


def queue_extraction_batches(articles: list[Article]) -> None:
    """Queue the extraction of those of ``articles`` that are waiting for it, a batch a task."""
    from claims.tasks import extract_articles

    ids = [a.pk for a in articles if a.status == Article.Status.QUEUED]
    for start in range(0, len(ids), EXTRACTION_BATCH_SIZE):
        batch = ids[start : start + EXTRACTION_BATCH_SIZE]
        enqueue_on_commit(extract_articles, batch)


def queue_fetch(article: Article, *, extract: bool) -> None:
    from articles.tasks import fetch_article

    enqueue_on_commit(fetch_article, article.pk, extract=extract)


def mark_queued(article: Article) -> None:
    """Record on the (unsaved) row that its fetch or extraction is wanted from now on."""
    article.queued_at = timezone.now()
