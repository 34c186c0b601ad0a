"""Checks made when the web application starts, before it serves anything."""

from django.conf import settings
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

GENERATE_KEY = (
    "python -c 'from django.core.management.utils import get_random_secret_key; "
    "print(get_random_secret_key())'"
)
MISSING_SECRET_KEY = (
    "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY to a long random value "
    f"(generate one with: {GENERATE_KEY}), or DEBUG=1 for development."
)
WEAK_SECRET_KEY = (
    f"SECRET_KEY is too weak for DEBUG off: it must be at least {SECRET_KEY_MIN_LENGTH} "
    f"characters long, with at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different characters, "
    f"and must not start with {SECRET_KEY_INSECURE_PREFIX!r}. Set SECRET_KEY to a long random "
    f"value (generate one with: {GENERATE_KEY})."
)


def secret_key_is_strong(key: str) -> bool:
    """Django's own rule (``check --deploy``, security.W009): long, varied, not a startproject key."""
    return (
        len(key) >= SECRET_KEY_MIN_LENGTH
        and len(set(key)) >= SECRET_KEY_MIN_UNIQUE_CHARACTERS
        and not key.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


def require_secret_key() -> None:
    """Refuse to serve without a real secret key: sessions, CSRF tokens and password resets sign
    with it, and a short one can be guessed. With DEBUG on, the development key is accepted."""
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django's own "must not be empty", said less helpfully
        key = ""
    if not key:
        raise ImproperlyConfigured(MISSING_SECRET_KEY)
    if not settings.DEBUG and not secret_key_is_strong(key):
        raise ImproperlyConfigured(WEAK_SECRET_KEY)
