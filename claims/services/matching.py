"""What matching writes besides claims: suggestions, the reviewers' answers to them, and variants.

- ``suggestions_record`` stores matching's suggestions, never one a reviewer dismissed (in either
  order) or already answered.
- ``suggestion_confirm`` ("Same claim") merges the newer claim into the older one;
  ``suggestion_undo`` takes the merge back; ``suggestion_dismiss`` ("Not the same") closes the pair
  for good.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.audit import record_change
from claims.models import (
    Attribution,
    ChangeRecord,
    Claim,
    ClaimSuggestion,
    Evidence,
    Stance,
    Verdict,
)
from claims.services.checks import check_perm
from claims.services.claims import claim_merge
from claims.services.locking import save_versioned
from claims.services.variants import variants_refresh

DECIDE_PERMISSION = "claims.change_claim"


def suggestions_record(*, suggestions: list[ClaimSuggestion]) -> int:
    """Store new suggestions, leaving out pairs a reviewer already answered; returns how many."""
    if not suggestions:
        return 0
    claim_ids = {s.claim_id for s in suggestions} | {s.similar_id for s in suggestions}
    answered = {
        frozenset(pair)
        for pair in ClaimSuggestion.objects.filter(claim_id__in=claim_ids, similar_id__in=claim_ids)
        .exclude(state=ClaimSuggestion.State.OPEN)
        .values_list("claim_id", "similar_id")
    }
    fresh = [s for s in suggestions if frozenset((s.claim_id, s.similar_id)) not in answered]
    return len(ClaimSuggestion.objects.bulk_create(fresh, ignore_conflicts=True))


def _decided(suggestion: ClaimSuggestion, *, state: str, actor: User) -> ClaimSuggestion:
    check_perm(actor, DECIDE_PERMISSION, "Only reviewers answer suggestions.")
    locked = ClaimSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.state != ClaimSuggestion.State.OPEN:
        raise ValidationError("This suggestion was already answered.")
    locked.state = state
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    return locked


def suggestion_confirm(*, suggestion: ClaimSuggestion, actor: User) -> Claim:
    """ "Same claim": merge the suggested claim into the one it resembles; returns the survivor."""
    with transaction.atomic():
        locked = _decided(suggestion, state=ClaimSuggestion.State.CONFIRMED, actor=actor)
        survivor = claim_merge(claim=locked.claim, into=locked.similar, actor=actor)
        _decision_record(locked, actor=actor, action="suggestion_confirmed")
    return survivor


def suggestion_dismiss(*, suggestion: ClaimSuggestion, actor: User) -> ClaimSuggestion:
    """ "Not the same": the pair is never suggested again."""
    with transaction.atomic():
        locked = _decided(suggestion, state=ClaimSuggestion.State.DISMISSED, actor=actor)
        _decision_record(locked, actor=actor, action="suggestion_dismissed")
    return locked


def _decision_record(suggestion: ClaimSuggestion, *, actor: User, action: str) -> None:
    """The change record of a decision on ``suggestion``: which claim it pointed at, how close."""
    record_change(
        actor=actor,
        action=action,
        target=suggestion,
        claim=suggestion.claim,
        changes={"similar": suggestion.similar_id, "similarity": suggestion.similarity},
    )


def _merge_record(duplicate: Claim) -> ChangeRecord:
    record = (
        ChangeRecord.objects.filter(claim=duplicate, action="merged", target_id=duplicate.pk)
        .order_by("-created_at", "-id")
        .first()
    )
    if record is None:
        raise ValidationError("There is no merge of this claim to undo.")
    return record


def suggestion_undo(*, suggestion: ClaimSuggestion, actor: User) -> Claim:
    """Take back a confirmed suggestion: the merged claim gets back the appearances, evidence,
    stances and verdicts the merge moved, and the suggestion is open again. Returns that claim."""
    check_perm(actor, DECIDE_PERMISSION, "Only reviewers answer suggestions.")
    with transaction.atomic():
        locked = ClaimSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.state != ClaimSuggestion.State.CONFIRMED:
            raise ValidationError("Only a confirmed suggestion can be undone.")
        duplicate = Claim.objects.select_for_update().get(pk=locked.claim_id)
        if duplicate.status != Claim.Status.MERGED or duplicate.canonical_id is None:
            raise ValidationError("That claim is no longer merged.")
        survivor_id = duplicate.canonical_id
        moved = _merge_record(duplicate).changes
        on_survivor = {"claim_id": survivor_id}
        Attribution.objects.filter(
            pk__in=moved.get("attributions_moved", []), **on_survivor
        ).update(claim=duplicate)
        Evidence.objects.filter(pk__in=moved.get("evidence_moved", []), **on_survivor).update(
            claim=duplicate
        )
        Stance.objects.filter(pk__in=moved.get("stances_moved", []), **on_survivor).update(
            claim=duplicate
        )
        Verdict.objects.filter(pk__in=moved.get("verdicts_moved", []), **on_survivor).update(
            claim=duplicate
        )
        duplicate.status = Claim.Status.CANDIDATE
        duplicate.canonical = None
        save_versioned(duplicate, ["status", "canonical"])
        locked.state = ClaimSuggestion.State.OPEN
        locked.decided_by, locked.decided_at = None, None
        locked.save(update_fields=["state", "decided_by", "decided_at"])
        record_change(
            actor=actor,
            action="unmerged",
            target=duplicate,
            changes={
                "from": survivor_id,
                **{k: v for k, v in moved.items() if k.endswith("moved")},
            },
        )
        record_change(
            actor=actor,
            action="unmerged_out",
            target=Claim(pk=survivor_id),
            claim=Claim(pk=survivor_id),
            changes={"to": duplicate.pk},
        )
        variants_refresh(claim_ids={duplicate.pk, survivor_id})
    return duplicate
