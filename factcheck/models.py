"""What the rows of every app share: bounded ids, creation / change times and who did something.

``factcheck`` is not an installed app, so nothing here gets a table; the apps' models inherit it.
"""

from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The largest id a BigAutoField holds: no row has a larger one, and SQLite raises OverflowError
# (a server error) when asked to compare with one, so inputs taking ids are bounded by it.
MAX_ID = 2**63 - 1

M = TypeVar("M", bound=models.Model)


class TimeStamped(models.Model):
    """When a row was created and when it last changed (set by Django on every save)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def optional_user(
    related_name: str = "+", *, blank: bool = True, **options: Any
) -> "models.ForeignKey[User | None, User | None]":
    """A person who did something to the row (added it, reviewed it), kept as NULL when their
    account is deleted; ``related_name="+"``: the user gets no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def optional_link(
    to: type[M], related_name: str, **options: Any
) -> "models.ForeignKey[M | None, M | None]":
    """A row this one refers to while it exists: optional, and kept as NULL when that row is
    deleted (the reference is lost, this row stays)."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name, **options
    )


class ClaimedWork(models.Model):
    """A row that is a piece of background work: which worker process holds it, since when.

    A worker takes the row with a conditional UPDATE (only if nobody holds it, or the holder's
    claim is older than the hard time limit, so that worker is gone); the reconciler
    (``claims/services/reconcile.py``) hands rows held by gone workers out again.
    """

    claimed_by = models.CharField(
        max_length=200, blank=True, editable=False, help_text="host:pid of the worker holding it."
    )
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
