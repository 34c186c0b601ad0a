"""Verdicts as JSON Lines: one full record (see ``records.verdict_record``) per line."""

import io
import json
from collections.abc import Iterable, Iterator

from claims.exports.csv import PIECE_SIZE
from claims.exports.records import verdict_record
from claims.models import Verdict


def jsonl_chunks(verdicts: Iterable[Verdict]) -> Iterator[str]:
    """The JSON Lines text in pieces of about ``PIECE_SIZE`` characters."""
    buffer = io.StringIO()
    for verdict in verdicts:
        buffer.write(json.dumps(verdict_record(verdict), ensure_ascii=False))
        buffer.write("\n")
        if buffer.tell() >= PIECE_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
