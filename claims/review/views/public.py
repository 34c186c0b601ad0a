"""The public page of a published verdict, readable without logging in."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from claims.models import Verdict
from claims.review.views.common import REVIEW
from claims.selectors import review as selectors
from claims.selectors.desk import verdicts_for_start_page


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The start page: reviewers and editors go to the desk; everyone else learns what the site
    is, where to log in, and reads the published verdicts."""
    user = request.user
    if user.is_authenticated and user.is_staff and user.has_perm(REVIEW):
        return HttpResponseRedirect(reverse("review:queue"))
    return render(
        request,
        "review/home.html",
        {
            "publisher": settings.PUBLISHER_NAME,
            "verdicts": verdicts_for_start_page(),
            "signed_in_without_desk": user.is_authenticated,
        },
    )


@require_GET
def verdict_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A published verdict for everyone, no login, with the evidence it cites.

    A verdict that was published and then retracted keeps its address but answers 410 Gone with a
    retraction notice (readers who followed a link or a share learn it was withdrawn; search
    engines drop it; no ClaimReview markup). Anything never published is 404.
    """
    try:
        public = selectors.verdict_for_public(verdict_id=pk)
    except Verdict.DoesNotExist as exc:
        raise Http404("No such verdict.") from exc
    verdict = public.verdict
    if verdict.status == Verdict.Status.RETRACTED:
        return render(
            request,
            "review/verdict_retracted.html",
            {"verdict": verdict, "claim": verdict.claim, "current": public.current},
            status=410,
        )
    return render(
        request,
        "review/verdict_public.html",
        {
            "verdict": verdict,
            "claim": verdict.claim,
            "appearances": public.appearances,
            "evidence": public.evidence,
        },
    )
