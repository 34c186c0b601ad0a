"""Error answers: JSON for API clients, the site's styled pages for people."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        if isinstance(exception, RequestDataTooBig):
            limit = settings.FETCH_MAX_BYTES / 1_000_000
            detail = f"The request body is too large; submit documents of at most {limit:g} MB."
        else:
            detail = "Bad request."
        return JsonResponse({"detail": detail}, status=400)
    return defaults.bad_request(request, exception)
