"""The article page: the text with every attribution highlighted, and the actions on each one."""

from collections.abc import Callable
from functools import partial, wraps
from typing import Any
from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from articles.models import Article
from claims.models import Attribution, Source
from claims.review import forms
from claims.review.context import desk_context
from claims.review.presenters import article_highlighted
from claims.review.views.common import (
    REVIEW,
    View,
    attempt,
    back,
    error_text,
    flash,
    form_errors,
    post_on,
    speaker_from,
    staff_only,
)
from claims.selectors import review as selectors
from claims.selectors.desk import (
    ARTICLE_IN_PROGRESS,
    article_after,
    claims_left_without_appearances,
)
from claims.services import attributions as attribution_services
from claims.services.locking import Conflict
from factcheck.auth import acting_user

CHANGE = "claims.change_attribution"


def _render_article(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    editing: dict[str, Any] | None = None,
    rejecting: dict[str, Any] | None = None,
    selected: int | None = None,
) -> HttpResponse:
    try:
        review = selectors.article_for_review(article_id=pk)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    shown = request.GET.get("selected", "") if selected is None else str(selected)
    speakers = {str(s.pk): s for s in review.speakers}
    if editing:
        shown = str(editing["attribution_id"])
    reviewed = sum(1 for a in review.attributions if a.review_state != Attribution.ReviewState.AUTO)
    return render(
        request,
        "review/article.html",
        desk_context(
            request,
            title=review.article.title or f"Article {review.article.pk}",
            review=review,
            article=review.article,
            highlighted=article_highlighted(
                text=review.article.text, attributions=review.attributions
            ),
            selected=shown,
            editing=editing or {},
            rejecting=rejecting or {},
            # Each attribution with what its edit form shows, the claim text its corrected span
            # offers, and the speaker its picker shows selected (the picker's other choices are
            # the page's one shared list).
            cards=[
                (a, values, _text_offer(a), _picked(values, speakers))
                for a in review.attributions
                for values in [_attribution_form_values(a, editing)]
            ],
            kinds=Attribution.Kind.choices,
            source_kinds=Source.Kind.choices,
            reviewed=reviewed,
            in_progress=review.article.status in ARTICLE_IN_PROGRESS,
            next_article=article_after(article=review.article),
            unclaimed=claims_left_without_appearances(
                claim_ids={a.claim_id for a in review.attributions}
            ),
        ),
        status=status,
    )


def _text_offer(attribution: Attribution) -> str:
    """For an appearance whose span a reviewer corrected, its clean statement when the claim's
    text says something else (the card offers to update the claim), else ""."""
    if attribution.review_state != Attribution.ReviewState.CORRECTED:
        return ""
    # Imported here: the extraction package loads spaCy, which only corrected cards need.
    from claims.extraction.statements import statement_of

    offer = statement_of(attribution.content)
    return "" if offer == attribution.claim.text else offer


def _picked(values: dict[str, Any], speakers: dict[str, Source]) -> list[Source]:
    """The speaker the edit form shows selected, as the one option its picker renders."""
    speaker = speakers.get(str(values["speaker"]))
    return [speaker] if speaker else []


def _attribution_form_values(
    attribution: Attribution, editing: dict[str, Any] | None
) -> dict[str, Any]:
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


def _next_url(attribution: Attribution) -> str:
    """The article with the following attribution selected, for the keyboard flow to land on."""
    return _article_url(attribution, selectors.attribution_next_in_article(attribution=attribution))


AttributionAction = Callable[[HttpRequest, Attribution, dict[str, Any]], Attribution]


def attribution_action(
    form_class: type[django_forms.BaseForm], *, done: str, bad_form: str | None = None
) -> Callable[[AttributionAction], View]:
    """Make ``action(request, attribution, data)`` a POST view on the attribution at ``pk``: once
    it is done the article comes back with the next attribution selected and the message beside
    the card acted on. Bad input (after ``bad_form``), refusals and conflicts are told beside the
    same card, which stays selected with what was typed (a reject reason) kept in its form: 409
    when someone saved it first, else 400."""

    def decorator(action: AttributionAction) -> View:
        @post_on(Attribution, CHANGE)
        @wraps(action)
        def view(request: HttpRequest, attribution: Attribution) -> HttpResponse:
            call = partial(action, request, attribution)
            card = f"attr-{attribution.pk}"
            form = form_class(request.POST)
            if attempt(request, form, call, bad_form=bad_form, where=card) is None:
                stale = str(attribution.version) != request.POST.get("version")
                return _render_article(
                    request,
                    attribution.article_id,
                    status=409 if stale else 400,
                    rejecting={
                        "target_id": attribution.pk,
                        "reason": request.POST.get("reason", ""),
                    }
                    if "reason" in request.POST
                    else None,
                    selected=attribution.pk,
                )
            flash(request, messages.SUCCESS, f"{done}: {attribution}", where=card)
            return back(request, _next_url(attribution))

        return view

    return decorator


@attribution_action(forms.VersionForm, done="Accepted")
def attribution_confirm(
    request: HttpRequest, attribution: Attribution, data: dict[str, Any]
) -> Attribution:
    return attribution_services.attribution_confirm(
        attribution=attribution, actor=acting_user(request), expected_version=data["version"]
    )


@attribution_action(forms.ReasonForm, done="Rejected", bad_form="Not rejected.")
def attribution_reject(
    request: HttpRequest, attribution: Attribution, data: dict[str, Any]
) -> Attribution:
    return attribution_services.attribution_reject(
        attribution=attribution,
        actor=acting_user(request),
        reason=data["reason"],
        expected_version=data["version"],
    )


@post_on(Attribution, CHANGE)
def attribution_correct(request: HttpRequest, attribution: Attribution) -> HttpResponse:
    """Correct an appearance's span, speaker, kind or cue; on a conflict or bad input the article
    page comes back with the person's input still in the form."""
    form = forms.AttributionCorrectForm(request.POST)
    editing: dict[str, Any] = {"attribution_id": attribution.pk, "data": request.POST, "errors": ""}
    if not form.is_valid():
        editing["errors"] = form_errors(form)
        return _render_article(request, attribution.article_id, status=400, editing=editing)
    data = form.cleaned_data
    try:
        speaker = speaker_from(data)
        corrected = attribution_services.attribution_correct(
            attribution=attribution,
            actor=acting_user(request),
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
        assert isinstance(current, Attribution), "attribution_correct locks the attribution"
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
        editing["errors"] = error_text(error)
        return _render_article(request, attribution.article_id, status=400, editing=editing)
    flash(request, messages.SUCCESS, f"Saved: {corrected}", where=f"attr-{corrected.pk}")
    return back(request, _article_url(corrected))


def _span_text(text: str, data: dict[str, Any]) -> str:
    start, end = data.get("content_start"), data.get("content_end")
    if start is None or end is None or not 0 <= start < end <= len(text):
        return "(span unchanged)"
    return text[start:end]
