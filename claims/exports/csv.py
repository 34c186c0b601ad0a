"""Verdicts as CSV, one row per verdict, safe to open in a spreadsheet.

The file starts with a UTF-8 byte order mark so spreadsheet programs read non-ASCII text
correctly (decode with ``utf-8-sig``). Text cells a spreadsheet would run as a formula (starting
with = + - @, a tab or a carriage return) are prefixed with a single quote; numbers are left alone.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from claims.exports.selectors import full_name, iso_from_db_text

BOM = "\ufeff"
COLUMNS = [
    "verdict_id",
    "status",
    "claim",
    "speaker",
    "speaker_role",
    "first_appearance_url",
    "first_appearance_outlet",
    "first_appearance_title",
    "first_appearance_date",
    "rating",
    "rating_value",
    "rating_worst",
    "rating_best",
    "summary",
    "verdict_url",
    "published_at",
    "created_at",
    "updated_at",
    "reviewer",
    "editor",
]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Rows are gathered into pieces of about this size before they are handed to the response.
PIECE_SIZE = 64 * 1024


def neutralize(value: object) -> object:
    """Make a text cell inert in spreadsheets (CSV injection); leave other values alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _name(row: dict, who: str) -> str:
    """The ``who`` of a flat row (reviewer, editor) by name, as ``full_name`` puts it."""
    return full_name(row[f"{who}__username"], row[f"{who}__first_name"], row[f"{who}__last_name"])


def csv_row(row: dict) -> list:
    """One CSV row from a ``verdict_flat_iter`` row."""
    appearance = row["first_appearance"] or ("",) * 7
    speaker = row["first_speaker"]
    has_rating = row["rating__value"] is not None
    cells = [
        row["pk"],
        row["status"],
        row["claim__text"],
        speaker[4] if speaker else "",
        speaker[5] if speaker else "",
        appearance[1],
        appearance[2],
        appearance[3],
        iso_from_db_text(appearance[6]),
        row["rating__label"] if has_rating else "",
        row["rating__value"] if has_rating else "",
        row["rating__scale__worst"] if has_rating else "",
        row["rating__scale__best"] if has_rating else "",
        row["summary"],
        row["public_url"],
        iso_from_db_text(row["published_at_text"]),
        iso_from_db_text(row["created_at_text"]),
        iso_from_db_text(row["updated_at_text"]),
        _name(row, "reviewer"),
        _name(row, "editor"),
    ]
    return [neutralize(value) for value in cells]


def csv_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """The CSV text of ``verdict_flat_iter`` rows in pieces of about ``PIECE_SIZE`` characters,
    header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(csv_row(row))
        if buffer.tell() >= PIECE_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
