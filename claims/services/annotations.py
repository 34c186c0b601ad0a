"""What a reviewer adds to a claim: stances, evidence, relations to other claims and blind
double-review ratings. Each is recorded with ``claims.audit.record_change`` in its transaction."""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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
)
from claims.services.checks import check_not_merged, check_perm

STANCE_FIELDS = ["stance", "basis", "attribution", "evidence"]


def stance_set(
    *,
    claim: Claim,
    source: Source,
    stance: str,
    actor: User,
    basis: str = "",
    attribution: Attribution | None = None,
    evidence: Evidence | None = None,
) -> Stance:
    """Record a source's position on a claim; a source has one stance per claim, so a second call
    changes it."""
    check_not_merged(claim)
    if stance not in Stance.Position.values:
        raise ValidationError({"stance": f"Unknown stance {stance!r}."})
    with transaction.atomic():
        existing = Stance.objects.select_for_update().filter(claim=claim, source=source).first()
        before = snapshot(existing, STANCE_FIELDS) if existing else {}
        row = existing or Stance(claim=claim, source=source, created_by=actor)
        row.stance, row.basis = stance, (basis or "").strip()
        row.attribution, row.evidence = attribution, evidence
        row.full_clean(exclude=["source", "claim", "created_by"], validate_unique=False)
        row.save()
        changes = diff(before, snapshot(row, STANCE_FIELDS))
        record_change(
            actor=actor,
            action="stance_changed" if existing else "stance_added",
            target=row,
            claim=claim,
            changes={"source": f"{source} (#{source.pk})", **changes},
        )
    return row


def evidence_add(
    *, claim: Claim, url: str, stance: str, actor: User, title: str = "", excerpt: str = ""
) -> Evidence:
    """Cite a document bearing on the claim."""
    check_not_merged(claim)
    evidence = Evidence(
        claim=claim,
        url=(url or "").strip(),
        title=(title or "").strip(),
        excerpt=(excerpt or "").strip(),
        stance=stance,
        added_by=actor,
    )
    evidence.full_clean()
    with transaction.atomic():
        evidence.save()
        record_change(
            actor=actor,
            action="evidence_added",
            target=evidence,
            claim=claim,
            changes=snapshot(evidence, ["url", "title", "excerpt", "stance"]),
        )
    return evidence


def relation_add(
    *, from_claim: Claim, to_claim: Claim, relation: str, actor: User, note: str = ""
) -> ClaimRelation:
    """Say how one claim bears on another (contradicts, supports, same as)."""
    if from_claim.pk == to_claim.pk:
        raise ValidationError("A claim cannot be related to itself.")
    if relation not in ClaimRelation.Relation.values:
        raise ValidationError({"relation": f"Unknown relation {relation!r}."})
    check_not_merged(from_claim)
    check_not_merged(to_claim)
    try:
        with transaction.atomic():
            row = ClaimRelation.objects.create(
                from_claim=from_claim,
                to_claim=to_claim,
                relation=relation,
                note=(note or "").strip(),
                created_by=actor,
            )
            # Each side's history names the other claim.
            for claim, other, side in (
                (from_claim, to_claim, "to"),
                (to_claim, from_claim, "from"),
            ):
                record_change(
                    actor=actor,
                    action="relation_added",
                    target=row,
                    claim=claim,
                    changes={"relation": relation, f"{side}_claim": f"{other} (#{other.pk})"},
                )
    except IntegrityError as exc:
        raise ValidationError("These claims are already related that way.") from exc
    return row


def review_rating_submit(
    *, claim: Claim, actor: User, rating: Rating, note: str = ""
) -> ReviewRating:
    """A reviewer's independent rating of a claim under double review.

    The audit record leaves the rating out: the other reviewer reads the claim's history and must
    not see it before giving their own. Once two ratings are in, a disagreement is recorded for the
    editor.
    """
    check_not_merged(claim)
    if not claim.requires_double_review:
        raise ValidationError("This claim does not require double review.")
    check_perm(actor, "claims.add_reviewrating", "Only reviewers rate claims.")
    try:
        with transaction.atomic():
            row = ReviewRating.objects.create(
                claim=claim, reviewer=actor, rating=rating, note=(note or "").strip()
            )
            record_change(
                actor=actor, action="blind_rating_added", target=row, claim=claim, changes={}
            )
            ratings = list(ReviewRating.objects.filter(claim=claim).select_related("rating"))
            if len(ratings) == 2:
                values: dict[str, Any] = {
                    str(r.reviewer_id): f"{r.rating.label} ({r.rating.value})" for r in ratings
                }
                agree = len({r.rating_id for r in ratings}) == 1
                record_change(
                    actor=actor,
                    action="double_review_agreed" if agree else "double_review_disagreed",
                    target=claim,
                    changes={"ratings_by_reviewer_id": values},
                )
    except IntegrityError as exc:
        raise ValidationError("You have already rated this claim.") from exc
    return row
