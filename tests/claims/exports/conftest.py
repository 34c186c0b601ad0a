"""A demo verdict as editors publish it, and the users who export."""

from datetime import UTC, datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Attribution, Source, Verdict
from tests.factories import (
    ArticleFactory,
    AttributionFactory,
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    RatingScaleFactory,
    SourceFactory,
    StanceFactory,
    VerdictFactory,
)

PUBLISHED_AT = datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
ARTICLE_AT = datetime(2024, 3, 1, 7, 0, tzinfo=UTC)


@pytest.fixture
def scale():
    scale = RatingScaleFactory(name="Truth-o-meter", slug="truth", worst=1, best=5)
    return scale


@pytest.fixture
def mostly_false(scale):
    return RatingFactory(scale=scale, label="Mostly false", value=2)


def api_client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def make_verdict(*, rating, editor=None, reviewer=None, status="published", **claim_kwargs):
    """A claim said by a spokesman in one article, reviewed and (by default) published."""
    claim = ClaimFactory(**claim_kwargs)
    article = ArticleFactory(
        url=f"https://news.example.org/{claim.pk}/budget",
        title="Budget row deepens",
        outlet="Example News",
        published_at=ARTICLE_AT,
    )
    speaker = SourceFactory(
        name="Maria Lopez",
        kind=Source.Kind.PERSON,
        role="Finance minister",
        disambiguation=claim.pk,
    )
    AttributionFactory(
        article=article,
        claim=claim,
        speaker=speaker,
        kind=Attribution.Kind.DIRECT,
        cue_kind=Attribution.CueKind.SPEECH,
    )
    published = status == Verdict.Status.PUBLISHED
    return VerdictFactory(
        claim=claim,
        rating=rating,
        status=status,
        summary="The budget grew by 2%, not 20%.",
        explanation="Official tables show 2%.",
        reviewer=reviewer,
        editor=editor if published else None,
        published_at=PUBLISHED_AT if published else None,
        public_url=f"https://factcheck.example.org/verdicts/{claim.pk}/" if published else "",
    )


@pytest.fixture
def demo_verdict(mostly_false, editor, reviewer):
    """The demo verdict, with an earlier and a later appearance, a stance and cited evidence."""
    verdict = make_verdict(
        rating=mostly_false,
        editor=editor,
        reviewer=reviewer,
        text="The budget grew by 20 percent last year",
    )
    claim = verdict.claim
    # A later appearance, in another outlet, without a speaker (the outlet's own voice).
    later = ArticleFactory(
        url="https://other.example.com/echo",
        title="Echo",
        outlet="Other Daily",
        published_at=datetime(2024, 3, 4, tzinfo=UTC),
    )
    AttributionFactory(article=later, claim=claim, speaker=None, kind=Attribution.Kind.UNATTRIBUTED)
    speaker = claim.attributions.get(speaker__isnull=False).speaker
    StanceFactory(claim=claim, source=speaker, basis="Said it at a press conference")
    evidence = EvidenceFactory(claim=claim, url="https://stats.example.org/budget", title="Tables")
    verdict.evidence.add(evidence)
    return verdict


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def schema_org_loader():
    """A pyld document loader answering schema.org's context from memory: tests never go online."""
    requested = []

    def load(url, options=None):
        requested.append(url)
        if url.rstrip("/") not in {"https://schema.org", "http://schema.org"}:
            raise AssertionError(f"unexpected remote context {url}")
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}},
        }

    load.requested = requested
    return load
