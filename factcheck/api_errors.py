"""How the API answers what it cannot do: one exception handler for every endpoint.

The services raise Django's exceptions, as they serve the review screens and the admin too; the
handler turns them into DRF answers, so a viewset calls a service and lets its errors through:

- ``django.core.exceptions.ValidationError`` → 400, ``{"field": ["message"]}`` (messages that
  belong to no field under ``non_field_errors``), the shape a serializer's errors have;
- ``claims.services.locking.Conflict`` → 409, ``{"detail": ..., "current_version": n}``;
- ``django.core.exceptions.PermissionDenied`` → 403 and ``Http404`` → 404, as DRF does already.

A body nested too deeply is refused by the parser (``factcheck.api_parsers``).
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from claims.services.locking import Conflict


def _validation_detail(exc: DjangoValidationError) -> dict[str, Any]:
    detail = serializers.as_serializer_error(exc)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return detail


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, taught the services' exceptions (see the module docstring)."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_validation_detail(exc))
    elif isinstance(exc, Conflict):
        set_rollback()
        return Response(
            {"detail": str(exc), "current_version": exc.current.version},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
