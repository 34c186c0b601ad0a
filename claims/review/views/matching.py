"""What matching asks of reviewers: answer a suggestion ("Same claim", "Not the same", undo) on
the claim page, and the editors' drift page ranking altered quotes by severity."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.models import Claim, ClaimSuggestion
from claims.review.context import desk_context
from claims.review.views.claim import claim_url
from claims.review.views.common import back, error_text, post_on, staff_only
from claims.selectors.matching import drift_ranked
from claims.services import matching as matching_services
from factcheck.auth import acting_user

DECIDE = "claims.change_claim"
EDITOR = "claims.assign_claim"


def _answer(
    request: HttpRequest,
    suggestion: ClaimSuggestion,
    call: Callable[[], Claim],
    done: str,
) -> HttpResponse:
    """Run ``call``, flash ``done`` or why it was refused, and go back to the claim shown."""
    try:
        shown = call()
    except (ValidationError, PermissionDenied) as error:
        message = error_text(error) if isinstance(error, ValidationError) else str(error)
        messages.error(request, f"Not done. {message}")
        return back(request, claim_url(suggestion.claim))
    messages.success(request, done)
    return back(request, claim_url(shown))


@post_on(ClaimSuggestion.objects.select_related("claim", "similar"), DECIDE)
def suggestion_confirm(request: HttpRequest, suggestion: ClaimSuggestion) -> HttpResponse:
    return _answer(
        request,
        suggestion,
        lambda: matching_services.suggestion_confirm(
            suggestion=suggestion, actor=acting_user(request)
        ),
        f"Claim #{suggestion.claim_id} merged into claim #{suggestion.similar_id}.",
    )


@post_on(ClaimSuggestion.objects.select_related("claim", "similar"), DECIDE)
def suggestion_dismiss(request: HttpRequest, suggestion: ClaimSuggestion) -> HttpResponse:
    def dismiss() -> Claim:
        matching_services.suggestion_dismiss(suggestion=suggestion, actor=acting_user(request))
        return suggestion.claim

    return _answer(request, suggestion, dismiss, "Not the same: it will not be suggested again.")


@post_on(ClaimSuggestion.objects.select_related("claim", "similar"), DECIDE)
def suggestion_undo(request: HttpRequest, suggestion: ClaimSuggestion) -> HttpResponse:
    return _answer(
        request,
        suggestion,
        lambda: matching_services.suggestion_undo(
            suggestion=suggestion, actor=acting_user(request)
        ),
        f"Merge undone: claim #{suggestion.claim_id} has its appearances back.",
    )


@require_GET
@staff_only(EDITOR, denied="The drift page is for editors.")
def drift(request: HttpRequest) -> HttpResponse:
    """Altered quotes across outlets, most severe first, then newest."""
    return render(
        request,
        "review/drift.html",
        desk_context(request, title="Drift: altered quotes", variants=drift_ranked()),
    )
