"""``/readyz``: may this process take traffic? The database and the broker must both answer.

``/healthz`` stays the cheap, public liveness answer; a load balancer or orchestrator uses this one
to hold traffic back (503) while either dependency is down, without restarting the process.
"""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from factcheck.health import _broker_state, _database_state


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database_state(), "broker": _broker_state()}
    ready = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "unavailable", **checks}, status=200 if ready else 503
    )
