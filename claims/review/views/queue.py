"""The review queue: candidate claims to work through, and assigning them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from claims.models import Claim
from claims.review import forms
from claims.review.context import desk_context
from claims.review.presenters import queue_rows
from claims.review.views.common import REVIEW, attempt, back, list_page_context, staff_only
from claims.selectors import review as selectors
from claims.services import claims as claim_services
from factcheck.auth import acting_user

QUEUE_PAGE_SIZE = 50


@require_GET
@staff_only(REVIEW)
def queue(request: HttpRequest) -> HttpResponse:
    """Candidate claims, filtered, sorted and paginated, with counts per status."""
    # Always bound, so a wrong value (a bad date, a threshold above 1) drops only that filter:
    # the others still apply and the form shows what was typed, with the error beside it.
    form = forms.QueueFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    counts = selectors.queue_status_counts(user=acting_user(request), filters=filters)
    paginator = Paginator(
        selectors.review_queue(user=acting_user(request), filters=filters), QUEUE_PAGE_SIZE
    )
    # The status counts hold the number of rows already: the paginator needs no COUNT of its own.
    paginator.count = counts[filters.status or "all"]
    page = paginator.get_page(request.GET.get("page"))
    can_assign = request.user.has_perm("claims.assign_claim")
    return render(
        request,
        "review/queue.html",
        desk_context(
            request,
            title="Review queue",
            form=form,
            filters=filters,
            page=page,
            rows=queue_rows(page.object_list),
            outlets=selectors.queue_outlets(),
            **list_page_context(request, counts=counts, statuses=Claim.Status.choices),
            reviewers=list(forms.reviewers_queryset()) if can_assign else [],
        ),
    )


@require_POST
@staff_only("claims.assign_claim")
def queue_assign(request: HttpRequest) -> HttpResponse:
    form = forms.AssignForm(request.POST)
    count = attempt(
        request,
        form,
        lambda data: claim_services.claims_assign(
            claims=data["claims"], assignee=data["assignee"], actor=acting_user(request)
        ),
        bad_form="Nothing assigned.",
    )
    if count is not None:
        who = form.cleaned_data["assignee"] or "nobody"
        messages.success(request, f"{count} claim(s) assigned to {who}.")
    return back(request, reverse("review:queue"))
