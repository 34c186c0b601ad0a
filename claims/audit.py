"""The audit trail: who changed what on a claim (or anything hanging from it), and when.

Every service that changes claims, attributions, stances, evidence, relations or verdicts calls
``record_change`` inside its own transaction, so a change and its record stand or fall together.
``changes`` holds ``{"field": {"before": ..., "after": ...}}`` for edits (see ``diff``), or a small
description for events that are not field edits (a merge says where the appearances went).
"""

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from claims.models import ChangeRecord, Claim


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return f"{value} (#{value.pk})"
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The JSON-safe values of ``fields`` on ``instance``; a foreign key reads "label (#id)"."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if isinstance(field, models.Field) and field.is_relation and field.many_to_one:
            related_id = getattr(instance, field.attname)
            values[name] = None if related_id is None else _json_value(getattr(instance, name))
        else:
            values[name] = _json_value(getattr(instance, name))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Only the fields whose value changed, as ``{"field": {"before": x, "after": y}}``."""
    return {
        name: {"before": before.get(name), "after": value}
        for name, value in after.items()
        if before.get(name) != value
    }


def record_change(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: models.Model,
    claim: Claim | None = None,
    changes: dict | None = None,
) -> ChangeRecord:
    """Store one change record. ``claim`` defaults to the target itself when it is a claim."""
    if claim is None and isinstance(target, Claim):
        claim = target
    return ChangeRecord.objects.create(
        claim=claim,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        changes={key: _json_value(value) for key, value in (changes or {}).items()},
    )
