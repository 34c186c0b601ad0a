"""Plain-data views of a verdict shared by the export formats.

They read a ``VerdictRow`` (``claims.exports.rows``): streamed exports get rows straight from the
database, and a verdict model loaded by ``verdict_export_queryset`` becomes one with ``as_row``,
so building them never queries.
"""

from claims.exports.rows import (
    AppearanceRow,
    SourceRow,
    VerdictRow,
    as_row,
    iso,
    person_name,
)
from claims.models import Verdict

__all__ = ["appearance_record", "iso", "person_name", "source_record", "verdict_record"]


def source_record(source: SourceRow | None) -> dict | None:
    if source is None:
        return None
    return {"id": source.id, "name": source.name, "kind": source.kind, "role": source.role}


def appearance_record(appearance: AppearanceRow) -> dict:
    return {
        "article": {
            "id": appearance.article_id,
            "url": appearance.url,
            "title": appearance.title,
            "outlet": appearance.outlet,
            "published_at": appearance.published_at,
        },
        "speaker": source_record(appearance.speaker),
        "kind": appearance.kind,
        "cue": appearance.cue,
        "cue_kind": appearance.cue_kind,
        "content": appearance.content,
        "review_state": appearance.review_state,
        "variant": variant_record(appearance.variant),
    }


def variant_record(variant: tuple[list, list, str, bool] | None) -> dict | None:
    """How the appearance's words differ from the earlier one (None when they do not)."""
    if variant is None:
        return None
    diff, changes, severity, is_drift = variant
    return {"diff": diff, "changes": changes, "severity": severity, "drift": is_drift}


def rating_record(row: VerdictRow) -> dict | None:
    rating = row.rating
    if rating is None:
        return None
    return {
        "label": rating.label,
        "value": rating.value,
        "best": rating.best,
        "worst": rating.worst,
        "scale": rating.scale,
    }


def verdict_record(verdict: Verdict | VerdictRow) -> dict:
    """The full record (JSON Lines): the verdict, its claim's appearances, speakers, stances and
    the evidence it cites. ``status`` says whether it is published; anything else is a draft."""
    row = as_row(verdict)
    appearances = [appearance_record(a) for a in row.appearances]
    speakers = {a.speaker.id: a.speaker for a in row.appearances if a.speaker}
    return {
        "id": row.pk,
        "status": row.status,
        "url": row.public_url,
        "claim": {"id": row.claim_id, "text": row.claim_text, "status": row.claim_status},
        "rating": rating_record(row),
        "summary": row.summary,
        "explanation": row.explanation,
        "reviewer": row.reviewer,
        "editor": row.editor,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "published_at": row.published_at,
        "retracted_at": row.retracted_at,
        "first_appearance": appearances[0] if appearances else None,
        "appearances": appearances,
        "speakers": [source_record(s) for s in speakers.values()],
        "stances": [
            {"source": source_record(s.source), "stance": s.stance, "basis": s.basis}
            for s in row.stances
        ],
        "evidence": [
            {"url": e.url, "title": e.title, "excerpt": e.excerpt, "stance": e.stance}
            for e in row.evidence
        ],
    }
