"""The verdict workflow: a reviewer drafts and submits, an editor approves or sends back, publishes
and retracts.

    draft --submit--> in_review --approve--> approved --publish--> published --retract--> retracted
      ^                   |                      |
      +----send back------+----------------------+

``VERDICT_TRANSITIONS`` is the one statement of that workflow: from each status, the actions allowed
and the permission each needs. ``verdict_actions_for`` reads it for screens; the services below
enforce it, and ``verdict_step`` takes any step by its name (``VERDICT_STEPS``) for the review
views and the admin actions. Verdicts are guarded by optimistic locking like claims (``claims.services.locking``):
every function takes the ``expected_version`` the person's form was loaded with and raises
``Conflict`` when someone else saved first. Publishing sets ``published_at``, the editor and
``public_url``: the app's own public page, ``{PUBLISHER_URL}/verdicts/<id>/``
(``claims/public_urls.py``), so the app deployed at ``PUBLISHER_URL`` serves the page the URL names.
Publishing and retracting queue the ``verdict.published`` / ``verdict.retracted`` webhooks in the
same transaction.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from claims.audit import diff, record_change, snapshot
from claims.models import Claim, Evidence, Rating, ReviewRating, Verdict
from claims.services.checks import check_reason
from claims.services.claims import claim_accept
from claims.services.locking import Conflict, locked_change
from claims.webhooks import EVENT_VERDICT_PUBLISHED, EVENT_VERDICT_RETRACTED, webhooks_queue_event

REVIEWER = "claims.change_verdict"
EDITOR = "claims.publish_verdict"

Status = Verdict.Status

# From each status, the actions allowed and the permission each needs. "edit" changes the rating,
# summary, explanation and evidence and leaves the status alone.
VERDICT_TRANSITIONS: dict[str, dict[str, str]] = {
    Status.DRAFT: {"edit": REVIEWER, "submit": REVIEWER},
    Status.IN_REVIEW: {"edit": EDITOR, "approve": EDITOR, "send_back": EDITOR, "publish": EDITOR},
    Status.APPROVED: {"edit": EDITOR, "send_back": EDITOR, "publish": EDITOR},
    Status.PUBLISHED: {"retract": EDITOR},
    Status.RETRACTED: {},
}


@dataclass(frozen=True)
class VerdictAction:
    """What an action does: its label, the status it leads to, what it records and sends."""

    label: str
    done: str  # "A verdict that is <status> cannot be <done>."
    record: str  # the change record's action
    to: str | None = None  # None: the status stays
    event: str | None = None  # the webhook event queued
    sets_editor: bool = False  # the editor taking it becomes the verdict's editor
    asks_reason: bool = False  # the person says why (the step's service takes ``reason``)


VERDICT_ACTIONS: dict[str, VerdictAction] = {
    "edit": VerdictAction("Edit", "edited (an editor sends it back first)", "verdict_edited"),
    "submit": VerdictAction(
        "Submit to an editor", "submitted", "verdict_submitted", to=Status.IN_REVIEW
    ),
    "approve": VerdictAction(
        "Approve", "approved", "verdict_approved", to=Status.APPROVED, sets_editor=True
    ),
    "send_back": VerdictAction(
        "Send back",
        "sent back",
        "verdict_sent_back",
        to=Status.DRAFT,
        sets_editor=True,
        asks_reason=True,
    ),
    "publish": VerdictAction(
        "Publish",
        "published",
        "verdict_published",
        to=Status.PUBLISHED,
        event=EVENT_VERDICT_PUBLISHED,
        sets_editor=True,
        asks_reason=True,  # optional: why it goes out without an explanation or evidence
    ),
    "retract": VerdictAction(
        "Retract",
        "retracted",
        "verdict_retracted",
        to=Status.RETRACTED,
        event=EVENT_VERDICT_RETRACTED,
        sets_editor=True,
        asks_reason=True,
    ),
}

_DENIED = {
    REVIEWER: "Only reviewers and editors draft and submit verdicts.",
    EDITOR: "Only editors approve, publish and retract verdicts.",
}


def verdict_actions_for(*, verdict: Verdict, actor: User) -> list[str]:
    """The actions ``actor`` may take on ``verdict`` now, in workflow order."""
    allowed = VERDICT_TRANSITIONS[verdict.status]
    return [action for action, perm in allowed.items() if actor.has_perm(perm)]


def _action_perms(action: str) -> set[str]:
    return {allowed[action] for allowed in VERDICT_TRANSITIONS.values() if action in allowed}


def verdict_action_permission(action: str) -> str:
    """The permission that lets a person take ``action`` from some status: ``REVIEWER`` when
    reviewers may, else ``EDITOR``."""
    return REVIEWER if REVIEWER in _action_perms(action) else EDITOR


def _check_may_ever(actor: User, action: str) -> None:
    """``PermissionDenied`` when ``actor`` may not take ``action`` from any status."""
    if not any(actor.has_perm(perm) for perm in _action_perms(action)):
        raise PermissionDenied(_DENIED[verdict_action_permission(action)])


def _check_may_now(verdict: Verdict, actor: User, action: str) -> None:
    if action not in verdict_actions_for(verdict=verdict, actor=actor):
        raise ValidationError(
            f"A verdict that is {verdict.get_status_display().lower()} cannot be "
            f"{VERDICT_ACTIONS[action].done}."
        )


def verdict_public_url(verdict: Verdict) -> str:
    """Where the published verdict is read by the public."""
    path = reverse("public-verdict", args=[verdict.pk])
    return f"{settings.PUBLISHER_URL.rstrip('/')}{path}"


def _transition(
    verdict: Verdict,
    actor: User,
    action: str,
    expected_version: int | None,
    change: Callable[[Verdict], None] | None = None,
    /,
) -> Verdict:
    """Take ``action`` on the locked verdict: check the table allows it to ``actor`` now, let
    ``change`` alter (or refuse) it, move it to the action's status, save, record the difference
    and queue the action's webhook event (in the same transaction, so a rollback sends nothing)."""
    step = VERDICT_ACTIONS[action]
    _check_may_ever(actor, action)

    def apply(locked: Verdict) -> None:
        _check_may_now(locked, actor, action)
        if change is not None:
            change(locked)
        if step.to is not None:
            locked.status = step.to
        if step.sets_editor:
            locked.editor = actor

    with transaction.atomic():
        locked = locked_change(verdict, actor, step.record, expected_version, apply)
        if step.event is not None:
            webhooks_queue_event(event=step.event, verdict=locked)
    return locked


def verdict_draft(
    *,
    claim: Claim,
    actor: User,
    rating: Rating | None = None,
    summary: str = "",
    explanation: str = "",
    evidence: Iterable[Evidence] | None = None,
    expected_version: int | None = None,
) -> Verdict:
    """Create the claim's verdict, or edit its current one (``expected_version`` is then the
    version the form was loaded with; ``None`` for a new verdict).

    Who may edit which verdict is the table's "edit" action: a reviewer edits drafts, an editor
    also a verdict submitted or approved but not yet published. A published verdict is retracted,
    never edited.
    """
    _check_may_ever(actor, "edit")
    if claim.status == Claim.Status.MERGED:
        raise ValidationError(
            f"Claim #{claim.pk} was merged into claim #{claim.canonical_id}: draft the verdict there."
        )
    evidence = list(evidence) if evidence is not None else None
    if evidence and any(item.claim_id != claim.pk for item in evidence):
        raise ValidationError({"evidence": "Cite only evidence recorded on this claim."})
    current = Verdict.objects.filter(claim=claim).current().first()
    if current is None:
        if expected_version is not None:
            # The form showed a verdict that has since been retracted: someone else acted first.
            retracted = Verdict.objects.filter(claim=claim).order_by("-updated_at").first()
            if retracted is not None:
                raise Conflict(retracted)
        try:
            with transaction.atomic():
                verdict = Verdict.objects.create(
                    claim=claim,
                    rating=rating,
                    summary=(summary or "").strip(),
                    explanation=(explanation or "").strip(),
                    reviewer=actor,
                )
                if evidence:
                    verdict.evidence.set(evidence)
                record_change(
                    actor=actor,
                    action="verdict_drafted",
                    target=verdict,
                    claim=claim,
                    changes=diff({}, snapshot(verdict, ["rating", "summary", "explanation"])),
                )
        except IntegrityError as exc:
            # Another reviewer created the claim's verdict between our read and our insert.
            current = Verdict.objects.filter(claim=claim).current().first()
            if current is None:
                raise
            raise Conflict(current) from exc
        return verdict
    if expected_version is None:
        # Our form showed no verdict, yet one exists now: never overwrite it blindly.
        raise Conflict(current)

    def change(locked: Verdict) -> None:
        locked.rating = rating
        locked.summary = (summary or "").strip()
        locked.explanation = (explanation or "").strip()
        if locked.reviewer_id is None:
            locked.reviewer = actor
        if evidence is not None:
            locked.evidence.set(evidence)

    return _transition(current, actor, "edit", expected_version, change)


def verdict_submit(
    *, verdict: Verdict, actor: User, expected_version: int | None = None
) -> Verdict:
    """Hand the draft to an editor: it needs a rating and a summary, and under double review both
    independent ratings."""

    def change(locked: Verdict) -> None:
        missing = [name for name in ("rating", "summary") if not getattr(locked, name)]
        if missing:
            raise ValidationError(
                f"Give the verdict a {' and a '.join(missing)} before submitting."
            )
        claim = locked.claim
        if claim.requires_double_review and ReviewRating.objects.filter(claim=claim).count() < 2:
            raise ValidationError("This claim needs two independent ratings before submitting.")

    return _transition(verdict, actor, "submit", expected_version, change)


class DraftFields(TypedDict):
    """The draft form's fields, as ``verdict_draft`` takes them."""

    rating: Rating | None
    summary: str
    explanation: str
    evidence: Iterable[Evidence] | None


def verdict_save_and_submit(
    *, verdict: Verdict, actor: User, expected_version: int | None, **fields: Unpack[DraftFields]
) -> Verdict:
    """Save the draft form's fields and submit it, in one step: what the person typed is what the
    editor sees. Both happen or neither (a refusal leaves the verdict as it was)."""
    with transaction.atomic():
        saved = verdict_draft(
            claim=verdict.claim, actor=actor, expected_version=expected_version, **fields
        )
        if saved.pk != verdict.pk:
            # The form was for a verdict that is no longer the claim's current one.
            raise Conflict(saved)
        return verdict_submit(verdict=saved, actor=actor, expected_version=saved.version)


def verdict_approve(
    *, verdict: Verdict, actor: User, expected_version: int | None = None
) -> Verdict:
    """An editor agrees with the submitted verdict."""
    return _transition(verdict, actor, "approve", expected_version)


def verdict_send_back(
    *, verdict: Verdict, actor: User, reason: str, expected_version: int | None = None
) -> Verdict:
    """An editor returns the verdict to its reviewer as a draft, saying what to change."""

    def change(locked: Verdict) -> None:
        locked.editor_note = check_reason(reason, "Say what the reviewer should change.")

    return _transition(verdict, actor, "send_back", expected_version, change)


def verdict_publish_missing(verdict: Verdict) -> list[str]:
    """What a published fact-check should show and this verdict lacks (its explanation, its
    evidence), in words."""
    missing = [] if verdict.explanation.strip() else ["an explanation"]
    if not verdict.evidence.exists():
        missing.append("at least one piece of evidence")
    return missing


def verdict_publish(
    *,
    verdict: Verdict,
    actor: User,
    expected_version: int | None = None,
    require_sources: bool = False,
    reason: str = "",
) -> Verdict:
    """Publish a submitted or approved verdict: it gets its date, editor and public URL, and the
    ``verdict.published`` webhooks are queued.

    A published fact-check says the claim was worth checking, so a claim still a candidate is
    accepted with it (recorded in its history); a rejected claim cannot carry a published verdict.

    With ``require_sources`` (the desk's Publish) it also needs an explanation and at least one
    piece of evidence, unless the editor gives a ``reason`` to publish without, which is kept as the
    verdict's editor note (and so in its history).
    """

    def change(locked: Verdict) -> None:
        if locked.rating_id is None:
            raise ValidationError("A verdict needs a rating before it is published.")
        missing = verdict_publish_missing(locked) if require_sources else []
        if missing and not reason.strip():
            raise ValidationError(
                f"Publishing needs {' and '.join(missing)}; add them, or give the reason to "
                "publish without."
            )
        if missing:
            locked.editor_note = f"Published without {' and '.join(missing)}: {reason.strip()}"
        if locked.claim.status == Claim.Status.REJECTED:
            raise ValidationError(
                "The claim was rejected; accept it again before publishing its verdict."
            )
        locked.published_at = timezone.now()
        locked.public_url = verdict_public_url(locked)

    with transaction.atomic():
        published = _transition(verdict, actor, "publish", expected_version, change)
        if published.claim.status == Claim.Status.CANDIDATE:
            claim_accept(claim=published.claim, actor=actor)
    return published


def verdict_retract(
    *, verdict: Verdict, actor: User, reason: str, expected_version: int | None = None
) -> Verdict:
    """Withdraw a published verdict, saying why; the claim may then get a new verdict."""

    def change(locked: Verdict) -> None:
        locked.editor_note = check_reason(reason, "Say why the verdict is retracted.")
        locked.retracted_at = timezone.now()

    return _transition(verdict, actor, "retract", expected_version, change)


# The service taking each step of the workflow: every action but "edit" (``verdict_draft``).
VERDICT_STEPS: dict[str, Callable[..., Verdict]] = {
    "submit": verdict_submit,
    "approve": verdict_approve,
    "send_back": verdict_send_back,
    "publish": verdict_publish,
    "retract": verdict_retract,
}


def verdict_step(
    *,
    action: str,
    verdict: Verdict,
    actor: User,
    reason: str = "",
    expected_version: int | None = None,
    **options: Any,
) -> Verdict:
    """Take the step ``action`` of ``VERDICT_STEPS``, for screens and admin actions that offer
    each step alike; ``reason`` reaches the steps that ask one and is ignored by the others, and
    ``options`` go to the step's service as they are (the desk publishes ``require_sources``)."""
    given = {"reason": reason} if VERDICT_ACTIONS[action].asks_reason else {}
    return VERDICT_STEPS[action](
        verdict=verdict, actor=actor, expected_version=expected_version, **given, **options
    )
