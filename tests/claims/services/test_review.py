"""The reviewer's services: each action's effect in the database and in the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Attribution, ChangeRecord, Claim, ClaimRelation, Evidence, Stance, Verdict
from claims.services import review
from claims.services.review import Conflict
from tests.factories import (
    ArticleFactory,
    AttributionFactory,
    ClaimFactory,
    ClaimRelationFactory,
    EvidenceFactory,
    RatingFactory,
    RatingScaleFactory,
    SourceFactory,
    StanceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return UserFactory(username="rita", groups=["Reviewer"])


@pytest.fixture
def editor():
    return UserFactory(username="edna", groups=["Editor"])


def records(target, action=None):
    rows = ChangeRecord.objects.filter(target_type=target._meta.label_lower, target_id=target.pk)
    return list(rows.filter(action=action) if action else rows)


def test_claim_accept_bumps_version_and_records_who_and_what(reviewer):
    claim = ClaimFactory()

    review.claim_accept(claim=claim, user=reviewer, expected_version=1)

    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("accepted", 2)
    [record] = records(claim, "accepted")
    assert record.actor == reviewer and record.claim == claim
    assert record.changes == {"status": {"before": "candidate", "after": "accepted"}}


def test_stale_version_raises_conflict_with_the_current_row_and_saves_nothing(reviewer):
    claim = ClaimFactory()
    review.claim_update(
        claim=claim, user=reviewer, text="First wording", checkworthiness=0.4, expected_version=1
    )

    with pytest.raises(Conflict) as caught:
        review.claim_update(
            claim=claim,
            user=reviewer,
            text="Second wording",
            checkworthiness=0.4,
            expected_version=1,
        )

    assert caught.value.current.text == "First wording"
    assert "Someone else saved this claim first" in str(caught.value)
    claim.refresh_from_db()
    assert (claim.text, claim.version) == ("First wording", 2)


def test_claim_reject_needs_a_reason(reviewer):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="reason"):
        review.claim_reject(claim=claim, user=reviewer, reason="  ")

    review.claim_reject(claim=claim, user=reviewer, reason="Opinion, not a claim")

    claim.refresh_from_db()
    assert (claim.status, claim.rejection_reason) == ("rejected", "Opinion, not a claim")
    assert (
        records(claim, "rejected")[0].changes["rejection_reason"]["after"] == "Opinion, not a claim"
    )


def test_only_editors_change_double_review(reviewer, editor):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        review.claim_update(
            claim=claim,
            user=reviewer,
            text=claim.text,
            checkworthiness=0.5,
            requires_double_review=True,
        )
    review.claim_update(
        claim=claim, user=editor, text=claim.text, checkworthiness=0.5, requires_double_review=True
    )
    claim.refresh_from_db()
    assert claim.requires_double_review


def test_attribution_confirm_accepts_its_candidate_claim(reviewer):
    attribution = AttributionFactory()

    review.attribution_confirm(attribution=attribution, user=reviewer, expected_version=1)

    attribution.refresh_from_db()
    attribution.claim.refresh_from_db()
    assert attribution.review_state == "confirmed" and attribution.reviewed_by == reviewer
    assert attribution.claim.status == "accepted"
    assert [r.action for r in ChangeRecord.objects.filter(claim=attribution.claim)] == [
        "accepted",
        "confirmed",
    ]


def test_attribution_correct_rederives_content_from_the_span(reviewer):
    article = ArticleFactory(text="The mayor said the budget grew by 4 percent last year.")
    attribution = AttributionFactory(
        article=article, content="The mayor", content_start=0, content_end=9
    )
    start = article.text.index("the budget")
    end = article.text.index(" last")

    review.attribution_correct(
        attribution=attribution,
        user=reviewer,
        expected_version=1,
        content_start=start,
        content_end=end,
        kind="indirect",
        cue="said",
    )

    attribution.refresh_from_db()
    assert attribution.content == "the budget grew by 4 percent"
    assert (attribution.review_state, attribution.version) == ("corrected", 2)
    [record] = records(attribution, "corrected")
    assert record.changes["content"] == {"before": article.text[:9], "after": attribution.content}
    assert record.claim_id == attribution.claim_id


@pytest.mark.parametrize("span", [(5, 5), (10, 9999), (-1, 4)])
def test_attribution_correct_refuses_a_span_outside_the_text(reviewer, span):
    attribution = AttributionFactory()
    with pytest.raises(ValidationError, match="within the article text"):
        review.attribution_correct(
            attribution=attribution, user=reviewer, content_start=span[0], content_end=span[1]
        )
    attribution.refresh_from_db()
    assert attribution.review_state == "auto"


def test_speaker_correction_creates_or_reuses_a_source(reviewer):
    attribution = AttributionFactory()
    existing = SourceFactory(name="Dmitry Peskov", kind="person")

    source = review.source_get_or_create(
        name="Mr. Dmitry Peskov", kind="person", role="Kremlin spokesman"
    )
    review.attribution_correct(attribution=attribution, user=reviewer, speaker=source)

    assert source == existing
    existing.refresh_from_db()
    assert existing.role == "Kremlin spokesman"
    attribution.refresh_from_db()
    assert attribution.speaker == existing
    new = review.source_get_or_create(name="Maria Zakharova", kind="person")
    assert new.pk != existing.pk and new.normalized_name == "maria zakharova"


def test_unattributed_appearance_cannot_get_a_speaker(reviewer):
    attribution = AttributionFactory()
    with pytest.raises(ValidationError, match="no speaker"):
        review.attribution_correct(attribution=attribution, user=reviewer, kind="unattributed")


def test_attribution_reject_keeps_the_reason(reviewer):
    attribution = AttributionFactory()
    review.attribution_reject(attribution=attribution, user=reviewer, reason="Headline, not speech")
    attribution.refresh_from_db()
    assert (attribution.review_state, attribution.rejection_reason) == (
        "rejected",
        "Headline, not speech",
    )
    assert records(attribution, "rejected")


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
    review.claim_merge(claim=older, into=duplicate, user=reviewer)

    # Receiving a merged duplicate bumped its version to 2.
    result = review.claim_merge(claim=duplicate, into=survivor, user=reviewer, expected_version=2)

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
    review.claim_merge(claim=duplicate, into=survivor, user=reviewer)
    assert Verdict.objects.get(pk=verdict.pk).claim == survivor


def test_merge_into_a_merged_claim_goes_to_its_survivor(reviewer):
    survivor, merged, claim = ClaimFactory(), ClaimFactory(), ClaimFactory()
    review.claim_merge(claim=merged, into=survivor, user=reviewer)
    assert review.claim_merge(claim=claim, into=merged, user=reviewer) == survivor


def test_merge_refuses_itself_and_stale_versions(reviewer):
    claim, other = ClaimFactory(), ClaimFactory()
    with pytest.raises(ValidationError):
        review.claim_merge(claim=claim, into=claim, user=reviewer)
    with pytest.raises(Conflict):
        review.claim_merge(claim=claim, into=other, user=reviewer, expected_version=7)
    claim.refresh_from_db()
    assert claim.status == "candidate"


def test_split_moves_the_chosen_appearances_to_a_new_claim(reviewer):
    claim = ClaimFactory()
    keep = AttributionFactory(claim=claim)
    move = AttributionFactory(claim=claim)
    stance = StanceFactory(claim=claim, attribution=move)

    new = review.claim_split(
        claim=claim, attribution_ids=[move.pk], user=reviewer, expected_version=1
    )

    assert new.text == move.content
    assert Attribution.objects.get(pk=move.pk).claim == new
    assert Attribution.objects.get(pk=keep.pk).claim == claim
    assert Stance.objects.get(pk=stance.pk).claim == new
    assert records(claim, "split")[0].changes["attributions_moved"] == [move.pk]
    assert records(new, "split_from")
    with pytest.raises(ValidationError, match="at least one"):
        review.claim_split(claim=claim, attribution_ids=[keep.pk], user=reviewer)


def test_stance_set_adds_then_changes_one_stance_per_source(reviewer):
    claim, source = ClaimFactory(), SourceFactory()
    review.stance_set(claim=claim, source=source, stance="supports", user=reviewer)
    review.stance_set(
        claim=claim, source=source, stance="refutes", basis="Denied it", user=reviewer
    )
    stance = Stance.objects.get(claim=claim, source=source)
    assert (stance.stance, stance.basis) == ("refutes", "Denied it")
    assert [r.action for r in records(stance)] == ["stance_changed", "stance_added"]
    assert records(stance, "stance_changed")[0].changes["stance"] == {
        "before": "supports",
        "after": "refutes",
    }


def test_evidence_add_validates_the_url_and_records(reviewer):
    claim = ClaimFactory()
    with pytest.raises(ValidationError):
        review.evidence_add(claim=claim, url="not a url", stance="refutes", user=reviewer)
    evidence = review.evidence_add(
        claim=claim,
        url="https://stats.example.org/t1",
        stance="refutes",
        excerpt="4.1%",
        user=reviewer,
    )
    assert evidence.added_by == reviewer
    assert records(evidence, "evidence_added")[0].changes["excerpt"] == "4.1%"


def test_relation_add_refuses_self_and_repeats(reviewer):
    a, b = ClaimFactory(), ClaimFactory()
    review.relation_add(from_claim=a, to_claim=b, relation="contradicts", user=reviewer)
    with pytest.raises(ValidationError, match="already related"):
        review.relation_add(from_claim=a, to_claim=b, relation="contradicts", user=reviewer)
    with pytest.raises(ValidationError, match="itself"):
        review.relation_add(from_claim=a, to_claim=a, relation="supports", user=reviewer)
    assert ChangeRecord.objects.filter(action="relation_added", claim=b).exists()


def test_only_editors_assign_and_only_to_reviewers(reviewer, editor):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        review.claims_assign(claims=[claim], assignee=reviewer, user=reviewer)
    with pytest.raises(ValidationError):
        review.claims_assign(
            claims=[claim], assignee=UserFactory(groups=["API client"]), user=editor
        )
    assert review.claims_assign(claims=[claim], assignee=reviewer, user=editor) == 1
    claim.refresh_from_db()
    assert claim.assigned_to == reviewer and claim.version == 1
    assert records(claim, "assigned")[0].actor == editor


def test_blind_ratings_hide_the_value_in_history_and_flag_disagreement(reviewer):
    other = UserFactory(groups=["Reviewer"])
    scale = RatingScaleFactory()
    low, high = RatingFactory(scale=scale, value=1), RatingFactory(scale=scale, value=5)
    claim = ClaimFactory(requires_double_review=True)

    review.review_rating_submit(claim=claim, reviewer=reviewer, rating=low)
    assert ChangeRecord.objects.get(action="blind_rating_added").changes == {}
    with pytest.raises(ValidationError, match="already rated"):
        review.review_rating_submit(claim=claim, reviewer=reviewer, rating=high)
    review.review_rating_submit(claim=claim, reviewer=other, rating=high)

    record = ChangeRecord.objects.get(action="double_review_disagreed")
    assert set(record.changes["ratings_by_reviewer_id"]) == {str(reviewer.pk), str(other.pk)}


def test_rating_a_claim_without_double_review_is_refused(reviewer):
    with pytest.raises(ValidationError, match="does not require"):
        review.review_rating_submit(claim=ClaimFactory(), reviewer=reviewer, rating=RatingFactory())


def test_merged_claim_cannot_be_worked_on(reviewer):
    claim, survivor = ClaimFactory(), ClaimFactory()
    review.claim_merge(claim=claim, into=survivor, user=reviewer)
    claim.refresh_from_db()
    with pytest.raises(ValidationError, match="merged into"):
        review.claim_accept(claim=claim, user=reviewer)
    assert Claim.objects.get(pk=claim.pk).status == "merged"
