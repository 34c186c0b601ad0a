"""Reading bulk input (files, directories, JSON Lines, CSV, URLs) into ``IngestItem``s lazily."""

import csv
import datetime
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from django.utils.dateparse import parse_date, parse_datetime

from articles.services import IngestItem

DOCUMENT_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}
RECORD_FIELDS = ("url", "title", "text", "html", "published", "outlet")


def items_from_arguments(arguments: list[str]) -> Iterator[IngestItem]:
    """One item per document; directories are walked, record files give one item per record."""
    for argument in arguments:
        if argument.lower().startswith(("http://", "https://")):
            yield IngestItem(label=argument, url=argument)
            continue
        path = Path(argument)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in DIRECTORY_SUFFIXES:
                    yield from items_from_file(child)
        elif path.is_file():
            yield from items_from_file(path)
        else:
            yield IngestItem(label=argument, error="no such file or directory, and not a URL")


def items_from_file(path: Path) -> Iterator[IngestItem]:
    suffix = path.suffix.lower()
    if suffix not in RECORD_READERS:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield _unreadable(path, exc)
            return
        yield IngestItem(label=str(path), data=data, content_type=DOCUMENT_TYPES.get(suffix))
        return
    read_records, encoding = RECORD_READERS[suffix]
    try:
        handle = path.open(encoding=encoding, errors="replace", newline="")
    except OSError as exc:
        yield _unreadable(path, exc)
        return
    with handle:
        yield from read_records(path, handle)


def _unreadable(path: Path, exc: OSError) -> IngestItem:
    return IngestItem(label=str(path), error=f"cannot be read ({exc.strerror})")


def _items_from_jsonl(path: Path, handle: TextIO) -> Iterator[IngestItem]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        label = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestItem(label=label, error=f"not valid JSON ({exc.msg})")
            continue
        except RecursionError:  # the decoder's answer to input nested about a thousand deep
            yield IngestItem(label=label, error="not valid JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            yield IngestItem(label=label, error="a JSON object was expected")
            continue
        yield item_from_record(record, label=label)


def _items_from_csv(path: Path, handle: TextIO) -> Iterator[IngestItem]:
    reader = csv.DictReader(handle)
    try:
        for record in reader:
            # Line of the record's end; the header is line 1.
            yield item_from_record(record, label=f"{path}:{reader.line_num}")
    except csv.Error as exc:
        yield IngestItem(label=f"{path}:{reader.line_num}", error=f"bad CSV ({exc})")


# Record files by suffix: the reader and the encoding. CSV saved by a spreadsheet often starts
# with a byte-order mark, which utf-8-sig drops.
RECORD_READERS: dict[str, tuple[Callable[[Path, TextIO], Iterator[IngestItem]], str]] = {
    ".jsonl": (_items_from_jsonl, "utf-8"),
    ".csv": (_items_from_csv, "utf-8-sig"),
}
DIRECTORY_SUFFIXES = set(DOCUMENT_TYPES) | set(RECORD_READERS)


def item_from_record(record: dict[str, Any], *, label: str) -> IngestItem:
    values = {}
    for name in RECORD_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return IngestItem(label=label, error=f"{name} must be a string")
        values[name] = (value or "").strip() if name not in ("text", "html") else (value or "")
    published = None
    if values["published"]:
        published = _parse_published(values["published"])
        if published is None:
            return IngestItem(label=label, error=f"published {values['published']!r} is not a date")
    return IngestItem(
        label=label,
        url=values["url"] or None,
        title=values["title"] or None,
        text=values["text"] or None,
        html=values["html"] or None,
        outlet=values["outlet"] or None,
        published=published,
    )


def _parse_published(value: str) -> datetime.date | datetime.datetime | None:
    try:
        return parse_date(value) or parse_datetime(value)
    except ValueError:
        return None
