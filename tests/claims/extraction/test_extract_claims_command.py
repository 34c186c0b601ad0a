"""The `extract_claims` output contract other tools rely on (no database access)."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from claims.extraction.cues import CUE_KINDS

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "samples" / "pentagon-belousov-call.txt"


def _run(*paths: str) -> list[dict]:
    out = StringIO()
    call_command("extract_claims", "--jsonl", *paths, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_one_json_object_per_file_with_the_contract_keys(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><title>Bridge</title></head><body><article><h1>Bridge to close</h1>"
        "<p>Mayor Jane Holloway warned that the bridge would close in May, "
        "after inspectors found cracks in 14 of its 20 pillars.</p></article></body></html>",
        encoding="utf-8",
    )
    rows = _run(str(SAMPLE), str(html))
    assert [r["path"] for r in rows] == [str(SAMPLE), str(html)]
    for row in rows:
        assert set(row) == {"path", "article", "attributions", "claims"}
        assert set(row["article"]) == {"title", "byline", "published", "text"}
        text = row["article"]["text"]
        for att in row["attributions"]:
            assert set(att) == {
                "content",
                "content_start",
                "content_end",
                "parts",
                "kind",
                "cue",
                "cue_kind",
                "speaker",
                "reported_by",
                "confidence",
                "checkworthiness",
                "statement",
            }
            assert att["cue_kind"] in CUE_KINDS
            assert 0.0 <= att["checkworthiness"] <= 1.0
            assert att["parts"] and all(
                att["content_start"] <= start < end <= att["content_end"]
                for start, end in att["parts"]
            )
            assert text[att["content_start"] : att["content_end"]] == att["content"]
            assert att["speaker"] is None or set(att["speaker"]) == {
                "name",
                "mention",
                "kind",
                "role",
            }
        for claim in row["claims"]:
            assert set(claim) == {"text", "start", "end", "checkworthiness"}
            assert text[claim["start"] : claim["end"]] == claim["text"]
    assert any(a["speaker"]["name"] == "Jane Holloway" for a in rows[1]["attributions"])


def test_sample_page_output(tmp_path):
    (row,) = _run(str(SAMPLE))
    assert row["article"]["published"] == "2024-06-26"
    speakers = {a["speaker"]["name"] for a in row["attributions"] if a["speaker"]}
    assert {
        "Pat Ryder",
        "Lloyd Austin",
        "Andrey Belousov",
        "Dmitry Peskov",
        "Russian Ministry of Defense",
        "Russian government",
    } <= speakers
    # Ryder's report of what Austin said is one attribution, not two nested ones.
    ryder = [a for a in row["attributions"] if (a["speaker"] or {}).get("name") == "Pat Ryder"]
    assert ryder and not any(
        a is not r and r["content_start"] <= a["content_start"] < r["content_end"]
        for r in ryder
        for a in row["attributions"]
    )
