import json

import pytest

from claims.exports.jsonl import jsonl_chunks
from claims.exports.selectors import ExportFilters, verdict_export_iter, verdict_export_queryset
from tests.claims.exports.conftest import make_verdict

pytestmark = pytest.mark.django_db


def export_records() -> list[dict]:
    queryset = verdict_export_queryset(filters=ExportFilters(), detail=True)
    text = "".join(jsonl_chunks(verdict_export_iter(queryset)))
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_demo_verdict_full_record(demo_verdict):
    [record] = export_records()

    claim = demo_verdict.claim
    speaker = claim.attributions.get(speaker__isnull=False).speaker
    speaker_record = {
        "id": speaker.pk,
        "name": "Maria Lopez",
        "kind": "person",
        "role": "Finance minister",
    }
    first = {
        "article": {
            "id": claim.attributions.get(speaker__isnull=False).article_id,
            "url": f"https://news.example.org/{claim.pk}/budget",
            "title": "Budget row deepens",
            "outlet": "Example News",
            "published_at": "2024-03-01T07:00:00+00:00",
        },
        "speaker": speaker_record,
        "kind": "direct",
        "cue": "said",
        "cue_kind": "speech",
        "content": claim.attributions.get(speaker__isnull=False).content,
        "review_state": "auto",
        "variant": None,
    }
    assert record == {
        "id": demo_verdict.pk,
        "status": "published",
        "url": demo_verdict.public_url,
        "claim": {"id": claim.pk, "text": claim.text, "status": claim.status},
        "rating": {"label": "Mostly false", "value": 2, "best": 5, "worst": 1, "scale": "truth"},
        "summary": "The budget grew by 2%, not 20%.",
        "explanation": "Official tables show 2%.",
        "reviewer": "rita",
        "editor": "Edna Editor",
        "created_at": demo_verdict.created_at.isoformat(),
        "updated_at": demo_verdict.updated_at.isoformat(),
        "published_at": "2024-03-05T09:30:00+00:00",
        "retracted_at": None,
        "first_appearance": first,
        "appearances": [
            first,
            {
                "article": {
                    "id": claim.attributions.get(speaker__isnull=True).article_id,
                    "url": "https://other.example.com/echo",
                    "title": "Echo",
                    "outlet": "Other Daily",
                    "published_at": "2024-03-04T00:00:00+00:00",
                },
                "speaker": None,
                "kind": "unattributed",
                "cue": "said",
                "cue_kind": "",
                "content": claim.attributions.get(speaker__isnull=True).content,
                "review_state": "auto",
                "variant": None,
            },
        ],
        "speakers": [speaker_record],
        "stances": [
            {
                "source": speaker_record,
                "stance": "supports",
                "basis": "Said it at a press conference",
            }
        ],
        "evidence": [
            {
                "url": "https://stats.example.org/budget",
                "title": "Tables",
                "excerpt": "",
                "stance": "refutes",
            }
        ],
    }


def test_rejected_attributions_are_not_appearances(demo_verdict):
    demo_verdict.claim.attributions.filter(speaker__isnull=True).update(review_state="rejected")

    [record] = export_records()

    assert [a["article"]["outlet"] for a in record["appearances"]] == ["Example News"]


def test_draft_is_marked_and_unrated_draft_has_no_rating(scale):
    make_verdict(rating=None, status="draft", text="Crime doubled — «officially»\nsince 2020")

    [record] = export_records()

    assert record["status"] == "draft"
    assert record["rating"] is None
    assert record["published_at"] is None
    assert record["claim"]["text"] == "Crime doubled — «officially»\nsince 2020"


def test_variants_are_in_the_record(demo_verdict):
    from claims.services.variants import variants_refresh

    later = demo_verdict.claim.attributions.get(speaker__isnull=True)
    later.content = "The budget grew by 20 percent this year"
    later.save()
    variants_refresh(claim_ids=[demo_verdict.claim_id])
    [record] = export_records()
    first, second = record["appearances"]
    assert first["variant"] is None
    assert second["variant"]["severity"] == "high"
    assert "number" in second["variant"]["changes"]
    assert ["insert", "20 percent this year"] in second["variant"]["diff"]
