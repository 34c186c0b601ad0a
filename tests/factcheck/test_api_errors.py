"""The API's exception handler: the services' Django exceptions become DRF answers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.services.locking import Conflict
from factcheck.api_errors import exception_handler
from tests.factories import ClaimFactory


@pytest.mark.parametrize(
    ("error", "body"),
    [
        (ValidationError({"url": "Refused."}), {"url": ["Refused."]}),
        (ValidationError("Give a reason."), {"non_field_errors": ["Give a reason."]}),
        (ValidationError(["One.", "Two."]), {"non_field_errors": ["One.", "Two."]}),
        (
            ValidationError({"__all__": ["Both dates."], "end": ["Too late."]}),
            {"non_field_errors": ["Both dates."], "end": ["Too late."]},
        ),
    ],
)
def test_a_django_validation_error_answers_400_shaped_like_a_serializer_error(error, body):
    response = exception_handler(error, {})
    assert (response.status_code, response.data) == (400, body)


@pytest.mark.django_db
def test_a_conflict_answers_409_with_the_current_version():
    claim = ClaimFactory(version=3)
    response = exception_handler(Conflict(claim), {})
    assert response.status_code == 409
    assert response.data == {"detail": str(Conflict(claim)), "current_version": 3}


def test_permission_denied_answers_403_and_anything_else_is_left_to_django():
    response = exception_handler(PermissionDenied("Only editors."), {})
    assert (response.status_code, response.data) == (403, {"detail": "Only editors."})
    assert exception_handler(RuntimeError("bug"), {}) is None
