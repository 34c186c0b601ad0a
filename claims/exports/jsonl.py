"""Verdicts as JSON Lines: one full record (see ``records.verdict_record``) per line."""

from collections.abc import Iterable, Iterator

import orjson

from claims.exports.csv import PIECE_SIZE
from claims.exports.records import verdict_record
from claims.exports.rows import VerdictRow
from claims.models import Verdict


def jsonl_chunks(verdicts: Iterable[Verdict | VerdictRow]) -> Iterator[str]:
    """The JSON Lines text in pieces of about ``PIECE_SIZE`` characters (UTF-8, compact JSON)."""
    lines: list[bytes] = []
    size = 0
    for verdict in verdicts:
        line = orjson.dumps(verdict_record(verdict))
        lines.append(line)
        size += len(line) + 1
        if size >= PIECE_SIZE:
            lines.append(b"")
            yield b"\n".join(lines).decode()
            lines, size = [], 0
    if lines:
        lines.append(b"")
    yield b"\n".join(lines).decode()
