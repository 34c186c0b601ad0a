"""What matching asks of reviewers: answer a suggestion ("Same claim", "Not the same", undo) on
the claim page, and the editors' drift page ranking altered quotes by severity."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.models import User
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


Answer = Callable[[ClaimSuggestion, User], Claim]


def _answer(call: Answer, done: str) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST view on the suggestion at ``pk`` running ``call`` (which returns the claim to
    show next); ``done`` is flashed on success (formatted with the suggestion), else why not."""

    @post_on(ClaimSuggestion.objects.select_related("claim", "similar"), DECIDE)
    def view(request: HttpRequest, suggestion: ClaimSuggestion) -> HttpResponse:
        try:
            shown = call(suggestion, acting_user(request))
        except (ValidationError, PermissionDenied) as error:
            message = error_text(error) if isinstance(error, ValidationError) else str(error)
            messages.error(request, f"Not done. {message}")
            return back(request, claim_url(suggestion.claim))
        messages.success(request, done.format(s=suggestion))
        return back(request, claim_url(shown))

    return view


def _dismiss(suggestion: ClaimSuggestion, actor: User) -> Claim:
    matching_services.suggestion_dismiss(suggestion=suggestion, actor=actor)
    return suggestion.claim


suggestion_confirm = _answer(
    lambda suggestion, actor: matching_services.suggestion_confirm(
        suggestion=suggestion, actor=actor
    ),
    "Claim #{s.claim_id} merged into claim #{s.similar_id}.",
)
suggestion_dismiss = _answer(_dismiss, "Not the same: it will not be suggested again.")
suggestion_undo = _answer(
    lambda suggestion, actor: matching_services.suggestion_undo(suggestion=suggestion, actor=actor),
    "Merge undone: claim #{s.claim_id} has its appearances back.",
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
