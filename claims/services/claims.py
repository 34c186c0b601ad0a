"""What a reviewer does to a claim itself: accept, reject, edit, assign, merge and split.

Claims are guarded by optimistic locking (``claims.services.locking``) and every change is recorded
with ``claims.audit.record_change`` in the same transaction.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from claims.audit import diff, record_change, snapshot
from claims.models import (
    Attribution,
    ChangeRecord,
    Claim,
    ClaimRelation,
    Evidence,
    Stance,
    Verdict,
)
from claims.services.checks import check_not_merged, check_perm, check_reason
from claims.services.locking import check_version, lock_versioned, locked_change, save_versioned
from claims.services.variants import variants_refresh

ASSIGN_PERMISSION = "claims.assign_claim"


def _claim_set_status(
    *,
    claim: Claim,
    actor: User,
    status: str,
    reason: str,
    expected_version: int | None,
    action: str,
) -> Claim:
    def change(locked: Claim) -> None:
        check_not_merged(locked)
        locked.status = status
        locked.rejection_reason = reason

    return locked_change(claim, actor, action, expected_version, change)


def claim_accept(*, claim: Claim, actor: User, expected_version: int | None = None) -> Claim:
    """The claim is a checkable statement worth keeping."""
    return _claim_set_status(
        claim=claim,
        actor=actor,
        status=Claim.Status.ACCEPTED,
        reason="",
        expected_version=expected_version,
        action="accepted",
    )


def claim_reject(
    *, claim: Claim, actor: User, reason: str, expected_version: int | None = None
) -> Claim:
    """The claim is not worth checking (opinion, not a claim, extraction error), with why."""
    return _claim_set_status(
        claim=claim,
        actor=actor,
        status=Claim.Status.REJECTED,
        reason=check_reason(reason),
        expected_version=expected_version,
        action="rejected",
    )


def claim_update(
    *,
    claim: Claim,
    actor: User,
    text: str,
    checkworthiness: float,
    requires_double_review: bool | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Edit the claim's wording and check-worthiness; only an editor changes double review."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "The claim needs a text."})
    if not 0.0 <= checkworthiness <= 1.0:
        raise ValidationError({"checkworthiness": "Check-worthiness lies between 0 and 1."})

    def change(locked: Claim) -> None:
        check_not_merged(locked)
        locked.text = text
        locked.checkworthiness = checkworthiness
        if requires_double_review is not None and requires_double_review != (
            locked.requires_double_review
        ):
            check_perm(actor, ASSIGN_PERMISSION, "Only editors decide on double review.")
            locked.requires_double_review = requires_double_review

    return locked_change(claim, actor, "edited", expected_version, change, skip_unchanged=True)


def claims_assign(*, claims: Iterable[Claim], assignee: User | None, actor: User) -> int:
    """Assign claims to a reviewer (``assignee=None`` unassigns). Editors only.

    Assignment does not bump the claim's version: it is not an edit of what is being reviewed, and
    it must not turn a reviewer's save into a conflict.
    """
    check_perm(actor, ASSIGN_PERMISSION, "Only editors assign claims.")
    if assignee is not None and not assignee.has_perm("claims.change_claim"):
        raise ValidationError(f"{assignee} is not a reviewer or an editor.")
    changed = 0
    with transaction.atomic():
        for claim in (
            Claim.objects.select_for_update(of=("self",))
            .filter(pk__in=[c.pk for c in claims])
            .select_related("assigned_to")
        ):
            if claim.assigned_to_id == (assignee.pk if assignee else None):
                continue
            before = snapshot(claim, ["assigned_to"])
            claim.assigned_to = assignee
            claim.save(update_fields=["assigned_to", "updated_at"])
            record_change(
                actor=actor,
                action="assigned",
                target=claim,
                changes=diff(before, snapshot(claim, ["assigned_to"])),
            )
            changed += 1
    return changed


def _move_stances(*, target: Claim, stances: models.QuerySet[Stance]) -> dict[str, Any]:
    """Move stances to ``target``; a source that already has a stance there keeps that one."""
    taken = set(Stance.objects.filter(claim=target).values_list("source_id", flat=True))
    moved, dropped = [], []
    for stance in stances:
        if stance.source_id in taken:
            dropped.append({"id": stance.pk, "source": str(stance.source), "stance": stance.stance})
            stance.delete()
        else:
            moved.append(stance.pk)
            taken.add(stance.source_id)
    Stance.objects.filter(pk__in=moved).update(claim=target)
    return {"stances_moved": moved, "stances_dropped_as_duplicates": dropped}


def _move_relations(*, claim: Claim, into: Claim) -> dict[str, list[int]]:
    """Re-point relations to ``into``, dropping those that would relate it to itself or repeat."""
    moved, dropped = [], []
    existing = set(
        ClaimRelation.objects.filter(
            models.Q(from_claim=into) | models.Q(to_claim=into)
        ).values_list("from_claim_id", "to_claim_id", "relation")
    )
    for relation in ClaimRelation.objects.filter(
        models.Q(from_claim=claim) | models.Q(to_claim=claim)
    ):
        from_id = into.pk if relation.from_claim_id == claim.pk else relation.from_claim_id
        to_id = into.pk if relation.to_claim_id == claim.pk else relation.to_claim_id
        key = (from_id, to_id, relation.relation)
        if from_id == to_id or key in existing:
            dropped.append(relation.pk)
            relation.delete()
            continue
        existing.add(key)
        relation.from_claim_id, relation.to_claim_id = from_id, to_id
        relation.save(update_fields=["from_claim", "to_claim"])
        moved.append(relation.pk)
    return {"relations_moved": moved, "relations_dropped": dropped}


def claim_merge(
    *, claim: Claim, into: Claim, actor: User, expected_version: int | None = None
) -> Claim:
    """Merge the duplicate ``claim`` into ``into``; returns the survivor.

    Appearances, stances, evidence and relations move to the survivor (a stance that would give a
    source two stances there is dropped, and recorded); claims already merged into ``claim`` are
    re-pointed first, since the database refuses chains. The duplicate's current verdict moves too
    when the survivor has none. Both claims record the merge.
    """
    if claim.pk == into.pk:
        raise ValidationError("A claim cannot be merged into itself.")
    with transaction.atomic():
        locked = {
            c.pk: c
            for c in Claim.objects.select_for_update()
            .filter(pk__in=[claim.pk, into.pk])
            .order_by("pk")
        }
        duplicate, survivor = locked[claim.pk], locked[into.pk]
        check_version(duplicate, expected_version)
        check_not_merged(duplicate)
        if survivor.status == Claim.Status.MERGED and survivor.canonical_id is not None:
            survivor = Claim.objects.select_for_update().get(pk=survivor.canonical_id)
            if survivor.pk == duplicate.pk:
                raise ValidationError("That claim is already a duplicate of this one.")
        repointed = list(Claim.objects.filter(canonical=duplicate).values_list("pk", flat=True))
        Claim.objects.filter(pk__in=repointed).update(canonical=survivor, updated_at=timezone.now())
        attributions = list(duplicate.attributions.values_list("pk", flat=True))
        Attribution.objects.filter(pk__in=attributions).update(claim=survivor)
        evidence = list(duplicate.evidence.values_list("pk", flat=True))
        Evidence.objects.filter(pk__in=evidence).update(claim=survivor)
        moved = {
            "attributions_moved": attributions,
            "evidence_moved": evidence,
            "duplicates_repointed": repointed,
            **_move_stances(
                target=survivor,
                stances=duplicate.stances.select_related("source"),
            ),
            **_move_relations(claim=duplicate, into=survivor),
        }
        current = Verdict.objects.filter(claim=duplicate).current()
        if not Verdict.objects.filter(claim=survivor).current().exists():
            moved["verdicts_moved"] = list(current.values_list("pk", flat=True))
            current.update(claim=survivor)
        before = snapshot(duplicate, ["status"])
        duplicate.status = Claim.Status.MERGED
        duplicate.canonical = survivor
        save_versioned(duplicate, ["status", "canonical"])
        save_versioned(survivor, [])
        record_change(
            actor=actor,
            action="merged",
            target=duplicate,
            changes={
                **diff(before, snapshot(duplicate, ["status"])),
                "into": f"{survivor} (#{survivor.pk})",
                **moved,
            },
        )
        for pk in repointed:
            record_change(
                actor=actor,
                action="repointed",
                target=Claim(pk=pk),
                claim=Claim(pk=pk),
                changes={"canonical": {"before": duplicate.pk, "after": survivor.pk}},
            )
        record_change(
            actor=actor,
            action="merged_in",
            target=survivor,
            changes={"from": f"{duplicate} (#{duplicate.pk})", **moved},
        )
        variants_refresh(claim_ids=[duplicate.pk, survivor.pk])
    return survivor


def claim_split(
    *,
    claim: Claim,
    attribution_ids: Iterable[int],
    actor: User,
    expected_version: int | None = None,
) -> Claim:
    """Move the chosen appearances (and stances resting on them) to a new claim; returns it.

    The new claim's text is the content of the first moved appearance; at least one appearance
    stays behind.
    """
    wanted = {int(pk) for pk in attribution_ids}
    if not wanted:
        raise ValidationError("Choose the appearances to split off.")
    with transaction.atomic():
        locked = lock_versioned(Claim, claim.pk, expected_version)
        check_not_merged(locked)
        all_ids = set(locked.attributions.values_list("pk", flat=True))
        if not wanted <= all_ids:
            raise ValidationError("Some chosen appearances do not belong to this claim.")
        if wanted == all_ids:
            raise ValidationError("Leave at least one appearance with the original claim.")
        moving = list(
            Attribution.objects.filter(pk__in=wanted).order_by("article_id", "content_start")
        )
        new_claim = Claim.objects.create(
            text=moving[0].content,
            checkworthiness=locked.checkworthiness,
            assigned_to=locked.assigned_to,
            requires_double_review=locked.requires_double_review,
        )
        Attribution.objects.filter(pk__in=wanted).update(claim=new_claim, updated_at=timezone.now())
        stances = list(
            Stance.objects.filter(claim=locked, attribution_id__in=wanted).values_list(
                "pk", flat=True
            )
        )
        Stance.objects.filter(pk__in=stances).update(claim=new_claim)
        save_versioned(locked, [])
        changes = {"attributions_moved": sorted(wanted), "stances_moved": stances}
        record_change(
            actor=actor,
            action="split",
            target=locked,
            changes={**changes, "new_claim": f"{new_claim} (#{new_claim.pk})"},
        )
        record_change(
            actor=actor,
            action="split_from",
            target=new_claim,
            changes={**changes, "from": f"{locked} (#{locked.pk})"},
        )
        variants_refresh(claim_ids=[locked.pk, new_claim.pk])
    return new_claim


def claim_unmerge(*, claim: Claim, actor: User) -> Claim:
    """Undo the merge of the duplicate ``claim`` into its survivor, from the merge's change record:
    the appearances, evidence, stances, relations and verdict that moved (and are still on the
    survivor) come back, claims re-pointed at the survivor point at ``claim`` again, and ``claim``
    gets its status back. Stances and relations dropped as repeats at the merge were deleted then
    and stay gone. Returns ``claim``; both claims record the undo."""
    with transaction.atomic():
        duplicate = Claim.objects.select_for_update().get(pk=claim.pk)
        if duplicate.status != Claim.Status.MERGED or duplicate.canonical_id is None:
            raise ValidationError(f"Claim #{claim.pk} is not merged: there is nothing to undo.")
        survivor = Claim.objects.select_for_update().get(pk=duplicate.canonical_id)
        record = (
            ChangeRecord.objects.filter(
                action="merged", target_type="claims.claim", target_id=duplicate.pk
            )
            .order_by("-created_at", "-id")
            .first()
        )
        if record is None:
            raise ValidationError(f"The merge of claim #{claim.pk} was not recorded: undo by hand.")
        moved = record.changes

        def back(model: type[models.Model], key: str) -> list[int]:
            ids = list(
                model._default_manager.filter(
                    pk__in=moved.get(key) or [], claim=survivor
                ).values_list("pk", flat=True)
            )
            model._default_manager.filter(pk__in=ids).update(claim=duplicate)
            return ids

        restored = {
            "attributions_moved": back(Attribution, "attributions_moved"),
            "evidence_moved": back(Evidence, "evidence_moved"),
            "stances_moved": back(Stance, "stances_moved"),
            "verdicts_moved": back(Verdict, "verdicts_moved"),
        }
        relations = []
        for relation in ClaimRelation.objects.filter(pk__in=moved.get("relations_moved") or []):
            if relation.from_claim_id == survivor.pk:
                relation.from_claim_id = duplicate.pk
            elif relation.to_claim_id == survivor.pk:
                relation.to_claim_id = duplicate.pk
            else:
                continue
            relation.save(update_fields=["from_claim", "to_claim"])
            relations.append(relation.pk)
        restored["relations_moved"] = relations
        before = snapshot(duplicate, ["status"])
        duplicate.status = (moved.get("status") or {}).get("before") or Claim.Status.CANDIDATE
        duplicate.canonical = None
        save_versioned(duplicate, ["status", "canonical"])
        repointed = list(
            Claim.objects.filter(
                pk__in=moved.get("duplicates_repointed") or [], canonical=survivor
            ).values_list("pk", flat=True)
        )
        Claim.objects.filter(pk__in=repointed).update(
            canonical=duplicate, updated_at=timezone.now()
        )
        restored["duplicates_repointed"] = repointed
        save_versioned(survivor, [])
        both: list[tuple[str, Claim, dict[str, Any]]] = [
            (
                "unmerged",
                duplicate,
                {
                    **diff(before, snapshot(duplicate, ["status"])),
                    "from": f"{survivor} (#{survivor.pk})",
                },
            ),
            ("unmerged_out", survivor, {"to": f"{duplicate} (#{duplicate.pk})"}),
        ]
        for action, target, said in both:
            record_change(actor=actor, action=action, target=target, changes={**said, **restored})
    return duplicate
