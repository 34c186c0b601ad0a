"""Optimistic locking of the rows people edit: claims, attributions and verdicts.

A caller passes the ``version`` its form was loaded with as ``expected_version``; the row is locked
(``select_for_update``), the version compared, and a mismatch raises ``Conflict`` carrying the
current row, so nobody's edit is lost silently. Every save bumps the version, and ``locked_change``
records the change with ``claims.audit.record_change`` in the same transaction.
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import models, transaction

from claims.audit import diff, record_change, snapshot
from claims.models import Attribution, Claim, Verdict

Versioned = TypeVar("Versioned", Claim, Attribution, Verdict)


class Conflict(Exception):
    """Someone else saved the row first: ``current`` is the row as it is now."""

    def __init__(self, current: Claim | Attribution | Verdict) -> None:
        self.current = current
        name = current._meta.verbose_name
        super().__init__(
            f"Someone else saved this {name} first (it is now at version {current.version}). "
            "Your changes were not saved: compare them with the current values and save again."
        )


def check_version(row: Versioned, expected_version: int | None) -> None:
    """``Conflict`` when ``row`` moved past ``expected_version`` (``None`` skips the check)."""
    if expected_version is not None and row.version != expected_version:
        raise Conflict(row)


def lock_versioned(model: type[Versioned], pk: int, expected_version: int | None) -> Versioned:
    """The row locked for this transaction; ``Conflict`` when it moved past ``expected_version``.

    Call inside ``transaction.atomic``. ``expected_version=None`` skips the comparison (a caller
    that did not show the row to a person, such as a script or an admin action).
    """
    current = model.objects.select_for_update().get(pk=pk)
    check_version(current, expected_version)
    return current


def save_versioned(instance: Versioned, fields: Iterable[str]) -> None:
    """Save ``fields`` and bump the optimistic-lock version."""
    instance.version += 1
    update_fields = {*fields, "version", "updated_at"}
    if isinstance(instance, Claim):
        # Derived from the text by Claim.save; matching reads them.
        update_fields |= {"normalized_text", "fingerprint", "match_key"}
    instance.save(update_fields=sorted(update_fields))


# What the change record of each versioned row shows (only the fields that changed).
AUDITED_FIELDS: dict[type[models.Model], list[str]] = {
    Claim: ["text", "status", "rejection_reason", "checkworthiness", "requires_double_review"],
    Attribution: [
        "claim",
        "speaker",
        "kind",
        "cue",
        "content",
        "content_start",
        "content_end",
        "review_state",
        "rejection_reason",
    ],
    Verdict: [
        "rating",
        "summary",
        "explanation",
        "status",
        "reviewer",
        "editor",
        "editor_note",
        "published_at",
        "retracted_at",
        "public_url",
    ],
}


def _stored(row: models.Model) -> dict[str, Any]:
    return {field.name: getattr(row, field.attname) for field in row._meta.concrete_fields}


def locked_change(
    row: Versioned,
    actor: User,
    action: str,
    expected_version: int | None,
    change: Callable[[Versioned], None],
    /,
    *,
    skip_unchanged: bool = False,
) -> Versioned:
    """Lock ``row``, let ``change`` alter (or refuse) it, save what it changed with a version bump
    and record the difference in the row's ``AUDITED_FIELDS`` as ``action``, in one transaction.

    ``skip_unchanged`` leaves a row whose audited fields did not change unsaved and unrecorded.
    """
    audited = AUDITED_FIELDS[type(row)]
    with transaction.atomic():
        locked = lock_versioned(type(row), row.pk, expected_version)
        before, stored = snapshot(locked, audited), _stored(locked)
        change(locked)
        changes = diff(before, snapshot(locked, audited))
        if skip_unchanged and not changes:
            return locked
        after = _stored(locked)
        save_versioned(locked, [name for name, value in after.items() if stored[name] != value])
        claim = locked if isinstance(locked, Claim) else locked.claim
        record_change(actor=actor, action=action, target=locked, claim=claim, changes=changes)
    return locked
