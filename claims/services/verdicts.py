"""The verdict workflow: a reviewer drafts and submits, an editor approves or sends back, publishes
and retracts.

    draft --submit--> in_review --approve--> approved --publish--> published --retract--> retracted
      ^                   |                      |
      +----send back------+----------------------+

Verdicts are guarded by optimistic locking like claims (see ``claims.services.review``): every
function takes the ``expected_version`` the person's form was loaded with and raises ``Conflict``
when someone else saved first. Publishing sets ``published_at``, the editor and ``public_url``:
the app's own public page, ``{PUBLISHER_URL}/verdicts/<id>/`` (``claims/public_urls.py``), so the
app deployed at ``PUBLISHER_URL`` serves the page the URL names. Publishing and retracting queue
the ``verdict.published`` / ``verdict.retracted`` webhooks in the same transaction.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from claims.audit import diff, record_change, snapshot
from claims.models import Claim, Evidence, Rating, ReviewRating, Verdict
from claims.services.review import Conflict, claim_accept, lock_versioned, save_versioned
from claims.webhooks import EVENT_VERDICT_PUBLISHED, EVENT_VERDICT_RETRACTED, webhooks_queue_event

__all__ = [
    "Conflict",
    "verdict_approve",
    "verdict_draft",
    "verdict_public_url",
    "verdict_publish",
    "verdict_retract",
    "verdict_send_back",
    "verdict_submit",
]

VERDICT_FIELDS = [
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
]


def _require_editor(editor) -> None:
    if not editor.has_perm("claims.publish_verdict"):
        raise PermissionDenied("Only editors approve, publish and retract verdicts.")


def _require_status(verdict: Verdict, allowed: Iterable[str], doing: str) -> None:
    if verdict.status not in allowed:
        raise ValidationError(
            f"A verdict that is {verdict.get_status_display().lower()} cannot be {doing}."
        )


def verdict_public_url(verdict: Verdict) -> str:
    """Where the published verdict is read by the public."""
    path = reverse("public-verdict", args=[verdict.pk])
    return f"{settings.PUBLISHER_URL.rstrip('/')}{path}"


def _transition(
    *,
    verdict: Verdict,
    user,
    expected_version: int | None,
    action: str,
    change,
    event: str | None = None,
) -> Verdict:
    """Lock the verdict, let ``change`` alter it, save, record the difference and queue the
    webhook ``event`` (in the same transaction, so a rollback sends nothing)."""
    with transaction.atomic():
        locked = lock_versioned(Verdict, verdict.pk, expected_version)
        before = snapshot(locked, VERDICT_FIELDS)
        change(locked)
        save_versioned(locked, VERDICT_FIELDS)
        if event is not None:
            webhooks_queue_event(event=event, verdict=locked)
        record_change(
            actor=user,
            action=action,
            target=locked,
            claim=locked.claim,
            changes=diff(before, snapshot(locked, VERDICT_FIELDS)),
        )
    return locked


def verdict_draft(
    *,
    claim: Claim,
    user,
    rating: Rating | None = None,
    summary: str = "",
    explanation: str = "",
    evidence: Iterable[Evidence] | None = None,
    expected_version: int | None = None,
) -> Verdict:
    """Create the claim's verdict, or edit its current one (``expected_version`` is then the
    version the form was loaded with; ``None`` for a new verdict).

    A reviewer edits drafts; an editor may also edit a verdict submitted or approved but not yet
    published. A published verdict is retracted, never edited.
    """
    if claim.status == Claim.Status.MERGED:
        raise ValidationError(
            f"Claim #{claim.pk} was merged into claim #{claim.canonical_id}: draft the verdict there."
        )
    evidence = list(evidence) if evidence is not None else None
    if evidence and any(item.claim_id != claim.pk for item in evidence):
        raise ValidationError({"evidence": "Cite only evidence recorded on this claim."})
    current = Verdict.objects.filter(claim=claim).exclude(status=Verdict.Status.RETRACTED).first()
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
                    reviewer=user,
                )
                if evidence:
                    verdict.evidence.set(evidence)
                record_change(
                    actor=user,
                    action="verdict_drafted",
                    target=verdict,
                    claim=claim,
                    changes=diff({}, snapshot(verdict, ["rating", "summary", "explanation"])),
                )
        except IntegrityError as exc:
            # Another reviewer created the claim's verdict between our read and our insert.
            current = Verdict.objects.filter(claim=claim).exclude(status="retracted").first()
            if current is None:
                raise
            raise Conflict(current) from exc
        return verdict
    if expected_version is None:
        # Our form showed no verdict, yet one exists now: never overwrite it blindly.
        raise Conflict(current)
    editable = [Verdict.Status.DRAFT]
    if user.has_perm("claims.publish_verdict"):
        editable += [Verdict.Status.IN_REVIEW, Verdict.Status.APPROVED]

    def change(locked: Verdict) -> None:
        _require_status(locked, editable, "edited (an editor sends it back first)")
        locked.rating = rating
        locked.summary = (summary or "").strip()
        locked.explanation = (explanation or "").strip()
        if locked.reviewer_id is None:
            locked.reviewer = user
        if evidence is not None:
            locked.evidence.set(evidence)

    return _transition(
        verdict=current,
        user=user,
        expected_version=expected_version,
        action="verdict_edited",
        change=change,
    )


def verdict_submit(*, verdict: Verdict, user, expected_version: int | None = None) -> Verdict:
    """Hand the draft to an editor: it needs a rating and a summary, and under double review both
    independent ratings."""

    def change(locked: Verdict) -> None:
        _require_status(locked, [Verdict.Status.DRAFT], "submitted")
        missing = [name for name in ("rating", "summary") if not getattr(locked, name)]
        if missing:
            raise ValidationError(
                f"Give the verdict a {' and a '.join(missing)} before submitting."
            )
        claim = locked.claim
        if claim.requires_double_review and ReviewRating.objects.filter(claim=claim).count() < 2:
            raise ValidationError("This claim needs two independent ratings before submitting.")
        locked.status = Verdict.Status.IN_REVIEW

    return _transition(
        verdict=verdict,
        user=user,
        expected_version=expected_version,
        action="verdict_submitted",
        change=change,
    )


def verdict_approve(*, verdict: Verdict, editor, expected_version: int | None = None) -> Verdict:
    """An editor agrees with the submitted verdict."""
    _require_editor(editor)

    def change(locked: Verdict) -> None:
        _require_status(locked, [Verdict.Status.IN_REVIEW], "approved")
        locked.status = Verdict.Status.APPROVED
        locked.editor = editor

    return _transition(
        verdict=verdict,
        user=editor,
        expected_version=expected_version,
        action="verdict_approved",
        change=change,
    )


def verdict_send_back(
    *, verdict: Verdict, editor, note: str, expected_version: int | None = None
) -> Verdict:
    """An editor returns the verdict to its reviewer as a draft, saying what to change."""
    _require_editor(editor)
    note = (note or "").strip()
    if not note:
        raise ValidationError("Say what the reviewer should change.")

    def change(locked: Verdict) -> None:
        _require_status(locked, [Verdict.Status.IN_REVIEW, Verdict.Status.APPROVED], "sent back")
        locked.status = Verdict.Status.DRAFT
        locked.editor = editor
        locked.editor_note = note

    return _transition(
        verdict=verdict,
        user=editor,
        expected_version=expected_version,
        action="verdict_sent_back",
        change=change,
    )


def verdict_publish(*, verdict: Verdict, editor, expected_version: int | None = None) -> Verdict:
    """Publish a submitted or approved verdict: it gets its date, editor and public URL, and the
    ``verdict.published`` webhooks are queued.

    A published fact-check says the claim was worth checking, so a claim still a candidate is
    accepted with it (recorded in its history); a rejected claim cannot carry a published verdict.
    """
    _require_editor(editor)

    def change(locked: Verdict) -> None:
        _require_status(locked, [Verdict.Status.IN_REVIEW, Verdict.Status.APPROVED], "published")
        if locked.rating_id is None:
            raise ValidationError("A verdict needs a rating before it is published.")
        if locked.claim.status == Claim.Status.REJECTED:
            raise ValidationError(
                "The claim was rejected; accept it again before publishing its verdict."
            )
        locked.status = Verdict.Status.PUBLISHED
        locked.published_at = timezone.now()
        locked.editor = editor
        locked.public_url = verdict_public_url(locked)

    with transaction.atomic():
        published = _transition(
            verdict=verdict,
            user=editor,
            expected_version=expected_version,
            action="verdict_published",
            change=change,
            event=EVENT_VERDICT_PUBLISHED,
        )
        if published.claim.status == Claim.Status.CANDIDATE:
            claim_accept(claim=published.claim, user=editor)
    return published


def verdict_retract(
    *, verdict: Verdict, editor, reason: str, expected_version: int | None = None
) -> Verdict:
    """Withdraw a published verdict, saying why; the claim may then get a new verdict."""
    _require_editor(editor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the verdict is retracted.")

    def change(locked: Verdict) -> None:
        _require_status(locked, [Verdict.Status.PUBLISHED], "retracted")
        locked.status = Verdict.Status.RETRACTED
        locked.retracted_at = timezone.now()
        locked.editor = editor
        locked.editor_note = reason

    return _transition(
        verdict=verdict,
        user=editor,
        expected_version=expected_version,
        action="verdict_retracted",
        change=change,
        event=EVENT_VERDICT_RETRACTED,
    )
