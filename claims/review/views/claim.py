"""The claim page: everything hanging from a claim, and the reviewers' actions on it."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from claims.models import Claim, Source
from claims.review import forms
from claims.review.context import desk_context
from claims.review.presenters import history_entries
from claims.review.views.common import (
    REVIEW,
    View,
    attempt,
    back,
    error_text,
    flash,
    kept_input,
    post_on,
    speaker_from,
    staff_only,
)
from claims.selectors import review as selectors
from claims.selectors.desk import claims_for_picker
from claims.selectors.matching import claim_matching
from claims.services import annotations as annotation_services
from claims.services import claims as claim_services
from claims.services.locking import Conflict
from claims.services.verdicts import verdict_actions_for
from factcheck.auth import acting_user


def render_claim(request: HttpRequest, pk: int, *, status: int = 200, **bound: Any) -> HttpResponse:
    """The claim page; ``bound`` replaces blank forms with the person's input (and a conflict)."""
    user = acting_user(request)
    try:
        review = selectors.claim_for_review(claim_id=pk, user=user)
    except Claim.DoesNotExist as exc:
        raise Http404("No such claim.") from exc
    claim, verdict = review.claim, review.verdict
    verdict_actions = verdict_actions_for(verdict=verdict, actor=user) if verdict else []
    ratings = list(selectors.rating_choices())
    verdict_form = bound.pop("verdict_form", None) or forms.VerdictForm(
        claim=claim,
        ratings=ratings,
        evidence=review.evidence,
        initial={
            "version": verdict.version if verdict else None,
            "rating": verdict.rating_id if verdict else None,
            "summary": verdict.summary if verdict else "",
            "explanation": verdict.explanation if verdict else "",
            "evidence": [e.pk for e in verdict.evidence.all()] if verdict else [],
        },
    )
    edit_form = bound.pop("edit_form", None) or forms.ClaimEditForm(
        initial={
            "version": claim.version,
            "text": claim.text,
            "checkworthiness": claim.checkworthiness,
            "requires_double_review": claim.requires_double_review,
        }
    )
    can_assign = request.user.has_perm("claims.assign_claim")
    own_rating = next((r for r in review.review_ratings if r.reviewer_id == request.user.pk), None)
    return render(
        request,
        "review/claim.html",
        desk_context(
            request,
            title=f"Claim #{claim.pk}",
            review=review,
            claim=claim,
            verdict=verdict,
            verdict_form=verdict_form,
            verdict_actions=verdict_actions,
            verdict_editable=verdict is None or "edit" in verdict_actions,
            verdict_hidden=review.ratings_hidden
            and verdict is not None
            and verdict.reviewer_id != request.user.pk,
            edit_form=edit_form,
            evidence_form=bound.pop("evidence_form", None) or forms.EvidenceForm(),
            stance_form=bound.pop("stance_form", None) or forms.StanceForm(),
            relation_form=bound.pop("relation_form", None) or forms.RelationForm(),
            ratings=ratings,
            own_rating=own_rating,
            history=history_entries(
                review.history,
                claim_id=claim.pk,
                # Merges that can be undone from this page: this claim's own, and those into it.
                undoable={d.pk for d in review.duplicates}
                | ({claim.pk} if claim.canonical_id else set()),
            ),
            reviewers=list(forms.reviewers_queryset()) if can_assign else [],
            source_kinds=Source.Kind.choices,
            conflict=bound.pop("conflict", None),
            matching=claim_matching(claim_id=claim.pk),
            **bound,
        ),
        status=status,
    )


@require_GET
@staff_only(REVIEW)
def claim_search(request: HttpRequest) -> JsonResponse:
    """Claims matching ``q`` (words of the text, or a number), for the merge picker; ``exclude``
    leaves out the claim being merged."""
    exclude = request.GET.get("exclude", "")
    claims = claims_for_picker(
        text=request.GET.get("q", ""),
        exclude_id=int(exclude)
        if exclude.isascii() and exclude.isdigit() and len(exclude) < 10
        else None,
    )
    return JsonResponse(
        {
            "results": [
                {
                    **c,
                    "label": f"#{c['id']} {c['text'][:120]} ({c['status'].lower()}, "
                    f"{c['appearances']} appearance{'s' if c['appearances'] != 1 else ''})",
                }
                for c in claims
            ]
        }
    )


@require_GET
@staff_only(REVIEW)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every appearance, speaker, stance, evidence, relation, the verdict and the history."""
    return render_claim(request, pk)


def claim_url(claim: Claim) -> str:
    return reverse("review:claim", args=[claim.pk])


def save_on_claim_page(
    request: HttpRequest,
    claim: Claim,
    *,
    name: str,
    form_class: Callable[..., django_forms.BaseForm],
    save: Callable[[dict[str, Any]], str],
    compare: Callable[[dict[str, Any], Any], list[tuple[str, Any, Any]]],
) -> HttpResponse:
    """Save the claim page's ``name`` form ("edit" or "verdict") with ``save``, which returns the
    success message, and go back. When it cannot be saved the claim page comes back with the
    person's input in the form: 400 for bad input, 409 when someone saved first, with ``compare``'s
    rows setting their input beside what was saved meanwhile."""
    form = form_class(request.POST)
    if not form.is_valid():
        return render_claim(request, claim.pk, status=400, **{f"{name}_form": form})
    data = form.cleaned_data
    try:
        message = save(data)
    except Conflict as conflict:
        return render_claim(
            request,
            claim.pk,
            status=409,
            conflict={
                "form": name,
                "message": str(conflict),
                "rows": compare(data, conflict.current),
            },
            **{f"{name}_form": form_class(kept_input(request, conflict))},
        )
    except ValidationError as error:
        form.add_error(None, error_text(error))
        return render_claim(request, claim.pk, status=400, **{f"{name}_form": form})
    flash(request, messages.SUCCESS, message, where="decide" if name == "edit" else name)
    return back(request, claim_url(claim))


ClaimAction = Callable[[HttpRequest, Claim, dict[str, Any]], tuple[str, Claim]]


# The claim page's forms that come back bound, with the person's input, when an action fails.
KEPT_FORMS = {"stances": "stance_form", "evidence": "evidence_form", "relations": "relation_form"}


def claim_action(
    perm: str,
    form_class: Callable[..., django_forms.BaseForm],
    *,
    refused: str = "Not saved.",
    form_needs_claim: bool = False,
    panel: str = "decide",
) -> Callable[[ClaimAction], View]:
    """Make ``action(request, claim, data)`` a POST view on the claim at ``pk``.

    The view validates ``form_class``, runs the action, which returns the success message and the
    claim to show next, and goes back with the message beside ``panel`` (the id of the page's
    part the form is in). Bad input and refusals are told after ``refused``, conflicts as they
    are, and the claim page comes back with what was typed kept (a reject reason, a stance, a
    piece of evidence): 409 when someone saved the claim first, else 400. Nothing is half-done.
    """

    def decorator(action: ClaimAction) -> View:
        @post_on(Claim, perm)
        @wraps(action)
        def view(request: HttpRequest, claim: Claim) -> HttpResponse:
            form = form_class(request.POST, **({"claim": claim} if form_needs_claim else {}))
            done = attempt(
                request,
                form,
                lambda data: action(request, claim, data),
                bad_form=refused,
                refused=refused,
                where=panel,
            )
            if done is None:
                stale = "version" in request.POST and str(claim.version) != request.POST["version"]
                kept = {"target_id": claim.pk, "reason": request.POST.get("reason", "")}
                bound = {KEPT_FORMS[panel]: form} if panel in KEPT_FORMS else {}
                return render_claim(
                    request, claim.pk, status=409 if stale else 400, kept=kept, **bound
                )
            message, shown = done
            flash(request, messages.SUCCESS, message, where=panel)
            return back(request, claim_url(shown))

        return view

    return decorator


@claim_action("claims.change_claim", forms.VersionForm)
def claim_accept(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    claim_services.claim_accept(
        claim=claim, actor=acting_user(request), expected_version=data["version"]
    )
    return f"Claim #{claim.pk} accepted.", claim


@claim_action("claims.change_claim", forms.ReasonForm)
def claim_reject(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    claim_services.claim_reject(
        claim=claim,
        actor=acting_user(request),
        reason=data["reason"],
        expected_version=data["version"],
    )
    return f"Claim #{claim.pk} rejected.", claim


@claim_action("claims.change_claim", forms.MergeForm, refused="Not merged.")
def claim_merge(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    survivor = claim_services.claim_merge(
        claim=claim, into=data["into"], actor=acting_user(request), expected_version=data["version"]
    )
    return f"Claim #{claim.pk} merged into claim #{survivor.pk}.", survivor


@claim_action("claims.change_claim", forms.UnmergeForm, refused="Not undone.")
def claim_unmerge(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    survivor_id = claim.canonical_id
    claim_services.claim_unmerge(claim=claim, actor=acting_user(request))
    return f"Claim #{claim.pk} is no longer merged into claim #{survivor_id}.", claim


@claim_action("claims.change_claim", forms.SplitForm, refused="Not split.", form_needs_claim=True)
def claim_split(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    new_claim = claim_services.claim_split(
        claim=claim,
        attribution_ids=data["attributions"],
        actor=acting_user(request),
        expected_version=data["version"],
    )
    return f"Split off as claim #{new_claim.pk}.", new_claim


@claim_action("claims.add_stance", forms.StanceForm, panel="stances")
def claim_stance(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    source = speaker_from(data)
    if source is None:
        raise ValidationError("Pick a source or name a new one.")
    stance = annotation_services.stance_set(
        claim=claim,
        source=source,
        stance=data["stance"],
        basis=data.get("basis", ""),
        actor=acting_user(request),
    )
    return f"Stance recorded: {stance.source} {stance.get_stance_display().lower()}.", claim


@claim_action("claims.add_evidence", forms.EvidenceForm, panel="evidence")
def claim_evidence(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    annotation_services.evidence_add(claim=claim, actor=acting_user(request), **data)
    return "Evidence added.", claim


@claim_action("claims.add_claimrelation", forms.RelationForm, panel="relations")
def claim_relation(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    relation = annotation_services.relation_add(
        from_claim=claim, actor=acting_user(request), **data
    )
    return f"Related: {relation}.", claim


@claim_action("claims.add_reviewrating", forms.ReviewRatingForm, panel="double")
def claim_rating(request: HttpRequest, claim: Claim, data: dict[str, Any]) -> tuple[str, Claim]:
    annotation_services.review_rating_submit(claim=claim, actor=acting_user(request), **data)
    return "Your independent rating is recorded.", claim


@post_on(Claim, "claims.change_claim")
def claim_edit(request: HttpRequest, claim: Claim) -> HttpResponse:
    """Edit the claim's text; a stale save comes back with both versions side by side."""

    def save(data: dict[str, Any]) -> str:
        claim_services.claim_update(
            claim=claim,
            actor=acting_user(request),
            text=data["text"],
            checkworthiness=data["checkworthiness"],
            requires_double_review=data["requires_double_review"]
            if request.user.has_perm("claims.assign_claim")
            else None,
            expected_version=data["version"],
        )
        return f"Claim #{claim.pk} saved."

    def compare(data: dict[str, Any], current: Claim) -> list[tuple[str, Any, Any]]:
        return [
            ("Text", data["text"], current.text),
            ("Check-worthiness", data["checkworthiness"], current.checkworthiness),
            ("Status", "—", current.get_status_display()),
        ]

    return save_on_claim_page(
        request, claim, name="edit", form_class=forms.ClaimEditForm, save=save, compare=compare
    )


@post_on(Claim, "claims.assign_claim")
def claim_assign(request: HttpRequest, claim: Claim) -> HttpResponse:
    posted = request.POST.copy()
    posted.setlist("claims", [str(claim.pk)])
    form = forms.AssignForm(posted)
    assigned = attempt(
        request,
        form,
        lambda data: claim_services.claims_assign(
            claims=[claim], assignee=data["assignee"], actor=acting_user(request)
        ),
        bad_form="Not assigned.",
    )
    if assigned is not None:
        who = form.cleaned_data["assignee"] or "nobody"
        flash(request, messages.SUCCESS, f"Claim #{claim.pk} assigned to {who}.", where="decide")
    return back(request, claim_url(claim))
