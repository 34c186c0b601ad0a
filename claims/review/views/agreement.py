"""How far reviewers agree under blind double review, for the editors."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.review.agreement import pairwise_agreement
from claims.review.context import desk_context
from claims.review.views.common import EDITOR, staff_only
from claims.selectors.agreement import review_ratings_by_claim


@require_GET
@staff_only(EDITOR)
def agreement(request: HttpRequest) -> HttpResponse:
    """Krippendorff's alpha per reviewer pair under blind double review, and the disagreements."""
    double_review = review_ratings_by_claim()
    values = double_review.values
    return render(
        request,
        "review/agreement.html",
        desk_context(
            request,
            title="Reviewer agreement",
            pairs=[
                {**ordinal, "alpha_interval": interval["alpha"]}
                for ordinal, interval in zip(
                    pairwise_agreement(values, "ordinal"),
                    pairwise_agreement(values, "interval"),
                    strict=True,
                )
            ],
            disagreements=double_review.disagreements,
            rated_claims=double_review.rated_claims,
        ),
    )
