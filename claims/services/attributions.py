"""What a reviewer does to an appearance of a claim in an article: confirm, reject or correct it.

Attributions are guarded by optimistic locking (``claims.services.locking``) and every change is
recorded with ``claims.audit.record_change`` in the same transaction.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.audit import diff, snapshot
from claims.models import Attribution, Claim, Source
from claims.services.checks import check_reason
from claims.services.claims import claim_accept
from claims.services.locking import AUDITED_FIELDS, locked_change


def _mark_reviewed(attribution: Attribution, actor: User, state: str) -> None:
    attribution.review_state = state
    attribution.reviewed_by = actor
    attribution.reviewed_at = timezone.now()


def attribution_confirm(
    *, attribution: Attribution, actor: User, expected_version: int | None = None
) -> Attribution:
    """The appearance is right as extracted; a candidate claim it carries becomes accepted."""

    def change(locked: Attribution) -> None:
        _mark_reviewed(locked, actor, Attribution.ReviewState.CONFIRMED)

    with transaction.atomic():
        locked = locked_change(attribution, actor, "confirmed", expected_version, change)
        claim = Claim.objects.select_for_update().get(pk=locked.claim_id)
        if claim.status == Claim.Status.CANDIDATE:
            claim_accept(claim=claim, actor=actor)
    return locked


def attribution_reject(
    *, attribution: Attribution, actor: User, reason: str, expected_version: int | None = None
) -> Attribution:
    """The appearance is wrong (not a claim, wrong span beyond repair), with why."""
    reason = check_reason(reason)

    def change(locked: Attribution) -> None:
        _mark_reviewed(locked, actor, Attribution.ReviewState.REJECTED)
        locked.rejection_reason = reason

    return locked_change(attribution, actor, "rejected", expected_version, change)


def attribution_correct(
    *,
    attribution: Attribution,
    actor: User,
    expected_version: int | None = None,
    content_start: int | None = None,
    content_end: int | None = None,
    speaker: Source | None = None,
    clear_speaker: bool = False,
    kind: str | None = None,
    cue: str | None = None,
) -> Attribution:
    """Correct the content span, the speaker, the kind or the cue; what is ``None`` is kept.

    The span must lie within the article text, and the content is re-read from it, so the stored
    content and offsets always agree. The review state becomes ``corrected``; a correction that
    changes nothing saves and records nothing.
    """

    def change(locked: Attribution) -> None:
        before = snapshot(locked, AUDITED_FIELDS[Attribution])
        article = locked.article
        errors: dict[str, str] = {}
        if content_start is not None or content_end is not None:
            start = locked.content_start if content_start is None else content_start
            end = locked.content_end if content_end is None else content_end
            if not 0 <= start < end <= len(article.text):
                errors["content_start"] = (
                    f"The span must lie within the article text (0–{len(article.text)}) and "
                    "end after it starts."
                )
            elif not article.text[start:end].strip():
                errors["content_start"] = "The selected span is blank."
            else:
                locked.content_start, locked.content_end = start, end
                locked.content = article.text[start:end]
                locked.content_parts = []  # the reviewer's span is all the speaker's
        if kind is not None:
            if kind not in Attribution.Kind.values:
                errors["kind"] = f"Unknown kind {kind!r}."
            else:
                locked.kind = kind
        if cue is not None:
            locked.cue = cue.strip()[:200]
        if speaker is not None:
            locked.speaker = speaker
        elif clear_speaker:
            locked.speaker = None
        if locked.kind == Attribution.Kind.UNATTRIBUTED and locked.speaker_id is not None:
            errors["kind"] = "An unattributed appearance (the article's own voice) has no speaker."
        if errors:
            raise ValidationError(errors)
        if diff(before, snapshot(locked, AUDITED_FIELDS[Attribution])):
            _mark_reviewed(locked, actor, Attribution.ReviewState.CORRECTED)

    return locked_change(
        attribution, actor, "corrected", expected_version, change, skip_unchanged=True
    )
