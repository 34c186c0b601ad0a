"""The sample article (tests/fixtures/samples/pentagon-belousov-call.*) built in the database.

Every attribution of the hand annotation is stored at its exact offsets in the text, with the
speaker's mention and cue located next to it. Pat Ryder's attribution is about Lloyd Austin
(``subject``) and carries an inner attribution of the same words to Austin, ``reported_by`` Ryder's:
the nested reporting the extractor produces for "Austin has emphasized ..., Pentagon spokesman Pat
Ryder said".
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from articles.models import Article
from claims.models import Attribution, Claim, ClaimRelation, Source
from tests.factories import ArticleFactory, AttributionFactory, ClaimFactory, SourceFactory

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "samples"
TEXT = (SAMPLES / "pentagon-belousov-call.txt").read_text(encoding="utf-8")
GOLD = json.loads((SAMPLES / "pentagon-belousov-call.gold.json").read_text(encoding="utf-8"))
# Everyone the sample quotes.
SPEAKERS = {attribution["speaker"] for attribution in GOLD["attributions"]}


@dataclass
class SampleArticle:
    article: Article
    sources: dict[str, Source] = field(default_factory=dict)
    attributions: dict[str, Attribution] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    ryder_inner: Attribution | None = None
    relation: ClaimRelation | None = None


def _nearest(pattern: str, around: int) -> tuple[int, int]:
    """Span of the occurrence of ``pattern`` (a whole-word match) closest to ``around``."""
    matches = list(re.finditer(rf"(?<!\w){re.escape(pattern)}(?!\w)", TEXT))
    assert matches, pattern
    best = min(matches, key=lambda m: abs(m.start() - around))
    return best.start(), best.end()


def build_sample_article() -> SampleArticle:
    article = ArticleFactory(
        text=TEXT,
        raw=TEXT,
        title=GOLD["article"]["title"],
        byline=", ".join(GOLD["article"]["byline"]),
        outlet="RT",
        url="https://www.rt.com/news/pentagon-belousov-call/",
        normalized_url="https://rt.com/news/pentagon-belousov-call",
    )
    sample = SampleArticle(article=article)
    for spec in GOLD["sources"]:
        sample.sources[spec["name"]] = SourceFactory(
            name=spec["name"], kind=spec["kind"], role=spec.get("role", "")
        )
    belousov = sample.sources["Andrey Belousov"]
    belousov.affiliation = sample.sources["Russian Ministry of Defense"]
    belousov.save()

    for spec in GOLD["attributions"]:
        start = TEXT.index(spec["content"])
        end = start + len(spec["content"])
        assert TEXT.index(spec["content"]) == TEXT.rindex(spec["content"])
        mention_start, mention_end = _nearest(spec["mention"], start)
        cue_start, cue_end = _nearest(spec["cue"], start)
        claim = ClaimFactory(text=spec["content"].strip("“”,. "), status=Claim.Status.ACCEPTED)
        attribution = AttributionFactory(
            article=article,
            claim=claim,
            speaker=sample.sources[spec["speaker"]],
            subject=sample.sources[spec["about"]] if spec.get("about") else None,
            kind=spec["kind"],
            cue=spec["cue"],
            cue_start=cue_start,
            cue_end=cue_end,
            content=spec["content"],
            content_start=start,
            content_end=end,
            speaker_mention=spec["mention"],
            mention_start=mention_start,
            mention_end=mention_end,
        )
        sample.attributions[spec["content"]] = attribution
        sample.claims[spec["content"]] = claim

    ryder = next(a for a in sample.attributions.values() if a.speaker.name == "Pat Ryder")
    austin_start, austin_end = _nearest("Austin", ryder.content_start)
    sample.ryder_inner = AttributionFactory(
        article=article,
        claim=ryder.claim,
        speaker=sample.sources["Lloyd Austin"],
        kind=Attribution.Kind.INDIRECT,
        cue="emphasized",
        content=ryder.content,
        content_start=ryder.content_start,
        content_end=ryder.content_end,
        speaker_mention="Austin",
        mention_start=austin_start,
        mention_end=austin_end,
        reported_by=ryder,
    )
    relation = GOLD["claim_relations"][0]
    sample.relation = ClaimRelation.objects.create(
        from_claim=sample.claims[relation["from"]],
        to_claim=sample.claims[relation["to"]],
        relation=relation["relation"],
    )
    return sample
