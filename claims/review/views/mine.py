"""My work: what is waiting for the signed-in reviewer or editor."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.review.context import desk_context
from claims.review.views.common import REVIEW, staff_only
from claims.selectors.desk import my_work as my_work_of
from factcheck.auth import acting_user


@require_GET
@staff_only(REVIEW)
def my_work(request: HttpRequest) -> HttpResponse:
    """Claims assigned to me, my verdict drafts, those sent back with the editor's note, and those
    waiting for an editor, newest first."""
    return render(
        request,
        "review/my_work.html",
        desk_context(request, title="My work", work=my_work_of(user=acting_user(request))),
    )
