"""The public page of a published verdict, readable without logging in."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.models import Verdict
from claims.selectors import review as selectors


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
