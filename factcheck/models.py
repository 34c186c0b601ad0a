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
