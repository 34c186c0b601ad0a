"""Claims themselves: accept, reject, edit, assign, merge and split, each with its record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Attribution, Claim, ClaimRelation, Evidence, Stance, Verdict
from claims.services import claims
from claims.services.locking import Conflict
from tests.claims.audit import records
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    ClaimRelationFactory,
    EvidenceFactory,
    SourceFactory,
    StanceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_claim_accept_bumps_version_and_records_who_and_what(reviewer):
    claim = ClaimFactory()

    claims.claim_accept(claim=claim, actor=reviewer, expected_version=1)

    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("accepted", 2)
    [record] = records(claim, "accepted")
    assert record.actor == reviewer and record.claim == claim
    assert record.changes == {"status": {"before": "candidate", "after": "accepted"}}


def test_claim_reject_needs_a_reason(reviewer):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="reason"):
        claims.claim_reject(claim=claim, actor=reviewer, reason="  ")

    claims.claim_reject(claim=claim, actor=reviewer, reason="Opinion, not a claim")

    claim.refresh_from_db()
    assert (claim.status, claim.rejection_reason) == ("rejected", "Opinion, not a claim")
    assert (
        records(claim, "rejected")[0].changes["rejection_reason"]["after"] == "Opinion, not a claim"
    )


def test_only_editors_change_double_review(reviewer, editor):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        claims.claim_update(
            claim=claim,
            actor=reviewer,
            text=claim.text,
            checkworthiness=0.5,
            requires_double_review=True,
        )
    claims.claim_update(
        claim=claim, actor=editor, text=claim.text, checkworthiness=0.5, requires_double_review=True
    )
    claim.refresh_from_db()
    assert claim.requires_double_review


def test_merge_moves_everything_dedupes_stances_and_repoints_earlier_duplicates(reviewer):
    survivor, duplicate, older = ClaimFactory(), ClaimFactory(), ClaimFactory()
    third = ClaimFactory()
    appearance = AttributionFactory(claim=duplicate)
    speaker = SourceFactory()
    StanceFactory(claim=survivor, source=speaker, stance="supports")
    clashing = StanceFactory(claim=duplicate, source=speaker, stance="refutes")
    moving_stance = StanceFactory(claim=duplicate)
    evidence = EvidenceFactory(claim=duplicate)
    relation = ClaimRelationFactory(from_claim=duplicate, to_claim=third)
    self_relation = ClaimRelationFactory(from_claim=duplicate, to_claim=survivor)
    claims.claim_merge(claim=older, into=duplicate, actor=reviewer)

    # Receiving a merged duplicate bumped its version to 2.
    result = claims.claim_merge(claim=duplicate, into=survivor, actor=reviewer, expected_version=2)

    assert result == survivor
    duplicate.refresh_from_db()
    older.refresh_from_db()
    assert (duplicate.status, duplicate.canonical) == ("merged", survivor)
    assert older.canonical == survivor
    assert Attribution.objects.get(pk=appearance.pk).claim == survivor
    assert Evidence.objects.get(pk=evidence.pk).claim == survivor
    assert Stance.objects.get(pk=moving_stance.pk).claim == survivor
    assert not Stance.objects.filter(pk=clashing.pk).exists()
    assert Stance.objects.get(claim=survivor, source=speaker).stance == "supports"
    relation.refresh_from_db()
    assert relation.from_claim == survivor
    assert not ClaimRelation.objects.filter(pk=self_relation.pk).exists()
    [merged] = records(duplicate, "merged")
    assert merged.changes["attributions_moved"] == [appearance.pk]
    assert merged.changes["duplicates_repointed"] == [older.pk]
    assert merged.changes["stances_dropped_as_duplicates"][0]["id"] == clashing.pk
    assert records(survivor, "merged_in")


def test_merge_moves_the_current_verdict_when_the_survivor_has_none(reviewer):
    survivor, duplicate = ClaimFactory(), ClaimFactory()
    verdict = VerdictFactory(claim=duplicate)
    claims.claim_merge(claim=duplicate, into=survivor, actor=reviewer)
    assert Verdict.objects.get(pk=verdict.pk).claim == survivor


def test_merge_into_a_merged_claim_goes_to_its_survivor(reviewer):
    survivor, merged, claim = ClaimFactory(), ClaimFactory(), ClaimFactory()
    claims.claim_merge(claim=merged, into=survivor, actor=reviewer)
    assert claims.claim_merge(claim=claim, into=merged, actor=reviewer) == survivor


def test_merge_refuses_itself_and_stale_versions(reviewer):
    claim, other = ClaimFactory(), ClaimFactory()
    with pytest.raises(ValidationError):
        claims.claim_merge(claim=claim, into=claim, actor=reviewer)
    with pytest.raises(Conflict):
        claims.claim_merge(claim=claim, into=other, actor=reviewer, expected_version=7)
    claim.refresh_from_db()
    assert claim.status == "candidate"


def test_split_moves_the_chosen_appearances_to_a_new_claim(reviewer):
    claim = ClaimFactory()
    keep = AttributionFactory(claim=claim)
    move = AttributionFactory(claim=claim)
    stance = StanceFactory(claim=claim, attribution=move)

    new = claims.claim_split(
        claim=claim, attribution_ids=[move.pk], actor=reviewer, expected_version=1
    )

    assert new.text == move.content
    assert Attribution.objects.get(pk=move.pk).claim == new
    assert Attribution.objects.get(pk=keep.pk).claim == claim
    assert Stance.objects.get(pk=stance.pk).claim == new
    assert records(claim, "split")[0].changes["attributions_moved"] == [move.pk]
    assert records(new, "split_from")
    with pytest.raises(ValidationError, match="at least one"):
        claims.claim_split(claim=claim, attribution_ids=[keep.pk], actor=reviewer)


def test_only_editors_assign_and_only_to_reviewers(reviewer, editor):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        claims.claims_assign(claims=[claim], assignee=reviewer, actor=reviewer)
    with pytest.raises(ValidationError):
        claims.claims_assign(
            claims=[claim], assignee=UserFactory(groups=["API client"]), actor=editor
        )
    assert claims.claims_assign(claims=[claim], assignee=reviewer, actor=editor) == 1
    claim.refresh_from_db()
    assert claim.assigned_to == reviewer and claim.version == 1
    assert records(claim, "assigned")[0].actor == editor


def test_merged_claim_cannot_be_worked_on(reviewer):
    claim, survivor = ClaimFactory(), ClaimFactory()
    claims.claim_merge(claim=claim, into=survivor, actor=reviewer)
    claim.refresh_from_db()
    with pytest.raises(ValidationError, match="merged into"):
        claims.claim_accept(claim=claim, actor=reviewer)
    assert Claim.objects.get(pk=claim.pk).status == "merged"


def test_editing_the_text_updates_what_matching_reads(reviewer):
    claim = ClaimFactory(text="The budget grew by 4 percent")

    claims.claim_update(
        claim=claim, actor=reviewer, text="Unemployment fell to 3 percent", checkworthiness=0.5
    )

    stored = Claim.objects.get(pk=claim.pk)
    fresh = Claim(text="Unemployment fell to 3 percent")
    fresh.fill_matching_fields()
    assert (stored.normalized_text, stored.fingerprint) == (
        fresh.normalized_text,
        fresh.fingerprint,
    )


def test_unmerge_puts_back_what_the_merge_moved(reviewer):
    survivor, duplicate, older, third = (ClaimFactory() for _ in range(4))
    kept_on_survivor = AttributionFactory(claim=survivor)
    appearance = AttributionFactory(claim=duplicate)
    stance = StanceFactory(claim=duplicate)
    evidence = EvidenceFactory(claim=duplicate)
    relation = ClaimRelationFactory(from_claim=third, to_claim=duplicate)
    verdict = VerdictFactory(claim=duplicate)
    claims.claim_accept(claim=duplicate, actor=reviewer)
    claims.claim_merge(claim=older, into=duplicate, actor=reviewer)
    claims.claim_merge(claim=duplicate, into=survivor, actor=reviewer)

    restored = claims.claim_unmerge(claim=duplicate, actor=reviewer)

    restored.refresh_from_db()
    older.refresh_from_db()
    assert (restored.status, restored.canonical) == ("accepted", None)
    assert older.canonical == duplicate
    back = [
        type(row).objects.get(pk=row.pk).claim for row in (appearance, stance, evidence, verdict)
    ]
    assert back == [duplicate] * 4
    assert Attribution.objects.get(pk=kept_on_survivor.pk).claim == survivor
    relation.refresh_from_db()
    assert (relation.from_claim, relation.to_claim) == (third, duplicate)
    [undone] = records(duplicate, "unmerged")
    assert undone.changes["attributions_moved"] == [appearance.pk]
    assert records(survivor, "unmerged_out")


def test_unmerge_of_a_claim_not_merged_is_refused(reviewer):
    with pytest.raises(ValidationError, match="nothing to undo"):
        claims.claim_unmerge(claim=ClaimFactory(), actor=reviewer)
