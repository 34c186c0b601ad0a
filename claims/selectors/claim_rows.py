"""What the API's claim list shows around a page of claims, read as plain rows.

The list serializer (``claims.api.serializers.ClaimListSerializer``) shapes these into the same
JSON the model serializers give; reading tuples instead of building an attribution, an article
and a speaker instance per appearance (and a verdict, a rating and a scale per claim) took half a
list page's time away. Two queries whatever the page's size.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from claims.models import Attribution, Verdict
from claims.selectors.scorecards import RATING_COLUMNS

# An appearance's own fields, shown as they are (the foreign keys as ids), in the API's order.
APPEARANCE_FIELDS = (
    "speaker_mention",
    "subject",
    "kind",
    "cue",
    "cue_kind",
    "content",
    "content_start",
    "content_end",
    "reported_by",
    "review_state",
)
# The columns of each appearance row, in the order ``values_list`` gives them.
APPEARANCE_COLUMNS = (
    "claim_id",
    "id",
    "article_id",
    "article__title",
    "article__outlet",
    "article__url",
    "article__published_at",
    "speaker_id",
    "speaker__name",
    "speaker__kind",
    "speaker__role",
    *APPEARANCE_FIELDS,
)
VERDICT_COLUMNS = ("claim_id", "id", *RATING_COLUMNS, "summary", "published_at", "public_url")


def shown_appearances() -> QuerySet[Attribution]:
    """A claim's appearances as the API shows them: those not rejected by a reviewer, by article
    and position."""
    return Attribution.objects.exclude(review_state=Attribution.ReviewState.REJECTED).order_by(
        "article_id", "content_start", "id"
    )


def published_verdicts() -> QuerySet[Verdict]:
    """Published verdicts, the latest first (a claim shows the first of its own)."""
    return Verdict.objects.filter(status=Verdict.Status.PUBLISHED).order_by("-published_at", "-id")


def claim_appearance_rows(*, claim_ids: Iterable[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Each claim's appearances not rejected by a reviewer, by article and position (1 query)."""
    rows: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    appearances = shown_appearances().filter(claim_id__in=list(claim_ids))
    for row in appearances.values_list(*APPEARANCE_COLUMNS):
        rows[row[0]].append(row)
    return rows


def claim_published_verdict_rows(*, claim_ids: Iterable[int]) -> dict[int, tuple[Any, ...]]:
    """Each claim's latest published verdict, with its rating and scale (1 query)."""
    latest: dict[int, tuple[Any, ...]] = {}
    verdicts = published_verdicts().filter(claim_id__in=list(claim_ids))
    for row in verdicts.values_list(*VERDICT_COLUMNS):
        latest.setdefault(row[0], row)
    return latest
