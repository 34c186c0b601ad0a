"""Verdicts: drafting one on the claim page, moving it through the editors' workflow, the staff
view of one verdict and the editors' inbox."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from claims.models import Claim, Verdict
from claims.review import forms
from claims.review.context import desk_context
from claims.review.views.claim import claim_url, save_on_claim_page
from claims.review.views.common import EDITOR, REVIEW, attempt, back, post_on, staff_only
from claims.selectors import review as selectors
from claims.services import verdicts as verdict_services
from factcheck.auth import acting_user

INBOX_SIZE = 200
PUBLISHED_SHOWN = 50


@post_on(Claim, "claims.change_verdict")
def claim_verdict(request: HttpRequest, claim: Claim) -> HttpResponse:
    """Draft or edit the claim's verdict; a stale save comes back with both versions shown and
    the person's text kept in the form."""

    def save(data: dict[str, Any]) -> str:
        verdict = verdict_services.verdict_draft(
            claim=claim,
            actor=acting_user(request),
            rating=data["rating"],
            summary=data["summary"],
            explanation=data["explanation"],
            evidence=data["evidence"],
            expected_version=data["version"],
        )
        return f"Verdict saved ({verdict.get_status_display().lower()})."

    def compare(data: dict[str, Any], current: Verdict) -> list[tuple[str, Any, Any]]:
        return [
            ("Rating", str(data["rating"] or "—"), str(current.rating or "—")),
            ("Summary", data["summary"], current.summary),
            ("Explanation", data["explanation"], current.explanation),
            ("Status", "—", current.get_status_display()),
        ]

    return save_on_claim_page(
        request,
        claim,
        name="verdict",
        form_class=partial(forms.VerdictForm, claim=claim),
        save=save,
        compare=compare,
    )


def _verdict_workflow_view(action: str, *, done: str) -> Callable[..., HttpResponse]:
    """A POST view taking the workflow step ``action`` on a verdict (the form's note is the
    reason of the steps that ask one)."""

    @post_on(
        Verdict.objects.select_related("claim"), verdict_services.verdict_action_permission(action)
    )
    def view(request: HttpRequest, verdict: Verdict) -> HttpResponse:
        def act(data: dict[str, Any]) -> Verdict:
            return verdict_services.verdict_step(
                action=action,
                verdict=verdict,
                actor=acting_user(request),
                reason=data["note"],
                expected_version=data["version"],
            )

        if attempt(request, forms.VerdictActionForm(request.POST), act) is not None:
            messages.success(request, done)
        return back(request, claim_url(verdict.claim))

    view.__name__ = f"verdict_{action}"
    return view


verdict_submit = _verdict_workflow_view("submit", done="Verdict submitted to the editors.")
verdict_approve = _verdict_workflow_view("approve", done="Verdict approved.")
verdict_send_back = _verdict_workflow_view("send_back", done="Verdict sent back to its reviewer.")
verdict_publish = _verdict_workflow_view("publish", done="Verdict published.")
verdict_retract = _verdict_workflow_view("retract", done="Verdict retracted.")


@require_GET
@staff_only(REVIEW)
def verdict_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A verdict as staff see it, with the editor's actions."""
    verdict = get_object_or_404(
        Verdict.objects.select_related("claim", "rating__scale", "reviewer", "editor"), pk=pk
    )
    return render(
        request,
        "review/verdict.html",
        desk_context(
            request,
            title=f"Verdict #{verdict.pk}",
            verdict=verdict,
            claim=verdict.claim,
            verdict_actions=verdict_services.verdict_actions_for(
                verdict=verdict, actor=acting_user(request)
            ),
        ),
    )


@require_GET
@staff_only(EDITOR)
def verdict_inbox(request: HttpRequest) -> HttpResponse:
    """Verdicts waiting for an editor, and the latest published."""
    waiting = selectors.verdicts_waiting_for_editor()
    return render(
        request,
        "review/verdicts.html",
        desk_context(
            request,
            title="Verdicts",
            waiting=list(waiting[:INBOX_SIZE]),
            waiting_count=waiting.count(),
            published=list(selectors.verdicts_recently_published()[:PUBLISHED_SHOWN]),
        ),
    )
