"""The three export formats and what every export path does with them.

``export_check`` runs before anything is written (ClaimReview validation); ``export_chunks``
produces the text in pieces; ``export_streaming_response`` sends it without holding it in memory.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from claims.exports.claimreview import ClaimReviewInvalid, claimreview_check, claimreview_chunks
from claims.exports.csv import csv_chunks
from claims.exports.jsonl import jsonl_chunks
from claims.exports.rows import verdict_rows_iter
from claims.exports.selectors import (
    ExportFilters,
    verdict_export_queryset,
    verdict_flat_iter,
)
from claims.models import Verdict


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    media_type: str
    extension: str
    chunks: Callable[[Iterable], Iterator[str]]
    # How rows are read for ``chunks``: verdict rows (``claims.exports.rows``), or flat values for
    # the spreadsheet.
    reader: Callable[[QuerySet[Verdict]], Iterable] = verdict_rows_iter
    detail: bool = False
    published_only: bool = False
    # The problems of the export as a whole, found before anything is written.
    validate: Callable[[QuerySet[Verdict]], list[str]] | None = None


FORMATS = {
    export_format.name: export_format
    for export_format in (
        ExportFormat(
            name="csv",
            label="CSV (spreadsheet)",
            media_type="text/csv",
            extension="csv",
            chunks=csv_chunks,
            reader=verdict_flat_iter,
        ),
        ExportFormat(
            name="jsonl",
            label="JSON Lines (full records)",
            media_type="application/x-ndjson",
            extension="jsonl",
            chunks=jsonl_chunks,
            reader=partial(verdict_rows_iter, detail=True),
            detail=True,
        ),
        ExportFormat(
            name="claimreview",
            label="ClaimReview JSON-LD (published only)",
            media_type="application/ld+json",
            extension="json",
            chunks=claimreview_chunks,
            reader=partial(verdict_rows_iter, lean=True),
            published_only=True,
            validate=claimreview_check,
        ),
    )
}
FORMAT_CHOICES = [(f.name, f.label) for f in FORMATS.values()]


def export_queryset(
    *, export_format: ExportFormat, filters: ExportFilters, published_only: bool = False
) -> QuerySet[Verdict]:
    """The verdicts one export of ``export_format`` covers."""
    return verdict_export_queryset(
        filters=filters,
        detail=export_format.detail,
        published_only=published_only or export_format.published_only,
    )


def export_check(*, export_format: ExportFormat, queryset: QuerySet[Verdict]) -> None:
    """Raise ``ClaimReviewInvalid`` naming every invalid verdict, before anything is written.

    This reads the verdicts once more (in chunks); only formats with rules to check do it.
    """
    if export_format.validate is None:
        return
    problems = export_format.validate(queryset)
    if problems:
        raise ClaimReviewInvalid(problems)


def export_chunks(*, export_format: ExportFormat, queryset: QuerySet[Verdict]) -> Iterator[str]:
    return export_format.chunks(export_format.reader(queryset))


def export_filename(export_format: ExportFormat) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return f"verdicts-{stamp}.{export_format.extension}"


def export_streaming_response(
    *, export_format: ExportFormat, queryset: QuerySet[Verdict]
) -> StreamingHttpResponse:
    """Send the export as it is produced; call ``export_check`` first."""
    response = StreamingHttpResponse(
        export_chunks(export_format=export_format, queryset=queryset),
        content_type=f"{export_format.media_type}; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(export_format)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
