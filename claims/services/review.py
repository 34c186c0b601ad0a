"""What a reviewer does to claims and their appearances: accept, correct, reject, merge, split, and
record stances, evidence, relations and blind double-review ratings.

Claims and attributions are guarded by optimistic locking: a caller passes the ``version`` its form
was loaded with as ``expected_version``; the row is locked (``select_for_update``), the version
compared, and a mismatch raises ``Conflict`` carrying the current row, so nobody's edit is lost
silently. Every change is recorded with ``claims.audit.record_change`` in the same transaction.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from claims.audit import diff, record_change, snapshot
from claims.models import (
    Attribution,
    Claim,
    ClaimRelation,
    Evidence,
    Rating,
    ReviewRating,
    Source,
    Stance,
    Verdict,
)
from claims.naming import normalize_name

CLAIM_FIELDS = ["text", "status", "rejection_reason", "checkworthiness", "requires_double_review"]
ATTRIBUTION_FIELDS = [
    "claim",
    "speaker",
    "kind",
    "cue",
    "content",
    "content_start",
    "content_end",
    "review_state",
    "rejection_reason",
]


class Conflict(Exception):
    """Someone else saved the row first: ``current`` is the row as it is now."""

    def __init__(self, current: models.Model):
        self.current = current
        name = current._meta.verbose_name
        super().__init__(
            f"Someone else saved this {name} first (it is now at version {current.version}). "
            "Your changes were not saved: compare them with the current values and save again."
        )


def lock_versioned(model: type[models.Model], pk: int, expected_version: int | None):
    """The row locked for this transaction; ``Conflict`` when it moved past ``expected_version``.

    Call inside ``transaction.atomic``. ``expected_version=None`` skips the comparison (a caller
    that did not show the row to a person, such as a script).
    """
    current = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(current)
    return current


def save_versioned(instance: models.Model, fields: Iterable[str]) -> None:
    """Save ``fields`` and bump the optimistic-lock version."""
    instance.version += 1
    update_fields = {*fields, "version", "updated_at"}
    if isinstance(instance, Claim):
        update_fields |= {"normalized_text", "fingerprint"}
    instance.save(update_fields=sorted(update_fields))


def _require(user, perm: str, message: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(message)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give a reason.")
    return reason


def _not_merged(claim: Claim) -> None:
    if claim.status == Claim.Status.MERGED:
        raise ValidationError(
            f"Claim #{claim.pk} was merged into claim #{claim.canonical_id}; work on that one."
        )


# Claims -----------------------------------------------------------------------------------------


def _claim_set_status(
    *, claim: Claim, user, status: str, reason: str, expected_version: int | None, action: str
) -> Claim:
    with transaction.atomic():
        locked = lock_versioned(Claim, claim.pk, expected_version)
        _not_merged(locked)
        before = snapshot(locked, CLAIM_FIELDS)
        locked.status = status
        locked.rejection_reason = reason
        save_versioned(locked, ["status", "rejection_reason"])
        record_change(
            actor=user,
            action=action,
            target=locked,
            changes=diff(before, snapshot(locked, CLAIM_FIELDS)),
        )
    return locked


def claim_accept(*, claim: Claim, user, expected_version: int | None = None) -> Claim:
    """The claim is a checkable statement worth keeping."""
    return _claim_set_status(
        claim=claim,
        user=user,
        status=Claim.Status.ACCEPTED,
        reason="",
        expected_version=expected_version,
        action="accepted",
    )


def claim_reject(*, claim: Claim, user, reason: str, expected_version: int | None = None) -> Claim:
    """The claim is not worth checking (opinion, not a claim, extraction error), with why."""
    return _claim_set_status(
        claim=claim,
        user=user,
        status=Claim.Status.REJECTED,
        reason=_reason(reason),
        expected_version=expected_version,
        action="rejected",
    )


def claim_update(
    *,
    claim: Claim,
    user,
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
    with transaction.atomic():
        locked = lock_versioned(Claim, claim.pk, expected_version)
        _not_merged(locked)
        before = snapshot(locked, CLAIM_FIELDS)
        locked.text = text
        locked.checkworthiness = checkworthiness
        fields = ["text", "checkworthiness"]
        if requires_double_review is not None and requires_double_review != (
            locked.requires_double_review
        ):
            _require(user, "claims.assign_claim", "Only editors decide on double review.")
            locked.requires_double_review = requires_double_review
            fields.append("requires_double_review")
        changes = diff(before, snapshot(locked, CLAIM_FIELDS))
        if changes:
            save_versioned(locked, fields)
            record_change(actor=user, action="edited", target=locked, changes=changes)
    return locked


def claims_assign(*, claims: Iterable[Claim], assignee, user) -> int:
    """Assign claims to a reviewer (``assignee=None`` unassigns). Editors only.

    Assignment does not bump the claim's version: it is not an edit of what is being reviewed, and
    it must not turn a reviewer's save into a conflict.
    """
    _require(user, "claims.assign_claim", "Only editors assign claims.")
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
                actor=user,
                action="assigned",
                target=claim,
                changes=diff(before, snapshot(claim, ["assigned_to"])),
            )
            changed += 1
    return changed


def _move_stances(*, target: Claim, stances: models.QuerySet) -> dict:
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


def _move_relations(*, claim: Claim, into: Claim) -> dict:
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


def claim_merge(*, claim: Claim, into: Claim, user, expected_version: int | None = None) -> Claim:
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
        if expected_version is not None and duplicate.version != expected_version:
            raise Conflict(duplicate)
        _not_merged(duplicate)
        if survivor.status == Claim.Status.MERGED:
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
        current = Verdict.objects.filter(claim=duplicate).exclude(status=Verdict.Status.RETRACTED)
        if not Verdict.objects.filter(claim=survivor).exclude(status="retracted").exists():
            moved["verdicts_moved"] = list(current.values_list("pk", flat=True))
            current.update(claim=survivor)
        before = snapshot(duplicate, ["status"])
        duplicate.status = Claim.Status.MERGED
        duplicate.canonical = survivor
        save_versioned(duplicate, ["status", "canonical"])
        survivor.version += 1
        survivor.save(update_fields=["version", "updated_at"])
        record_change(
            actor=user,
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
                actor=user,
                action="repointed",
                target=Claim(pk=pk),
                claim=Claim(pk=pk),
                changes={"canonical": {"before": duplicate.pk, "after": survivor.pk}},
            )
        record_change(
            actor=user,
            action="merged_in",
            target=survivor,
            changes={"from": f"{duplicate} (#{duplicate.pk})", **moved},
        )
    return survivor


def claim_split(
    *, claim: Claim, attribution_ids: Iterable[int], user, expected_version: int | None = None
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
        _not_merged(locked)
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
            actor=user,
            action="split",
            target=locked,
            changes={**changes, "new_claim": f"{new_claim} (#{new_claim.pk})"},
        )
        record_change(
            actor=user,
            action="split_from",
            target=new_claim,
            changes={**changes, "from": f"{locked} (#{locked.pk})"},
        )
    return new_claim


# Attributions ----------------------------------------------------------------------------------


def source_get_or_create(*, name: str, kind: str, role: str = "") -> Source:
    """An existing Source with this normalized name and kind, or a new one."""
    name = (name or "").strip()
    if not normalize_name(name):
        raise ValidationError({"new_speaker_name": "Give the speaker's name."})
    if kind not in Source.Kind.values:
        raise ValidationError({"new_speaker_kind": f"Unknown kind {kind!r}."})
    source, created = Source.objects.get_or_create(
        normalized_name=normalize_name(name),
        kind=kind,
        disambiguation="",
        defaults={"name": name, "role": (role or "").strip()},
    )
    if not created and role and not source.role:
        source.role = role.strip()
        source.save(update_fields=["role", "updated_at"])
    return source


def _mark_reviewed(attribution: Attribution, user, state: str) -> None:
    attribution.review_state = state
    attribution.reviewed_by = user
    attribution.reviewed_at = timezone.now()


def attribution_confirm(
    *, attribution: Attribution, user, expected_version: int | None = None
) -> Attribution:
    """The appearance is right as extracted; a candidate claim it carries becomes accepted."""
    with transaction.atomic():
        locked = lock_versioned(Attribution, attribution.pk, expected_version)
        before = snapshot(locked, ["review_state"])
        _mark_reviewed(locked, user, Attribution.ReviewState.CONFIRMED)
        save_versioned(locked, ["review_state", "reviewed_by", "reviewed_at"])
        record_change(
            actor=user,
            action="confirmed",
            target=locked,
            claim=locked.claim,
            changes=diff(before, snapshot(locked, ["review_state"])),
        )
        claim = Claim.objects.select_for_update().get(pk=locked.claim_id)
        if claim.status == Claim.Status.CANDIDATE:
            _claim_set_status(
                claim=claim,
                user=user,
                status=Claim.Status.ACCEPTED,
                reason="",
                expected_version=None,
                action="accepted",
            )
    return locked


def attribution_reject(
    *, attribution: Attribution, user, reason: str, expected_version: int | None = None
) -> Attribution:
    """The appearance is wrong (not a claim, wrong span beyond repair), with why."""
    reason = _reason(reason)
    with transaction.atomic():
        locked = lock_versioned(Attribution, attribution.pk, expected_version)
        before = snapshot(locked, ATTRIBUTION_FIELDS)
        _mark_reviewed(locked, user, Attribution.ReviewState.REJECTED)
        locked.rejection_reason = reason
        save_versioned(locked, ["review_state", "rejection_reason", "reviewed_by", "reviewed_at"])
        record_change(
            actor=user,
            action="rejected",
            target=locked,
            claim=locked.claim,
            changes=diff(before, snapshot(locked, ATTRIBUTION_FIELDS)),
        )
    return locked


def attribution_correct(
    *,
    attribution: Attribution,
    user,
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
    content and offsets always agree. The review state becomes ``corrected``.
    """
    with transaction.atomic():
        locked = lock_versioned(Attribution, attribution.pk, expected_version)
        article = locked.article
        before = snapshot(locked, ATTRIBUTION_FIELDS)
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
        changes = diff(before, snapshot(locked, ATTRIBUTION_FIELDS))
        if not changes:
            return locked
        _mark_reviewed(locked, user, Attribution.ReviewState.CORRECTED)
        changes = diff(before, snapshot(locked, ATTRIBUTION_FIELDS))
        save_versioned(
            locked,
            [
                "content",
                "content_start",
                "content_end",
                "content_parts",
                "kind",
                "cue",
                "speaker",
                "review_state",
                "reviewed_by",
                "reviewed_at",
            ],
        )
        record_change(
            actor=user, action="corrected", target=locked, claim=locked.claim, changes=changes
        )
    return locked


# Stances, evidence, relations --------------------------------------------------------------------


def stance_set(
    *,
    claim: Claim,
    source: Source,
    stance: str,
    user,
    basis: str = "",
    attribution: Attribution | None = None,
    evidence: Evidence | None = None,
) -> Stance:
    """Record a source's position on a claim; a source has one stance per claim, so a second call
    changes it."""
    _not_merged(claim)
    if stance not in Stance.Position.values:
        raise ValidationError({"stance": f"Unknown stance {stance!r}."})
    with transaction.atomic():
        existing = Stance.objects.select_for_update().filter(claim=claim, source=source).first()
        fields = ["stance", "basis", "attribution", "evidence"]
        before = snapshot(existing, fields) if existing else {}
        row = existing or Stance(claim=claim, source=source, created_by=user)
        row.stance, row.basis = stance, (basis or "").strip()
        row.attribution, row.evidence = attribution, evidence
        row.full_clean(exclude=["source", "claim", "created_by"], validate_unique=False)
        row.save()
        changes = diff(before, snapshot(row, fields))
        record_change(
            actor=user,
            action="stance_changed" if existing else "stance_added",
            target=row,
            claim=claim,
            changes={"source": f"{source} (#{source.pk})", **changes},
        )
    return row


def evidence_add(
    *, claim: Claim, url: str, stance: str, user, title: str = "", excerpt: str = ""
) -> Evidence:
    """Cite a document bearing on the claim."""
    _not_merged(claim)
    evidence = Evidence(
        claim=claim,
        url=(url or "").strip(),
        title=(title or "").strip(),
        excerpt=(excerpt or "").strip(),
        stance=stance,
        added_by=user,
    )
    evidence.full_clean()
    with transaction.atomic():
        evidence.save()
        record_change(
            actor=user,
            action="evidence_added",
            target=evidence,
            claim=claim,
            changes=snapshot(evidence, ["url", "title", "excerpt", "stance"]),
        )
    return evidence


def relation_add(
    *, from_claim: Claim, to_claim: Claim, relation: str, user, note: str = ""
) -> ClaimRelation:
    """Say how one claim bears on another (contradicts, supports, same as)."""
    if from_claim.pk == to_claim.pk:
        raise ValidationError("A claim cannot be related to itself.")
    if relation not in ClaimRelation.Relation.values:
        raise ValidationError({"relation": f"Unknown relation {relation!r}."})
    _not_merged(from_claim)
    _not_merged(to_claim)
    try:
        with transaction.atomic():
            row = ClaimRelation.objects.create(
                from_claim=from_claim,
                to_claim=to_claim,
                relation=relation,
                note=(note or "").strip(),
                created_by=user,
            )
            changes = {"relation": relation, "to_claim": f"{to_claim} (#{to_claim.pk})"}
            record_change(
                actor=user, action="relation_added", target=row, claim=from_claim, changes=changes
            )
            record_change(
                actor=user,
                action="relation_added",
                target=row,
                claim=to_claim,
                changes={"relation": relation, "from_claim": f"{from_claim} (#{from_claim.pk})"},
            )
    except IntegrityError as exc:
        raise ValidationError("These claims are already related that way.") from exc
    return row


# Blind double review -----------------------------------------------------------------------------


def review_rating_submit(*, claim: Claim, reviewer, rating: Rating, note: str = "") -> ReviewRating:
    """A reviewer's independent rating of a claim under double review.

    The audit record leaves the rating out: the other reviewer reads the claim's history and must
    not see it before giving their own. Once two ratings are in, a disagreement is recorded for the
    editor.
    """
    _not_merged(claim)
    if not claim.requires_double_review:
        raise ValidationError("This claim does not require double review.")
    _require(reviewer, "claims.add_reviewrating", "Only reviewers rate claims.")
    try:
        with transaction.atomic():
            row = ReviewRating.objects.create(
                claim=claim, reviewer=reviewer, rating=rating, note=(note or "").strip()
            )
            record_change(
                actor=reviewer, action="blind_rating_added", target=row, claim=claim, changes={}
            )
            ratings = list(ReviewRating.objects.filter(claim=claim).select_related("rating"))
            if len(ratings) == 2:
                values: dict[str, Any] = {
                    str(r.reviewer_id): f"{r.rating.label} ({r.rating.value})" for r in ratings
                }
                agree = len({r.rating_id for r in ratings}) == 1
                record_change(
                    actor=reviewer,
                    action="double_review_agreed" if agree else "double_review_disagreed",
                    target=claim,
                    changes={"ratings_by_reviewer_id": values},
                )
    except IntegrityError as exc:
        raise ValidationError("You have already rated this claim.") from exc
    return row
