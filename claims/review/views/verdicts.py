"""Verdicts: drafting one on the claim page, moving it through the editors' workflow, the staff
view of one verdict and the editors' inbox."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.models import Claim, Verdict
from claims.review import forms
from claims.review.context import desk_context
from claims.review.presenters import history_entries
from claims.review.views.claim import claim_url, save_on_claim_page
from claims.review.views.common import EDITOR, REVIEW, attempt, back, flash, post_on, staff_only
from claims.selectors import review as selectors
from claims.selectors.desk import verdict_for_editor
from claims.services import verdicts as verdict_services
from factcheck.auth import acting_user

INBOX_SIZE = 200
DRAFT_FIELDS = ("rating", "summary", "explanation", "evidence")
PUBLISHED_SHOWN = 50


@post_on(Claim, "claims.change_verdict")
def claim_verdict(request: HttpRequest, claim: Claim) -> HttpResponse:
    """Draft or edit the claim's verdict; a stale save comes back with both versions shown and
    the person's text kept in the form."""

    def save(data: dict[str, Any]) -> str:
        verdict = verdict_services.verdict_draft(
            claim=claim, actor=acting_user(request), **_draft_fields(data)
        )
        return f"Verdict saved ({verdict.get_status_display().lower()})."

    return _verdict_form_saved(request, claim, save)


def _verdict_form_saved(
    request: HttpRequest, claim: Claim, save: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    """The claim page's verdict form sent to ``save``, by ``save_on_claim_page``."""
    return save_on_claim_page(
        request,
        claim,
        name="verdict",
        form_class=partial(forms.VerdictForm, claim=claim),
        save=save,
        compare=_verdict_compare,
    )


def _draft_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The verdict form's fields as ``verdict_draft`` and ``verdict_save_and_submit`` take them."""
    return {**{name: data[name] for name in DRAFT_FIELDS}, "expected_version": data["version"]}


def _verdict_compare(data: dict[str, Any], current: Verdict) -> list[tuple[str, Any, Any]]:
    """The person's verdict fields beside the ones saved meanwhile, for a conflict."""
    return [
        ("Rating", str(data["rating"] or "—"), str(current.rating or "—")),
        ("Summary", data["summary"], current.summary),
        ("Explanation", data["explanation"], current.explanation),
        ("Status", "—", current.get_status_display()),
    ]


def _verdict_workflow_view(
    action: str, *, done: str, **options: Any
) -> Callable[..., HttpResponse]:
    """A POST view taking the workflow step ``action`` on a verdict (the form's note is the
    reason of the steps that ask one; ``options`` go to the step's service)."""

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
                **options,
            )

        form = forms.VerdictActionForm(request.POST)
        if attempt(request, form, act, where="verdict") is not None:
            flash(request, messages.SUCCESS, done, where="verdict")
        return back(request, claim_url(verdict.claim))

    view.__name__ = f"verdict_{action}"
    return view


SUBMITTED = "Verdict submitted to the editors."
_submit_only = _verdict_workflow_view("submit", done=SUBMITTED)
VERDICT_FIELDS = ("rating", "summary", "explanation", "evidence")


@post_on(Verdict.objects.select_related("claim"), "claims.change_verdict")
def _save_and_submit(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    """The claim page's verdict form sent with "Submit to an editor": its fields are saved first,
    so the editor sees what the reviewer typed; a refusal or a conflict brings the page back with
    the input kept."""
    claim = verdict.claim

    def save(data: dict[str, Any]) -> str:
        verdict_services.verdict_save_and_submit(
            verdict=verdict, actor=acting_user(request), **_draft_fields(data)
        )
        return SUBMITTED

    return _verdict_form_saved(request, claim, save)


def verdict_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a verdict to the editors: with the verdict form's fields (``rating``, ``summary``,
    ``explanation``, ``evidence``) they are saved first; with only ``version`` the saved draft
    goes as it is."""
    if any(name in request.POST for name in VERDICT_FIELDS):
        return _save_and_submit(request, pk)
    return _submit_only(request, pk)


verdict_approve = _verdict_workflow_view("approve", done="Verdict approved.")
verdict_send_back = _verdict_workflow_view("send_back", done="Verdict sent back to its reviewer.")
# The desk publishes only with an explanation and evidence, or the editor's reason to go without.
verdict_publish = _verdict_workflow_view("publish", done="Verdict published.", require_sources=True)
verdict_retract = _verdict_workflow_view("retract", done="Verdict retracted.")


@require_GET
@staff_only(REVIEW)
def verdict_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A verdict with everything an editor judges it by (the claim, its appearances, evidence and
    stances, the reviewers' notes, what changed since the previous version), and the actions."""
    try:
        review = verdict_for_editor(verdict_id=pk)
    except Verdict.DoesNotExist as exc:
        raise Http404("No such verdict.") from exc
    verdict = review.verdict
    return render(
        request,
        "review/verdict.html",
        desk_context(
            request,
            title=f"Verdict #{verdict.pk}",
            review=review,
            verdict=verdict,
            claim=verdict.claim,
            history=history_entries(review.history),
            missing=verdict_services.verdict_publish_missing(verdict),
            actions_next=request.path,  # Approve and Publish come back here
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
