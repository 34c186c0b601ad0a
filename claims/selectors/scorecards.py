"""Speaker scorecards: what a source said and how the published verdicts on it came out.

A claim counts for a source when the source is the speaker of at least one of its attributions that
a reviewer has not rejected; a claim merged into another counts as its survivor would (the verdict
lives on the survivor). Only published verdicts count.
"""

from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce

from claims.models import Attribution, Source, Verdict

RECENT_VERDICTS = 20
# A verdict's rating with its scale, as plain columns.
RATING_COLUMNS = (
    "rating_id",
    "rating__label",
    "rating__value",
    "rating__scale__slug",
    "rating__scale__worst",
    "rating__scale__best",
)


class RatingCount(TypedDict):
    """How many published verdicts on the source gave one rating."""

    rating: int
    label: str
    value: int
    scale: str
    worst: int
    best: int
    count: int


@dataclass(frozen=True)
class Scorecard:
    source: Source
    claims: int
    articles: int
    published_verdicts: int
    ratings: list[RatingCount]
    recent_verdicts: list[Verdict]


def _said_by(source: Source) -> QuerySet[Attribution]:
    return Attribution.objects.filter(speaker=source).exclude(
        review_state=Attribution.ReviewState.REJECTED
    )


def source_scorecard(*, source: Source) -> Scorecard:
    """The scorecard of ``source``, in four queries whatever its size."""
    said = _said_by(source)
    counts = said.aggregate(
        claims=Count(Coalesce("claim__canonical_id", "claim_id"), distinct=True),
        articles=Count("article_id", distinct=True),
    )
    said_claim = Exists(said.filter(claim_id=OuterRef("claim_id")))
    said_duplicate = Exists(said.filter(claim__canonical_id=OuterRef("claim_id")))
    verdicts = Verdict.objects.filter(said_claim | said_duplicate, status=Verdict.Status.PUBLISHED)
    ratings = list(
        verdicts.values(*RATING_COLUMNS)
        .annotate(count=Count("id"))
        .order_by("rating__scale__slug", "rating__value")
    )
    recent = list(
        verdicts.select_related("claim", "rating", "rating__scale").order_by(
            "-published_at", "-id"
        )[:RECENT_VERDICTS]
    )
    return Scorecard(
        source=source,
        claims=counts["claims"],
        articles=counts["articles"],
        published_verdicts=sum(row["count"] for row in ratings),
        ratings=[
            {
                "rating": row["rating_id"],
                "label": row["rating__label"],
                "value": row["rating__value"],
                "scale": row["rating__scale__slug"],
                "worst": row["rating__scale__worst"],
                "best": row["rating__scale__best"],
                "count": row["count"],
            }
            for row in ratings
        ],
        recent_verdicts=recent,
    )
