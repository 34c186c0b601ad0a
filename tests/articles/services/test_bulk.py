"""Bulk ingestion's queuing; what it stores is tested through the ``ingest`` command."""

import pytest

from articles.models import Article
from articles.services import EXTRACTION_BATCH_SIZE, IngestItem, article_bulk_ingest
from tests.articles.services.samples import ENGLISH
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_bulk_ingest_queues_extraction_in_batches_after_commit(
    extraction_queue, django_capture_on_commit_callbacks
):
    items = [
        IngestItem(label=f"item-{n}", text=f"Story {n}: the council approved {n} new homes.")
        for n in range(EXTRACTION_BATCH_SIZE + 4)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        summary = article_bulk_ingest(items=items)
        assert extraction_queue == [], "nothing is queued before the rows are committed"

    created = sorted(o.article_id for o in summary.outcomes if o.result == "created")
    assert len(created) == len(items)
    assert [len(batch) for batch in extraction_queue.batches] == [EXTRACTION_BATCH_SIZE, 4]
    assert sorted(extraction_queue) == created


def test_bulk_ingest_records_who_ingested_documents_and_urls():
    actor = UserFactory()
    items = [
        IngestItem(label="text", text=ENGLISH),
        IngestItem(label="url", url="https://news.example/bridge"),
    ]

    summary = article_bulk_ingest(items=items, actor=actor, extract=False)

    assert [outcome.result for outcome in summary.outcomes] == ["created", "created"]
    ids = [outcome.article_id for outcome in summary.outcomes]
    assert list(Article.objects.filter(pk__in=ids).values_list("submitted_by", flat=True)) == [
        actor.pk,
        actor.pk,
    ]
