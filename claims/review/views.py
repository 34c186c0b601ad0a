"""The reviewers' and editors' screens, built on the admin's login and look.

Views stay thin: check who may do it, validate the form, call a service from claims/services, then
redirect with a flash message (or re-render the page with the person's input kept, when the input
was wrong or someone else saved first). Anonymous visitors go to the admin login; signed-in users
without the review permissions (API clients) get 403.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from claims.models import Attribution, Claim, Source, Verdict
from claims.review import forms
from claims.review.agreement import pairwise_agreement
from claims.review.context import EDITOR_PERMISSION, desk_context
from claims.selectors import review as selectors
from claims.services import annotations as annotation_services
from claims.services import attributions as attribution_services
from claims.services import claims as claim_services
from claims.services import sources as source_services
from claims.services import verdicts as verdict_services
from claims.services.locking import Conflict

REVIEW = "claims.change_claim"
EDITOR = EDITOR_PERMISSION
QUEUE_PAGE_SIZE = 50


def staff_only(perm: str) -> Callable:
    """Anonymous visitors are sent to log in; users without ``perm`` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (request.user.is_staff and request.user.has_perm(perm)):
                raise PermissionDenied("The review screens are for reviewers and editors.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Redirect to the form's ``next`` when it is a URL of this site, else to ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    return HttpResponseRedirect(target)


def _error_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{'' if name == '__all__' else name.replace('_', ' ') + ': '}{message}"
            for name, errors in error.message_dict.items()
            for message in errors
        )
    return " ".join(error.messages)


def _form_errors(form) -> str:
    return " ".join(
        f"{'' if name == '__all__' else name.replace('_', ' ') + ': '}{message}"
        for name, errors in form.errors.items()
        for message in errors
    )


# Queue --------------------------------------------------------------------------------------------


@require_GET
@staff_only(REVIEW)
def queue(request: HttpRequest) -> HttpResponse:
    """Candidate claims, filtered, sorted and paginated, with counts per status."""
    # Always bound, so a wrong value (a bad date, a threshold above 1) drops only that filter:
    # the others still apply and the form shows what was typed, with the error beside it.
    form = forms.QueueFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    page = Paginator(
        selectors.review_queue(user=request.user, filters=filters), QUEUE_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    status_query = request.GET.copy()
    for name in ("page", "status"):
        status_query.pop(name, None)
    can_assign = request.user.has_perm("claims.assign_claim")
    counts = selectors.queue_status_counts(user=request.user, filters=filters)
    return render(
        request,
        "review/queue.html",
        desk_context(
            request,
            title="Review queue",
            form=form,
            filters=filters,
            page=page,
            status_tabs=[
                (value, label, counts[value or "all"])
                for value, label in [("", "All"), *Claim.Status.choices]
            ],
            outlets=selectors.queue_outlets(),
            query=query.urlencode(),
            status_query=status_query.urlencode(),
            reviewers=list(forms.reviewers_queryset()) if can_assign else [],
        ),
    )


@require_POST
@staff_only("claims.assign_claim")
def queue_assign(request: HttpRequest) -> HttpResponse:
    form = forms.AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing assigned. {_form_errors(form)}")
    else:
        try:
            count = claim_services.claims_assign(
                claims=form.cleaned_data["claims"],
                assignee=form.cleaned_data["assignee"],
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            who = form.cleaned_data["assignee"] or "nobody"
            messages.success(request, f"{count} claim(s) assigned to {who}.")
    return _back(request, reverse("review:queue"))


# Article page -------------------------------------------------------------------------------------


def _render_article(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    editing: dict | None = None,
) -> HttpResponse:
    try:
        review = selectors.article_for_review(article_id=pk)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    selected = request.GET.get("selected", "")
    if editing:
        selected = str(editing["attribution_id"])
    for attribution in review.attributions:
        attribution.form_values = _attribution_form_values(attribution, editing)
    return render(
        request,
        "review/article.html",
        desk_context(
            request,
            title=review.article.title or f"Article {review.article.pk}",
            review=review,
            article=review.article,
            selected=selected,
            editing=editing or {},
            kinds=Attribution.Kind.choices,
            source_kinds=Source.Kind.choices,
        ),
        status=status,
    )


def _attribution_form_values(attribution: Attribution, editing: dict | None) -> dict:
    """What the attribution's edit form shows: its saved values, or the person's input when the
    form came back with an error or a conflict (then the version is the current one, so saving
    again is a deliberate overwrite)."""
    values = {
        "version": attribution.version,
        "content_start": attribution.content_start,
        "content_end": attribution.content_end,
        "speaker": attribution.speaker_id or "",
        "new_speaker_name": "",
        "new_speaker_kind": Source.Kind.PERSON,
        "new_speaker_role": "",
        "no_speaker": False,
        "kind": attribution.kind,
        "cue": attribution.cue,
    }
    if editing and editing["attribution_id"] == attribution.pk:
        posted = editing["data"]
        for name in values:
            if name == "no_speaker":
                values[name] = bool(posted.get(name))
            elif name != "version":
                values[name] = posted.get(name, "")
        conflict = editing.get("conflict")
        values["version"] = conflict["version"] if conflict else posted.get("version", "")
    return values


@require_GET
@staff_only(REVIEW)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article text with every attribution highlighted, its claims beside it."""
    return _render_article(request, pk)


def _article_url(attribution: Attribution, selected: int | None = None) -> str:
    url = reverse("review:article", args=[attribution.article_id])
    return f"{url}?{urlencode({'selected': selected or attribution.pk})}"


def _next_in_article(attribution: Attribution) -> int:
    """The appearance after this one in the text, for the keyboard flow to land on."""
    following = (
        Attribution.objects.filter(article_id=attribution.article_id)
        .filter(content_start__gt=attribution.content_start)
        .order_by("content_start", "id")
        .values_list("pk", flat=True)
        .first()
    )
    return following or attribution.pk


@require_POST
@staff_only("claims.change_attribution")
def attribution_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    attribution = get_object_or_404(Attribution, pk=pk)
    form = forms.VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The form was incomplete: reload the page and try again.")
        return _back(request, _article_url(attribution))
    try:
        attribution_services.attribution_confirm(
            attribution=attribution,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except Conflict as conflict:
        messages.error(request, str(conflict))
        return _back(request, _article_url(attribution))
    messages.success(request, f"Accepted: {attribution}")
    return _back(request, _article_url(attribution, _next_in_article(attribution)))


@require_POST
@staff_only("claims.change_attribution")
def attribution_reject(request: HttpRequest, pk: int) -> HttpResponse:
    attribution = get_object_or_404(Attribution, pk=pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Not rejected. {_form_errors(form)}")
        return _back(request, _article_url(attribution))
    try:
        attribution_services.attribution_reject(
            attribution=attribution,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except (Conflict, ValidationError) as error:
        text = str(error) if isinstance(error, Conflict) else _error_text(error)
        messages.error(request, text)
        return _back(request, _article_url(attribution))
    messages.success(request, f"Rejected: {attribution}")
    return _back(request, _article_url(attribution, _next_in_article(attribution)))


def _speaker_from(form, *, allow_new: bool = True) -> Source | None:
    data = form.cleaned_data
    if allow_new and data.get("new_speaker_name"):
        return source_services.source_get_or_create(
            name=data["new_speaker_name"],
            kind=data.get("new_speaker_kind") or Source.Kind.PERSON,
            role=data.get("new_speaker_role", ""),
        )
    return data.get("speaker")


@require_POST
@staff_only("claims.change_attribution")
def attribution_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an appearance's span, speaker, kind or cue; on a conflict or bad input the article
    page comes back with the person's input still in the form."""
    attribution = get_object_or_404(Attribution, pk=pk)
    form = forms.AttributionCorrectForm(request.POST)
    editing = {"attribution_id": attribution.pk, "data": request.POST, "errors": ""}
    if not form.is_valid():
        editing["errors"] = _form_errors(form)
        return _render_article(request, attribution.article_id, status=400, editing=editing)
    data = form.cleaned_data
    try:
        speaker = _speaker_from(form)
        corrected = attribution_services.attribution_correct(
            attribution=attribution,
            actor=request.user,
            expected_version=data["version"],
            content_start=data.get("content_start"),
            content_end=data.get("content_end"),
            speaker=speaker,
            clear_speaker=data.get("no_speaker", False),
            kind=data["kind"],
            cue=data.get("cue", ""),
        )
    except Conflict as conflict:
        current = conflict.current
        editing["conflict"] = {
            "message": str(conflict),
            "version": current.version,
            "rows": [
                ("Content", _span_text(attribution.article.text, data), current.content),
                (
                    "Speaker",
                    str(speaker or data.get("new_speaker_name") or "—"),
                    str(current.speaker or "—"),
                ),
                ("Kind", data["kind"], current.kind),
                ("Cue", data.get("cue", ""), current.cue),
            ],
        }
        return _render_article(request, attribution.article_id, status=409, editing=editing)
    except ValidationError as error:
        editing["errors"] = _error_text(error)
        return _render_article(request, attribution.article_id, status=400, editing=editing)
    messages.success(request, f"Saved: {corrected}")
    return _back(request, _article_url(corrected))


def _span_text(text: str, data: dict) -> str:
    start, end = data.get("content_start"), data.get("content_end")
    if start is None or end is None or not 0 <= start < end <= len(text):
        return "(span unchanged)"
    return text[start:end]


# Claim page ---------------------------------------------------------------------------------------


def _render_claim(request: HttpRequest, pk: int, *, status: int = 200, **bound) -> HttpResponse:
    """The claim page; ``bound`` replaces blank forms with the person's input (and a conflict)."""
    try:
        review = selectors.claim_for_review(claim_id=pk, user=request.user)
    except Claim.DoesNotExist as exc:
        raise Http404("No such claim.") from exc
    claim, verdict = review.claim, review.verdict
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
            verdict_editable=verdict is None
            or verdict.status == Verdict.Status.DRAFT
            or (
                request.user.has_perm(EDITOR)
                and verdict.status in (Verdict.Status.IN_REVIEW, Verdict.Status.APPROVED)
            ),
            verdict_hidden=review.ratings_hidden
            and verdict is not None
            and verdict.reviewer_id != request.user.pk,
            edit_form=edit_form,
            evidence_form=bound.pop("evidence_form", None) or forms.EvidenceForm(),
            stance_form=bound.pop("stance_form", None) or forms.StanceForm(),
            relation_form=bound.pop("relation_form", None) or forms.RelationForm(),
            ratings=ratings,
            own_rating=own_rating,
            reviewers=list(forms.reviewers_queryset()) if can_assign else [],
            source_kinds=Source.Kind.choices,
            conflict=bound.pop("conflict", None),
            **bound,
        ),
        status=status,
    )


@require_GET
@staff_only(REVIEW)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every appearance, speaker, stance, evidence, relation, the verdict and the history."""
    return _render_claim(request, pk)


def _claim_url(claim: Claim) -> str:
    return reverse("review:claim", args=[claim.pk])


def _claim_action(
    request: HttpRequest,
    pk: int,
    form_class,
    action: Callable[[Claim, dict], str],
    *,
    form_kwargs: dict | None = None,
) -> HttpResponse:
    """Validate ``form_class``, run ``action`` (which returns the success message), flash the
    outcome and go back. Conflicts and validation errors are flashed; nothing is half-done."""
    claim = get_object_or_404(Claim, pk=pk)
    form = form_class(request.POST, **(form_kwargs or {}))
    if not form.is_valid():
        messages.error(request, f"Not saved. {_form_errors(form)}")
        return _back(request, _claim_url(claim))
    try:
        message = action(claim, form.cleaned_data)
    except Conflict as conflict:
        messages.error(request, str(conflict))
    except ValidationError as error:
        messages.error(request, f"Not saved. {_error_text(error)}")
    else:
        messages.success(request, message)
    return _back(request, _claim_url(claim))


@require_POST
@staff_only("claims.change_claim")
def claim_accept(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        claim_services.claim_accept(
            claim=claim, actor=request.user, expected_version=data["version"]
        )
        return f"Claim #{claim.pk} accepted."

    return _claim_action(request, pk, forms.VersionForm, action)


@require_POST
@staff_only("claims.change_claim")
def claim_reject(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        claim_services.claim_reject(
            claim=claim, actor=request.user, reason=data["reason"], expected_version=data["version"]
        )
        return f"Claim #{claim.pk} rejected."

    return _claim_action(request, pk, forms.ReasonForm, action)


@require_POST
@staff_only("claims.change_claim")
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the claim's text; a stale save comes back with both versions side by side."""
    claim = get_object_or_404(Claim, pk=pk)
    form = forms.ClaimEditForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, pk, status=400, edit_form=form)
    data = form.cleaned_data
    try:
        claim_services.claim_update(
            claim=claim,
            actor=request.user,
            text=data["text"],
            checkworthiness=data["checkworthiness"],
            requires_double_review=data["requires_double_review"]
            if request.user.has_perm("claims.assign_claim")
            else None,
            expected_version=data["version"],
        )
    except Conflict as conflict:
        current = conflict.current
        kept = request.POST.copy()
        kept["version"] = current.version
        return _render_claim(
            request,
            pk,
            status=409,
            edit_form=forms.ClaimEditForm(kept),
            conflict={
                "form": "claim",
                "message": str(conflict),
                "rows": [
                    ("Text", data["text"], current.text),
                    ("Check-worthiness", data["checkworthiness"], current.checkworthiness),
                    ("Status", "—", current.get_status_display()),
                ],
            },
        )
    except ValidationError as error:
        form.add_error(None, _error_text(error))
        return _render_claim(request, pk, status=400, edit_form=form)
    messages.success(request, f"Claim #{pk} saved.")
    return _back(request, _claim_url(claim))


@require_POST
@staff_only("claims.change_claim")
def claim_merge(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = forms.MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Not merged. {_form_errors(form)}")
        return _back(request, _claim_url(claim))
    try:
        survivor = claim_services.claim_merge(
            claim=claim,
            into=form.cleaned_data["into"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except Conflict as conflict:
        messages.error(request, str(conflict))
        return _back(request, _claim_url(claim))
    except ValidationError as error:
        messages.error(request, f"Not merged. {_error_text(error)}")
        return _back(request, _claim_url(claim))
    messages.success(request, f"Claim #{claim.pk} merged into claim #{survivor.pk}.")
    return _back(request, _claim_url(survivor))


@require_POST
@staff_only("claims.change_claim")
def claim_split(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = forms.SplitForm(request.POST, claim=claim)
    if not form.is_valid():
        messages.error(request, f"Not split. {_form_errors(form)}")
        return _back(request, _claim_url(claim))
    try:
        new_claim = claim_services.claim_split(
            claim=claim,
            attribution_ids=form.cleaned_data["attributions"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except Conflict as conflict:
        messages.error(request, str(conflict))
        return _back(request, _claim_url(claim))
    except ValidationError as error:
        messages.error(request, f"Not split. {_error_text(error)}")
        return _back(request, _claim_url(claim))
    messages.success(request, f"Split off as claim #{new_claim.pk}.")
    return HttpResponseRedirect(_claim_url(new_claim))


@require_POST
@staff_only("claims.assign_claim")
def claim_assign(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    data = request.POST.copy()
    data.setlist("claims", [str(claim.pk)])
    form = forms.AssignForm(data)
    if not form.is_valid():
        messages.error(request, f"Not assigned. {_form_errors(form)}")
        return _back(request, _claim_url(claim))
    try:
        claim_services.claims_assign(
            claims=[claim], assignee=form.cleaned_data["assignee"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, f"Claim #{pk} assigned to {form.cleaned_data['assignee'] or 'nobody'}."
        )
    return _back(request, _claim_url(claim))


@require_POST
@staff_only("claims.add_stance")
def claim_stance(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        stance = annotation_services.stance_set(
            claim=claim,
            source=_speaker_from_data(data),
            stance=data["stance"],
            basis=data.get("basis", ""),
            actor=request.user,
        )
        return f"Stance recorded: {stance.source} {stance.get_stance_display().lower()}."

    return _claim_action(request, pk, forms.StanceForm, action)


def _speaker_from_data(data: dict) -> Source:
    if data.get("new_speaker_name"):
        return source_services.source_get_or_create(
            name=data["new_speaker_name"],
            kind=data.get("new_speaker_kind") or Source.Kind.PERSON,
            role=data.get("new_speaker_role", ""),
        )
    return data["speaker"]


@require_POST
@staff_only("claims.add_evidence")
def claim_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        annotation_services.evidence_add(claim=claim, actor=request.user, **data)
        return "Evidence added."

    return _claim_action(request, pk, forms.EvidenceForm, action)


@require_POST
@staff_only("claims.add_claimrelation")
def claim_relation(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        relation = annotation_services.relation_add(
            from_claim=claim,
            to_claim=data["to_claim"],
            relation=data["relation"],
            note=data.get("note", ""),
            actor=request.user,
        )
        return f"Related: {relation}."

    return _claim_action(request, pk, forms.RelationForm, action)


@require_POST
@staff_only("claims.add_reviewrating")
def claim_rating(request: HttpRequest, pk: int) -> HttpResponse:
    def action(claim, data):
        annotation_services.review_rating_submit(
            claim=claim, actor=request.user, rating=data["rating"], note=data.get("note", "")
        )
        return "Your independent rating is recorded."

    return _claim_action(request, pk, forms.ReviewRatingForm, action)


@require_POST
@staff_only("claims.change_verdict")
def claim_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft or edit the claim's verdict; a stale save comes back with both versions shown and
    the person's text kept in the form."""
    claim = get_object_or_404(Claim, pk=pk)
    form = forms.VerdictForm(request.POST, claim=claim)
    if not form.is_valid():
        return _render_claim(request, pk, status=400, verdict_form=form)
    data = form.cleaned_data
    try:
        verdict = verdict_services.verdict_draft(
            claim=claim,
            actor=request.user,
            rating=data["rating"],
            summary=data["summary"],
            explanation=data["explanation"],
            evidence=data["evidence"],
            expected_version=data["version"],
        )
    except Conflict as conflict:
        current = conflict.current
        kept = request.POST.copy()
        kept["version"] = current.version
        return _render_claim(
            request,
            pk,
            status=409,
            verdict_form=forms.VerdictForm(kept, claim=claim),
            conflict={
                "form": "verdict",
                "message": str(conflict),
                "rows": [
                    ("Rating", str(data["rating"] or "—"), str(current.rating or "—")),
                    ("Summary", data["summary"], current.summary),
                    ("Explanation", data["explanation"], current.explanation),
                    ("Status", "—", current.get_status_display()),
                ],
            },
        )
    except ValidationError as error:
        form.add_error(None, _error_text(error))
        return _render_claim(request, pk, status=400, verdict_form=form)
    messages.success(request, f"Verdict saved ({verdict.get_status_display().lower()}).")
    return _back(request, _claim_url(claim))


# Verdict workflow -----------------------------------------------------------------------------------


def _verdict_action(request: HttpRequest, pk: int, action: Callable, done: str) -> HttpResponse:
    verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
    form = forms.VerdictActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The form was incomplete: reload the page and try again.")
        return _back(request, _claim_url(verdict.claim))
    try:
        action(verdict, form.cleaned_data)
    except Conflict as conflict:
        messages.error(request, str(conflict))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, done)
    return _back(request, _claim_url(verdict.claim))


def _verdict_workflow_view(
    service: Callable, *, perm: str, done: str, note_as: str | None = None
) -> Callable:
    """A POST view moving a verdict one step through its workflow with ``service``.

    ``note_as`` names the argument that takes the form's note (an editor's reason), if the step has
    one.
    """

    @require_POST
    @staff_only(perm)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        def act(verdict: Verdict, data: dict) -> Verdict:
            extra = {note_as: data["note"]} if note_as else {}
            return service(
                verdict=verdict,
                expected_version=data["version"],
                actor=request.user,
                **extra,
            )

        return _verdict_action(request, pk, act, done)

    view.__name__ = service.__name__
    return view


verdict_submit = _verdict_workflow_view(
    verdict_services.verdict_submit,
    perm="claims.change_verdict",
    done="Verdict submitted to the editors.",
)
verdict_approve = _verdict_workflow_view(
    verdict_services.verdict_approve, perm=EDITOR, done="Verdict approved."
)
verdict_send_back = _verdict_workflow_view(
    verdict_services.verdict_send_back,
    perm=EDITOR,
    note_as="note",
    done="Verdict sent back to its reviewer.",
)
verdict_publish = _verdict_workflow_view(
    verdict_services.verdict_publish, perm=EDITOR, done="Verdict published."
)
verdict_retract = _verdict_workflow_view(
    verdict_services.verdict_retract,
    perm=EDITOR,
    note_as="reason",
    done="Verdict retracted.",
)


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
        desk_context(request, title=f"Verdict #{verdict.pk}", verdict=verdict, claim=verdict.claim),
    )


INBOX_SIZE = 200
PUBLISHED_SHOWN = 50


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


@require_GET
@staff_only(EDITOR)
def agreement(request: HttpRequest) -> HttpResponse:
    """Krippendorff's alpha per reviewer pair under blind double review, and the disagreements."""
    ratings = selectors.double_review_ratings()
    triples = [(r.claim_id, r.reviewer, r.rating.value) for r in ratings]
    by_claim: dict[int, list] = {}
    for rating in ratings:
        by_claim.setdefault(rating.claim_id, []).append(rating)
    disagreements = [
        (rows[0].claim, rows)
        for rows in by_claim.values()
        if len(rows) >= 2 and len({r.rating.value for r in rows}) > 1
    ]
    return render(
        request,
        "review/agreement.html",
        desk_context(
            request,
            title="Reviewer agreement",
            pairs=[
                {**ordinal, "alpha_interval": interval["alpha"]}
                for ordinal, interval in zip(
                    pairwise_agreement(triples, "ordinal"),
                    pairwise_agreement(triples, "interval"),
                    strict=True,
                )
            ],
            disagreements=disagreements,
            rated_claims=len(by_claim),
        ),
    )


# Public -----------------------------------------------------------------------------------------------


@require_GET
def verdict_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A published verdict for everyone, no login, with the evidence it cites.

    A verdict that was published and then retracted keeps its address but answers 410 Gone with a
    retraction notice (readers who followed a link or a share learn it was withdrawn; search
    engines drop it; no ClaimReview markup). Anything never published is 404.
    """
    verdict = get_object_or_404(
        Verdict.objects.select_related("claim", "rating__scale", "editor").filter(
            Q(status=Verdict.Status.PUBLISHED)
            | Q(status=Verdict.Status.RETRACTED, published_at__isnull=False)
        ),
        pk=pk,
    )
    if verdict.status == Verdict.Status.RETRACTED:
        return render(
            request,
            "review/verdict_retracted.html",
            {
                "verdict": verdict,
                "claim": verdict.claim,
                "current": selectors.published_verdict_of(claim_id=verdict.claim_id),
            },
            status=410,
        )
    appearances = list(
        verdict.claim.attributions.select_related("article", "speaker").order_by(
            "article__published_at", "id"
        )[:20]
    )
    return render(
        request,
        "review/verdict_public.html",
        {
            "verdict": verdict,
            "claim": verdict.claim,
            "appearances": appearances,
            "evidence": list(verdict.evidence.order_by("id")),
        },
    )
