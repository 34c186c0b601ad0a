"""A small reviewed world for the review screens' tests (the users are in tests/claims/conftest.py)."""

import pytest

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

TEXT = (
    'Pentagon spokesman Pat Ryder said Austin "stressed that talks must go on," and the '
    "ministry denied it. The budget grew by 4 percent."
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing each test user's password with the production hasher dominates these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def scale(db):
    scale = RatingScaleFactory(name="Truth", slug="truth-test")
    return {
        value: RatingFactory(scale=scale, label=label, value=value)
        for value, label in enumerate(
            ["False", "Mostly false", "Half true", "Mostly true", "True"], 1
        )
    }


@pytest.fixture
def world(db, scale):
    """An article whose quote nests inside the spokesman's report, with a claim on each."""
    article = ArticleFactory(text=TEXT, title="Pentagon call", outlet="Example News")
    ryder = SourceFactory(name="Pat Ryder", role="Pentagon spokesman")
    austin = SourceFactory(name="Lloyd Austin")
    outer_content = TEXT[TEXT.index("Austin ") : TEXT.index(',"') + 2]
    quote = "stressed that talks must go on,"
    outer = AttributionFactory(
        article=article,
        claim=ClaimFactory(text=outer_content),
        speaker=ryder,
        kind="mixed",
        cue="said",
        content=outer_content,
        content_start=TEXT.index(outer_content),
        content_end=TEXT.index(outer_content) + len(outer_content),
        speaker_mention="Pentagon spokesman Pat Ryder",
        mention_start=0,
        mention_end=len("Pentagon spokesman Pat Ryder"),
    )
    inner = AttributionFactory(
        article=article,
        claim=ClaimFactory(text=quote),
        speaker=austin,
        kind="direct",
        cue="stressed",
        content=quote,
        content_start=TEXT.index(quote),
        content_end=TEXT.index(quote) + len(quote),
        reported_by=outer,
    )
    budget = "The budget grew by 4 percent."
    own = AttributionFactory(
        article=article,
        claim=ClaimFactory(text=budget, checkworthiness=0.9),
        speaker=None,
        kind="unattributed",
        cue="",
        content=budget,
        content_start=TEXT.index(budget),
        content_end=TEXT.index(budget) + len(budget),
    )
    claim = outer.claim
    StanceFactory(claim=claim, source=austin, stance="supports")
    EvidenceFactory(claim=claim)
    verdict = VerdictFactory(claim=claim, rating=scale[2], summary="Half of it.")
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
