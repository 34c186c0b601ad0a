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

    return save_on_claim_page(
        request,
        claim,
        name="verdict",
        form_class=partial(forms.VerdictForm, claim=claim),
        save=save,
        compare=_verdict_compare,
    )


def _verdict_compare(data: dict[str, Any], current: Verdict) -> list[tuple[str, Any, Any]]:
    """The person's verdict fields beside the ones saved meanwhile, for a conflict."""
    return [
        ("Rating", str(data["rating"] or "—"), str(current.rating or "—")),
        ("Summary", data["summary"], current.summary),
        ("Explanation", data["explanation"], current.explanation),
        ("Status", "—", current.get_status_display()),
    ]


def _verdict_workflow_view(
    service: Callable[..., Verdict],
    *,
    perm: str,
    done: str,
    note_as: str | None = None,
) -> Callable[..., HttpResponse]:
    """A POST view moving a verdict one step through its workflow with ``service``.

    ``note_as`` names the argument that takes the form's note (an editor's reason), if the step has
    one.
    """

    @post_on(Verdict.objects.select_related("claim"), perm)
    def view(request: HttpRequest, verdict: Verdict) -> HttpResponse:
        def act(data: dict[str, Any]) -> Verdict:
            extra = {note_as: data["note"]} if note_as else {}
            return service(
                verdict=verdict,
                expected_version=data["version"],
                actor=acting_user(request),
                **extra,
            )

        form = forms.VerdictActionForm(request.POST)
        if attempt(request, form, act, where="verdict") is not None:
            flash(request, messages.SUCCESS, done, where="verdict")
        return back(request, claim_url(verdict.claim))

    view.__name__ = getattr(service, "func", service).__name__
    return view


SUBMITTED = "Verdict submitted to the editors."
_submit_only = _verdict_workflow_view(
    verdict_services.verdict_submit, perm="claims.change_verdict", done=SUBMITTED
)
VERDICT_FIELDS = ("rating", "summary", "explanation", "evidence")


@post_on(Verdict.objects.select_related("claim"), "claims.change_verdict")
def _save_and_submit(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    """The claim page's verdict form sent with "Submit to an editor": its fields are saved first,
    so the editor sees what the reviewer typed; a refusal or a conflict brings the page back with
    the input kept."""
    claim = verdict.claim

    def save(data: dict[str, Any]) -> str:
        verdict_services.verdict_save_and_submit(
            verdict=verdict,
            actor=acting_user(request),
            rating=data["rating"],
            summary=data["summary"],
            explanation=data["explanation"],
            evidence=data["evidence"],
            expected_version=data["version"],
        )
        return SUBMITTED

    return save_on_claim_page(
        request,
        claim,
        name="verdict",
        form_class=partial(forms.VerdictForm, claim=claim),
        save=save,
        compare=_verdict_compare,
    )


def verdict_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a verdict to the editors: with the verdict form's fields (``rating``, ``summary``,
    ``explanation``, ``evidence``) they are saved first; with only ``version`` the saved draft
    goes as it is."""
    if any(name in request.POST for name in VERDICT_FIELDS):
        return _save_and_submit(request, pk)
    return _submit_only(request, pk)


_editor_step = partial(_verdict_workflow_view, perm=EDITOR)
verdict_approve = _editor_step(verdict_services.verdict_approve, done="Verdict approved.")
verdict_send_back = _editor_step(
    verdict_services.verdict_send_back, note_as="note", done="Verdict sent back to its reviewer."
)
verdict_publish = _editor_step(
    partial(verdict_services.verdict_publish, require_sources=True),
    note_as="override_reason",
    done="Verdict published.",
)
verdict_retract = _editor_step(
    verdict_services.verdict_retract, note_as="reason", done="Verdict retracted."
)


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
