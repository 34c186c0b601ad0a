"""What the review services check before they act: who may, what a person must say, and whether
the claim can still be worked on."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim


def check_perm(actor: User, perm: str, message: str) -> None:
    """``PermissionDenied(message)`` unless ``actor`` has ``perm``."""
    if not actor.has_perm(perm):
        raise PermissionDenied(message)


def check_reason(reason: str | None, message: str = "Give a reason.") -> str:
    """The reason a person gave, stripped; ``ValidationError(message)`` when it is blank."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message)
    return reason


def check_not_merged(claim: Claim) -> None:
    """A merged duplicate is worked on through its survivor."""
    if claim.status == Claim.Status.MERGED:
        raise ValidationError(
            f"Claim #{claim.pk} was merged into claim #{claim.canonical_id}; work on that one."
        )
