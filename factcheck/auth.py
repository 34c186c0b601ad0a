"""The signed-in user behind a request, typed for the services' ``actor: User``."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from rest_framework.request import Request


def acting_user(request: HttpRequest | Request) -> User:
    """The request's user, for views that only signed-in users reach (the staff check, the API's
    authentication, the admin): an anonymous request that got this far is refused with 403."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
