"""What reviewers add to claims: stances, evidence, relations and blind double-review ratings."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import ChangeRecord, Stance
from claims.services import annotations
from tests.claims.audit import records
from tests.factories import (
    ClaimFactory,
    RatingFactory,
    RatingScaleFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_stance_set_adds_then_changes_one_stance_per_source(reviewer):
    claim, source = ClaimFactory(), SourceFactory()
    annotations.stance_set(claim=claim, source=source, stance="supports", actor=reviewer)
    annotations.stance_set(
        claim=claim, source=source, stance="refutes", basis="Denied it", actor=reviewer
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
        annotations.evidence_add(claim=claim, url="not a url", stance="refutes", actor=reviewer)
    evidence = annotations.evidence_add(
        claim=claim,
        url="https://stats.example.org/t1",
        stance="refutes",
        excerpt="4.1%",
        actor=reviewer,
    )
    assert evidence.added_by == reviewer
    assert records(evidence, "evidence_added")[0].changes["excerpt"] == "4.1%"


def test_relation_add_refuses_self_and_repeats(reviewer):
    a, b = ClaimFactory(), ClaimFactory()
    annotations.relation_add(from_claim=a, to_claim=b, relation="contradicts", actor=reviewer)
    with pytest.raises(ValidationError, match="already related"):
        annotations.relation_add(from_claim=a, to_claim=b, relation="contradicts", actor=reviewer)
    with pytest.raises(ValidationError, match="itself"):
        annotations.relation_add(from_claim=a, to_claim=a, relation="supports", actor=reviewer)
    assert ChangeRecord.objects.filter(action="relation_added", claim=b).exists()


def test_blind_ratings_hide_the_value_in_history_and_flag_disagreement(reviewer):
    other = UserFactory(groups=["Reviewer"])
    scale = RatingScaleFactory()
    low, high = RatingFactory(scale=scale, value=1), RatingFactory(scale=scale, value=5)
    claim = ClaimFactory(requires_double_review=True)

    annotations.review_rating_submit(claim=claim, actor=reviewer, rating=low)
    assert ChangeRecord.objects.get(action="blind_rating_added").changes == {}
    with pytest.raises(ValidationError, match="already rated"):
        annotations.review_rating_submit(claim=claim, actor=reviewer, rating=high)
    annotations.review_rating_submit(claim=claim, actor=other, rating=high)

    record = ChangeRecord.objects.get(action="double_review_disagreed")
    assert set(record.changes["ratings_by_reviewer_id"]) == {str(reviewer.pk), str(other.pk)}


def test_rating_a_claim_without_double_review_is_refused(reviewer):
    with pytest.raises(ValidationError, match="does not require"):
        annotations.review_rating_submit(
            claim=ClaimFactory(), actor=reviewer, rating=RatingFactory()
        )
