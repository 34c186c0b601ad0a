"""Writes for ingestion: creating articles from text, HTML, URLs and bulk files; fetching; retry.

Every way in (API, admin, ``ingest`` command, feeds, tasks) goes through these functions, so the
dedupe rules (``dedupe``) and the status flow are the same everywhere:

* queued -> (URL articles) fetching -> queued for extraction -> extracting -> extracted, or
* failed, with a message for a person in ``error``; or skipped (not English) with the reason.
"""

from articles.services.bulk import (
    BULK_CHUNK_SIZE,
    BulkSummary,
    IngestItem,
    IngestOutcome,
    article_bulk_ingest,
)
from articles.services.creation import (
    SubmissionDetails,
    article_create_by_person,
    article_create_from_document,
    article_create_from_html,
    article_create_from_text,
    article_create_from_url,
)
from articles.services.dedupe import (
    DuplicateArticle,
    InvalidSubmission,
    content_hash,
    normalized_url_or_none,
)
from articles.services.fetching import article_fetch, article_retry
from articles.services.queueing import EXTRACTION_BATCH_SIZE

__all__ = [
    "BULK_CHUNK_SIZE",
    "EXTRACTION_BATCH_SIZE",
    "BulkSummary",
    "DuplicateArticle",
    "IngestItem",
    "IngestOutcome",
    "InvalidSubmission",
    "SubmissionDetails",
    "article_bulk_ingest",
    "article_create_by_person",
    "article_create_from_document",
    "article_create_from_html",
    "article_create_from_text",
    "article_create_from_url",
    "article_fetch",
    "article_retry",
    "content_hash",
    "normalized_url_or_none",
]
