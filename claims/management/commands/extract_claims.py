"""Run the extraction pipeline on text or HTML files and print JSON, without touching the
database (other tools and the dev-set scorer rely on this output)."""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from articles.cleaning import CleaningError, clean_document
from claims.extraction import ExtractionResult, extract_many

_HTML_SUFFIXES = frozenset({".html", ".htm"})


def _speaker(att: Any) -> dict[str, str] | None:
    if att.speaker is None:
        return None
    s = att.speaker
    return {"name": s.name, "mention": s.mention, "kind": s.kind, "role": s.role}


def _payload(path: str, doc: Any, result: ExtractionResult) -> dict[str, Any]:
    return {
        "path": path,
        "article": {
            "title": doc.title,
            "byline": doc.byline,
            "published": doc.published.isoformat() if doc.published else None,
            "text": doc.text,
        },
        "attributions": [
            {
                "content": a.content,
                "content_start": a.content_start,
                "content_end": a.content_end,
                # The speaker's own words: several parts when the cue interrupts a quote.
                "parts": [list(p) for p in a.parts] or [[a.content_start, a.content_end]],
                "kind": a.kind,
                "cue": a.cue,
                "cue_kind": a.cue_kind,
                "speaker": _speaker(a),
                "reported_by": a.reported_by,
                "confidence": a.confidence,
                "checkworthiness": a.checkworthiness,
                "statement": a.claim_text,
            }
            for a in result.attributions
        ],
        "claims": [
            {"text": c.text, "start": c.start, "end": c.end, "checkworthiness": c.checkworthiness}
            for c in result.claims
        ],
    }


class Command(BaseCommand):
    help = "Extract attributions and check-worthy claims from text/HTML files; one JSON per line."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--jsonl", action="store_true", help="JSON Lines output (also the default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cleaned = []
        for name in options["files"]:
            path = Path(name)
            content_type = "text/html" if path.suffix.lower() in _HTML_SUFFIXES else None
            content_type = content_type or mimetypes.guess_type(name)[0]
            try:
                cleaned.append((name, clean_document(path.read_bytes(), content_type=content_type)))
            except (OSError, CleaningError) as exc:
                self.stderr.write(f"{name}: {exc}")
        results = extract_many(doc.text for _, doc in cleaned)
        for (name, doc), result in zip(cleaned, results, strict=True):
            self.stdout.write(json.dumps(_payload(name, doc, result), ensure_ascii=False))
