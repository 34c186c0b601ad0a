"""A small reviewed world and a speaker with a scorecard, shared by the tests of the review
screens, the selectors behind them and the API (the users in each role are in tests/conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Attribution, Claim
from tests import factories

TEXT = (
    'Pentagon spokesman Pat Ryder said Austin "stressed that talks must go on," and the '
    "ministry denied it. The budget grew by 4 percent."
)


@pytest.fixture
def scale(db):
    scale = factories.RatingScaleFactory(name="Truth", slug="truth-test")
    return {
        value: factories.RatingFactory(scale=scale, label=label, value=value)
        for value, label in enumerate(
            ["False", "Mostly false", "Half true", "Mostly true", "True"], 1
        )
    }


@pytest.fixture
def world(db, scale):
    """An article whose quote nests inside the spokesman's report, with a claim on each."""
    article = factories.ArticleFactory(text=TEXT, title="Pentagon call", outlet="Example News")
    ryder = factories.SourceFactory(name="Pat Ryder", role="Pentagon spokesman")
    austin = factories.SourceFactory(name="Lloyd Austin")
    mention = "Pentagon spokesman Pat Ryder"
    outer = factories.said(
        article,
        TEXT[TEXT.index("Austin ") : TEXT.index(',"') + 2],
        speaker=ryder,
        kind="mixed",
        cue="said",
        speaker_mention=mention,
        mention_start=0,
        mention_end=len(mention),
    )
    inner = factories.said(
        article,
        "stressed that talks must go on,",
        speaker=austin,
        kind="direct",
        cue="stressed",
        reported_by=outer,
    )
    budget = "The budget grew by 4 percent."
    own = factories.said(
        article,
        budget,
        claim=factories.ClaimFactory(text=budget, checkworthiness=0.9),
        speaker=None,
        kind="unattributed",
        cue="",
    )
    claim = outer.claim
    factories.StanceFactory(claim=claim, source=austin, stance="supports")
    factories.EvidenceFactory(claim=claim)
    verdict = factories.VerdictFactory(claim=claim, rating=scale[2], summary="Half of it.")
    return {
        "article": article,
        "outer": outer,
        "inner": inner,
        "own": own,
        "claim": claim,
        "verdict": verdict,
        "ryder": ryder,
        "austin": austin,
    }


@pytest.fixture
def speaker():
    """A speaker with six claims in three articles: four with a published verdict."""
    source = factories.SourceFactory(name="Dmitry Peskov")
    scale = factories.RatingScaleFactory(slug="truth")
    false = factories.RatingFactory(scale=scale, label="False", value=1)
    accurate = factories.RatingFactory(scale=scale, label="Accurate", value=5)
    first = factories.AttributionFactory(speaker=source)
    factories.AttributionFactory(speaker=source, article=first.article)
    second = factories.AttributionFactory(speaker=source)
    third = factories.AttributionFactory(speaker=source, article=second.article)
    now = timezone.now()
    factories.VerdictFactory(claim=first.claim, rating=false, status="published", published_at=now)
    factories.VerdictFactory(claim=second.claim, rating=false, status="published", published_at=now)
    factories.VerdictFactory(
        claim=third.claim, rating=accurate, status="published", published_at=now
    )
    # Neither a draft nor a claim someone else said counts; a merged duplicate counts as its survivor.
    factories.VerdictFactory(
        claim=factories.AttributionFactory(speaker=source).claim, rating=accurate
    )
    factories.VerdictFactory(rating=accurate, status="published", published_at=now)
    rejected = factories.AttributionFactory(
        speaker=source, review_state=Attribution.ReviewState.REJECTED
    )
    factories.VerdictFactory(
        claim=rejected.claim, rating=false, status="published", published_at=now
    )
    survivor = factories.ClaimFactory()
    factories.VerdictFactory(claim=survivor, rating=accurate, status="published", published_at=now)
    duplicate = factories.ClaimFactory(status=Claim.Status.MERGED, canonical=survivor)
    factories.AttributionFactory(speaker=source, claim=duplicate, article=first.article)
    return source


QUOTE = "We will protect about 3,000 homes along the Grey River before the winter floods arrive"


@pytest.fixture
def drifted(db):
    """One speaker's quote in two outlets, the later one with "about" dropped (a variant that is
    drift), and a paraphrase of it in a third, a separate claim suggested as similar."""
    from claims.models import ClaimSuggestion
    from claims.services.variants import variants_refresh

    porter = factories.SourceFactory(name="Jane Porter")
    now = timezone.now()
    claim = factories.ClaimFactory(text=QUOTE)
    reworded = QUOTE.replace("about ", "")
    paraphrase = "about 3,000 homes along the Grey River would be protected before winter"
    first, later, other = (
        factories.ArticleFactory(
            text=f'"{words}," Mayor Jane Porter said.', outlet=outlet, published_at=now - age
        )
        for words, outlet, age in [
            (QUOTE, "Outlet A", timedelta(days=2)),
            (reworded, "Outlet B", timedelta(days=1)),
            (paraphrase, "Outlet C", timedelta(0)),
        ]
    )
    original = factories.said(first, QUOTE, claim=claim, speaker=porter, kind="direct")
    variant = factories.said(later, reworded, claim=claim, speaker=porter, kind="direct")
    similar = factories.said(other, paraphrase, speaker=porter, kind="indirect")
    variants_refresh(claim_ids=[claim.pk])
    suggestion = ClaimSuggestion.objects.create(
        claim=similar.claim,
        similar=claim,
        attribution=similar,
        similarity=0.76,
        reasons=["similarity 0.76"],
    )
    return {
        "claim": claim,
        "speaker": porter,
        "original": original,
        "variant": variant,
        "similar": similar,
        "suggestion": suggestion,
    }
