"""Checks made when the web application starts, before it serves anything."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING_SECRET_KEY = (
    "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY, or DEBUG=1 for development."
)


def require_secret_key() -> None:
    """Refuse to serve without a secret key: sessions, CSRF tokens and password resets sign with it."""
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django's own "must not be empty", said less helpfully
        key = ""
    if not key:
        raise ImproperlyConfigured(MISSING_SECRET_KEY)
