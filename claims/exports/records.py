"""Plain-data views of a verdict shared by the export formats.

They read only what ``verdict_export_queryset`` loaded (``export_appearances`` and, for the full
record, ``export_stances`` and ``export_evidence``), so building them never queries.
"""

from datetime import datetime

from django.contrib.auth.models import User

from claims.models import Attribution, Source, Verdict


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def person_name(user: User | None) -> str:
    """A user as a colleague would name them: full name, else username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def first_appearance(verdict: Verdict) -> Attribution | None:
    """The earliest article carrying the claim (appearances are sorted by the selector)."""
    appearances = verdict.claim.export_appearances
    return appearances[0] if appearances else None


def first_speaker(verdict: Verdict) -> Source | None:
    """Who first said the claim: the speaker of its earliest attributed appearance."""
    return next((a.speaker for a in verdict.claim.export_appearances if a.speaker), None)


def source_record(source: Source | None) -> dict | None:
    if source is None:
        return None
    return {"id": source.pk, "name": source.name, "kind": source.kind, "role": source.role}


def appearance_record(attribution: Attribution) -> dict:
    article = attribution.article
    return {
        "article": {
            "id": article.pk,
            "url": article.url,
            "title": article.title,
            "outlet": article.outlet,
            "published_at": iso(article.published_at),
        },
        "speaker": source_record(attribution.speaker),
        "kind": attribution.kind,
        "cue": attribution.cue,
        "content": attribution.content,
        "review_state": attribution.review_state,
    }


def rating_record(verdict: Verdict) -> dict | None:
    rating = verdict.rating
    if rating is None:
        return None
    return {
        "label": rating.label,
        "value": rating.value,
        "best": rating.scale.best,
        "worst": rating.scale.worst,
        "scale": rating.scale.slug,
    }


def verdict_record(verdict: Verdict) -> dict:
    """The full record (JSON Lines): the verdict, its claim's appearances, speakers, stances and
    the evidence it cites. ``status`` says whether it is published; anything else is a draft."""
    claim = verdict.claim
    appearances = claim.export_appearances
    speakers = {a.speaker.pk: a.speaker for a in appearances if a.speaker}
    first = appearances[0] if appearances else None
    return {
        "id": verdict.pk,
        "status": verdict.status,
        "url": verdict.public_url,
        "claim": {"id": claim.pk, "text": claim.text, "status": claim.status},
        "rating": rating_record(verdict),
        "summary": verdict.summary,
        "explanation": verdict.explanation,
        "reviewer": person_name(verdict.reviewer),
        "editor": person_name(verdict.editor),
        "created_at": iso(verdict.created_at),
        "updated_at": iso(verdict.updated_at),
        "published_at": iso(verdict.published_at),
        "retracted_at": iso(verdict.retracted_at),
        "first_appearance": appearance_record(first) if first else None,
        "appearances": [appearance_record(a) for a in appearances],
        "speakers": [source_record(s) for s in speakers.values()],
        "stances": [
            {"source": source_record(s.source), "stance": s.stance, "basis": s.basis}
            for s in claim.export_stances
        ],
        "evidence": [
            {"url": e.url, "title": e.title, "excerpt": e.excerpt, "stance": e.stance}
            for e in verdict.export_evidence
        ],
    }
