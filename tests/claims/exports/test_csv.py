import csv
import io

import pytest

from claims.exports.csv import COLUMNS, csv_chunks, neutralize
from claims.exports.selectors import ExportFilters, verdict_export_queryset, verdict_flat_iter
from tests.claims.exports.conftest import make_verdict

pytestmark = pytest.mark.django_db


def export_rows(**filters) -> list[dict]:
    queryset = verdict_export_queryset(filters=ExportFilters(**filters))
    text = "".join(csv_chunks(verdict_flat_iter(queryset)))
    assert text.startswith("\ufeff"), "spreadsheets need the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_demo_verdict_row(demo_verdict):
    [row] = export_rows()

    assert list(row) == COLUMNS
    assert row == {
        "verdict_id": str(demo_verdict.pk),
        "status": "published",
        "claim": "The budget grew by 20 percent last year",
        "speaker": "Maria Lopez",
        "speaker_role": "Finance minister",
        "first_appearance_url": f"https://news.example.org/{demo_verdict.claim.pk}/budget",
        "first_appearance_outlet": "Example News",
        "first_appearance_title": "Budget row deepens",
        "first_appearance_date": "2024-03-01T07:00:00+00:00",
        "rating": "Mostly false",
        "rating_value": "2",
        "rating_worst": "1",
        "rating_best": "5",
        "summary": "The budget grew by 2%, not 20%.",
        "verdict_url": demo_verdict.public_url,
        "published_at": "2024-03-05T09:30:00+00:00",
        "created_at": demo_verdict.created_at.isoformat(),
        "updated_at": demo_verdict.updated_at.isoformat(),
        "reviewer": "rita",
        "editor": "Edna Editor",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Said "no", then, later, yes', 'Said "no", then, later, yes'),
        ("Line one\nline two\r\nline three", "Line one\nline two\r\nline three"),
        ("Zürich’s mayor: «ça suffit» — 東京", "Zürich’s mayor: «ça suffit» — 東京"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1 jobs", "'+1 jobs"),
        ("-1 percent", "'-1 percent"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\rcmd", "'\rcmd"),
    ],
)
def test_text_cells_read_back_exactly_and_formulas_are_neutralized(mostly_false, text, expected):
    verdict = make_verdict(rating=mostly_false, text=text)
    verdict.summary = text
    verdict.save()

    [row] = export_rows()

    assert row["claim"] == expected
    assert row["summary"] == expected


def test_numbers_are_not_quoted_even_when_negative():
    assert neutralize(-1) == -1
    assert neutralize("-1") == "'-1"
    assert neutralize("") == ""


def test_drafts_are_marked_by_status_and_have_no_publication(mostly_false):
    make_verdict(rating=mostly_false, status="draft")

    [row] = export_rows()

    assert row["status"] == "draft"
    assert row["published_at"] == ""
    assert row["verdict_url"] == ""


def test_claim_without_appearances_exports_empty_appearance_cells(mostly_false):
    from tests.factories import VerdictFactory

    VerdictFactory(rating=mostly_false)

    [row] = export_rows()

    assert row["speaker"] == row["first_appearance_url"] == row["first_appearance_date"] == ""


def test_large_export_comes_in_several_pieces(mostly_false):
    make_verdict(rating=mostly_false, text="x" * 40_000)
    make_verdict(rating=mostly_false, text="y" * 40_000)
    queryset = verdict_export_queryset(filters=ExportFilters())

    pieces = list(csv_chunks(verdict_flat_iter(queryset)))

    assert len(pieces) == 2
    assert sum(len(p) for p in pieces) > 80_000
