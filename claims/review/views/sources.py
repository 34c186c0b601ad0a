"""The source page of the desk (``/sources/<id>/``): the source and its scorecard.

It wears the review screens' look (header, navigation, stylesheet), so the Content-Security-Policy
needs no inline style.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from claims.models import Source
from claims.review.context import desk_context
from claims.review.views.common import staff_only
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
