import pytest

from claims.exports.claimreview import claimreview_check, claimreview_document
from claims.exports.records import verdict_record
from claims.exports.rows import verdict_row, verdict_rows_iter
from claims.exports.selectors import ExportFilters, verdict_export_iter, verdict_export_queryset
from tests.claims.exports.conftest import make_verdict
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


def test_rows_match_the_model_path_field_for_field(demo_verdict, mostly_false):
    make_verdict(rating=None, status="draft", text="Crime doubled — «officially»\nsince 2020")
    second = make_verdict(rating=mostly_false)
    second.evidence.add(EvidenceFactory(claim=second.claim, url="https://b.example/2"))
    second.evidence.add(EvidenceFactory(claim=second.claim, url="https://a.example/1"))
    queryset = verdict_export_queryset(filters=ExportFilters(), detail=True)

    models = list(verdict_export_iter(queryset))
    rows = list(verdict_rows_iter(queryset, detail=True, chunk_size=2))

    assert [verdict_row(v) for v in models] == rows
    assert [verdict_record(v) for v in models] == [verdict_record(r) for r in rows]
    assert [claimreview_document(v) for v in models] == [claimreview_document(r) for r in rows]
    assert rows[0].published_at == "2024-03-05T09:30:00+00:00"
    assert rows[0].created_at == demo_verdict.created_at.isoformat()


@pytest.mark.parametrize(("detail", "per_chunk"), [(False, 2), (True, 4)])
def test_queries_per_chunk(mostly_false, django_assert_num_queries, detail, per_chunk):
    for _ in range(7):
        make_verdict(rating=mostly_false)
    queryset = verdict_export_queryset(filters=ExportFilters(), detail=detail)

    # Chunks of 3, 3 and 1 verdicts: per chunk the verdicts (keyset: id > the last one), their
    # appearances, and with ``detail`` their stances and evidence; the short last chunk ends it.
    with django_assert_num_queries(3 * per_chunk):
        rows = list(verdict_rows_iter(queryset, detail=detail, chunk_size=3))

    assert len(rows) == 7
    assert all(row.appearances[0].speaker.name == "Maria Lopez" for row in rows)


def test_a_full_last_chunk_costs_one_empty_read(mostly_false, django_assert_num_queries):
    for _ in range(4):
        make_verdict(rating=mostly_false)
    queryset = verdict_export_queryset(filters=ExportFilters(), published_only=True)

    with django_assert_num_queries(2 * 2 + 1):
        assert len(list(verdict_rows_iter(queryset, chunk_size=2))) == 4


def test_claimreview_check_reads_verdict_columns_only(
    mostly_false, django_assert_num_queries, editor
):
    made = [make_verdict(rating=mostly_false, editor=editor) for _ in range(5)]
    made[3].public_url = ""
    made[3].save()
    queryset = verdict_export_queryset(filters=ExportFilters(), published_only=True)

    with django_assert_num_queries(1):
        assert claimreview_check(queryset) == [f"verdict {made[3].pk}: missing url"]
