"""What the audit trail holds about a row, for tests to check a change was recorded."""

from claims.models import ChangeRecord


def records(target, action=None):
    """The change records about ``target`` (newest first), of ``action`` if given."""
    rows = ChangeRecord.objects.filter(target_type=target._meta.label_lower, target_id=target.pk)
    return list(rows.filter(action=action) if action else rows)
