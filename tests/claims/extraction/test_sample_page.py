"""The user's sample page (tests/fixtures/samples) with its hand annotation."""

import json
from pathlib import Path

import pytest

from claims.extraction import extract

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "samples"
TEXT = (SAMPLES / "pentagon-belousov-call.txt").read_text(encoding="utf-8")
GOLD = json.loads((SAMPLES / "pentagon-belousov-call.gold.json").read_text(encoding="utf-8"))
REQUIRED = [a for a in GOLD["attributions"] if not a.get("optional")]


@pytest.fixture(scope="module")
def result(nlp):
    return extract(TEXT, nlp=nlp)


def _matching(result, gold):
    """The attribution covering the gold content (ours may add the surrounding clause)."""
    core = gold["content"].strip(" ,.“”")
    return [a for a in result.attributions if core in a.content]


@pytest.mark.parametrize("gold", REQUIRED, ids=[a["content"][:30] for a in REQUIRED])
def test_required_attribution_found_with_its_speaker(result, gold):
    found = _matching(result, gold)
    assert any(a.speaker and a.speaker.name == gold["speaker"] for a in found), found
    best = next(a for a in found if a.speaker and a.speaker.name == gold["speaker"])
    assert best.speaker.mention == gold["mention"]
    if "role" in gold:
        assert best.speaker.role == gold["role"]


def test_ryder_reports_on_austin(result):
    ryder = next(a for a in result.attributions if a.speaker and a.speaker.name == "Pat Ryder")
    assert ryder.subject == "Lloyd Austin"
    assert ryder.kind == "mixed"
    # What Austin emphasized is part of Ryder's report, not an attribution of its own.
    assert not any(a.cue == "emphasized" for a in result.attributions)


def test_peskov_affiliation(result):
    peskov = next(a for a in result.attributions if a.speaker and a.speaker.name == "Dmitry Peskov")
    assert peskov.speaker.affiliation == "Kremlin"
    assert peskov.kind == "direct"


def test_nothing_from_site_chrome(result):
    chrome = GOLD["article"]["boilerplate_lines"] + GOLD["article"]["related_link_lines"]
    starts = [TEXT.find(line) for line in chrome if len(line) > 10]
    for att in result.attributions:
        for start in starts:
            assert not (start <= att.content_start < start + 80), att


def test_spans_slice_to_their_text(result):
    for att in result.attributions:
        assert TEXT[att.content_start : att.content_end] == att.content
        s = att.speaker
        if s and s.mention_start is not None:
            assert TEXT[s.mention_start : s.mention_end] == s.mention
    for claim in result.claims:
        assert TEXT[claim.start : claim.end] == claim.text


def test_unattributed_claims_include_the_strike(result):
    texts = " ".join(c.text for c in result.claims)
    assert "four beachgoers, including two children, were killed" in texts
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in result.claims)
