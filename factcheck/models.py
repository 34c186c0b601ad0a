"""What the rows of every app share: bounded ids and creation / change times.

``factcheck`` is not an installed app, so nothing here gets a table; the apps' models inherit it.
"""

from django.db import models

# The largest id a BigAutoField holds: no row has a larger one, and SQLite raises OverflowError
# (a server error) when asked to compare with one, so inputs taking ids are bounded by it.
MAX_ID = 2**63 - 1


class TimeStamped(models.Model):
    """When a row was created and when it last changed (set by Django on every save)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


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
