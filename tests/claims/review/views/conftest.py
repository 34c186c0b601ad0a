"""The desk views' tests record the extraction tasks queued, as the ingestion tests do."""

from tests.articles.conftest import extraction_queue

__all__ = ["extraction_queue"]
