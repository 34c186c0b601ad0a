"""Rate limits per API token (per session user for the browsable API).

The rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``: ``token`` for every request,
``graph`` for graph requests on top (a graph is many times the work of a list page). When a rate is
not configured the defaults below apply, so a missing setting never breaks the API.
"""

from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

DEFAULT_RATES = {"token": "5000/hour", "graph": "600/hour"}


def configured_rate(scope: str) -> str | None:
    """The rate set for ``scope`` ("100/minute"), read at each request so changed settings apply."""
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
    return rate if isinstance(rate, str) else None


class TokenRateThrottle(SimpleRateThrottle):
    """Counts requests per token key (per user id for session users); anonymous are not counted."""

    scope = "token"

    def get_rate(self) -> str:
        return configured_rate(self.scope) or configured_rate("user") or DEFAULT_RATES[self.scope]

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        if isinstance(request.auth, Token):
            ident = f"token-{request.auth.key[:12]}"
        else:
            ident = f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class GraphRateThrottle(TokenRateThrottle):
    scope = "graph"

    def get_rate(self) -> str:
        return configured_rate(self.scope) or DEFAULT_RATES[self.scope]
