"""The source page of the desk app (``/sources/<id>/``): the source and its scorecard.

For staff (reviewers and editors) only: anonymous visitors are sent to the admin login, and
logged-in users who are not staff (API clients) get 403, like the rest of the browser UI. It wears
the review screens' look (header, navigation, stylesheet), so the Content-Security-Policy needs no
inline style.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from claims.models import Source
from claims.review.context import desk_context
from claims.selectors.scorecards import source_scorecard


def source_page(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_staff and request.user.has_perm("claims.view_source")):
        raise PermissionDenied("The desk pages are for reviewers and editors.")
    source = get_object_or_404(
        Source.objects.select_related("affiliation").prefetch_related("aliases"), pk=pk
    )
    card = source_scorecard(source=source)
    return render(
        request,
        "sources/scorecard.html",
        desk_context(
            request,
            title=source.name,
            source=source,
            card=card,
            aliases=list(source.aliases.all()),
        ),
    )
