"""Content-Security-Policy: scripts and styles only from this site's own static files.

The review screens keep all JavaScript in static files (no inline scripts, no CDN), so the policy
can forbid everything else. The Swagger UI at /api/docs/ is covered too: its assets come from the
drf-spectacular sidecar, its settings script from /api/docs/?script=, and its one inline style
block is moved to a file by templates/drf_spectacular/swagger_ui.html.
"""

from django.http import HttpRequest, HttpResponse

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response
