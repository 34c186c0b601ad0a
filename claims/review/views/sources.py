"""The source page of the desk (``/sources/<id>/``): the source and its scorecard; and the
speaker pickers' search (``/review/sources/search/``).

It wears the review screens' look (header, navigation, stylesheet), so the Content-Security-Policy
needs no inline style.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from claims.models import Source
from claims.review.context import desk_context
from claims.review.views.common import REVIEW, staff_only
from claims.selectors.desk import sources_for_picker
from claims.selectors.scorecards import source_scorecard


@staff_only("claims.view_source")
def source_page(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.select_related("affiliation").prefetch_related("aliases"), pk=pk
    )
    return render(
        request,
        "sources/scorecard.html",
        desk_context(
            request,
            title=source.name,
            source=source,
            card=source_scorecard(source=source),
            aliases=list(source.aliases.all()),
        ),
    )


@require_GET
@staff_only(REVIEW)
def source_search(request: HttpRequest) -> JsonResponse:
    """Sources matching ``q`` (part of a name or alias), for the speaker and stance pickers."""
    return JsonResponse({"results": sources_for_picker(text=request.GET.get("q", ""))})
