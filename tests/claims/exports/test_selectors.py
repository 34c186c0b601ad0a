from datetime import date

import pytest

from claims.exports.selectors import (
    ExportFilters,
    iso_from_db_text,
    verdict_export_iter,
    verdict_export_queryset,
    verdict_for_claimreview,
)
from tests.claims.exports.conftest import make_verdict

pytestmark = pytest.mark.django_db


def test_filters_survive_the_round_trip_through_an_export_job():
    filters = ExportFilters(
        since=date(2024, 1, 1),
        until=date(2024, 1, 31),
        rating_ids=(3, 4),
        outlet="Example News",
        speaker="lopez",
        statuses=("draft",),
        verdict_ids=(7,),
    )

    assert ExportFilters.from_json(filters.to_json()) == filters
    assert ExportFilters.from_json({}) == ExportFilters()


def test_iteration_prefetches_chunk_by_chunk(mostly_false, django_assert_num_queries):
    made = [make_verdict(rating=mostly_false) for _ in range(7)]
    queryset = verdict_export_queryset(filters=ExportFilters(), detail=True)

    # 1: the verdicts, one cursor read chunk by chunk; then for each of the three chunks (3 + 3 + 1)
    # its appearances, stances and evidence.
    with django_assert_num_queries(1 + 3 * 3):
        verdicts = list(verdict_export_iter(queryset, chunk_size=3))
        speakers = [v.claim.export_appearances[0].speaker.name for v in verdicts]

    assert [v.pk for v in verdicts] == [v.pk for v in made]
    assert speakers == ["Maria Lopez"] * 7


def test_a_claim_seen_in_many_articles_gives_one_row(demo_verdict):
    queryset = verdict_export_queryset(filters=ExportFilters(outlet="example news", speaker="ari"))

    assert list(queryset) == [demo_verdict]


def test_claimreview_reads_published_verdicts_only(mostly_false, django_assert_num_queries):
    published = make_verdict(rating=mostly_false)
    draft = make_verdict(rating=mostly_false, status="draft")

    # 1: the verdict with claim, rating, scale and people; 2: its appearances.
    with django_assert_num_queries(2):
        assert verdict_for_claimreview(verdict_id=published.pk) == published
    assert verdict_for_claimreview(verdict_id=draft.pk) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05 09:30:00+00", "2024-03-05T09:30:00+00:00"),
        ("2024-03-05 09:30:00.5+00", "2024-03-05T09:30:00.500000+00:00"),
        ("2024-03-05 09:30:00.123456", "2024-03-05T09:30:00.123456+00:00"),
        ("2024-03-05 09:30:00", "2024-03-05T09:30:00+00:00"),
        (None, ""),
    ],
)
def test_database_timestamps_read_as_text_become_isoformat(text, expected):
    assert iso_from_db_text(text) == expected
