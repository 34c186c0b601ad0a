"""Optimistic locking: a stale version conflicts and saves nothing; every save bumps it."""

import pytest
from django.core.exceptions import ValidationError

from claims.services import claims
from claims.services.locking import Conflict, locked_change
from tests.claims.audit import records
from tests.factories import AttributionFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_stale_version_raises_conflict_with_the_current_row_and_saves_nothing(reviewer):
    claim = ClaimFactory()
    claims.claim_update(
        claim=claim, actor=reviewer, text="First wording", checkworthiness=0.4, expected_version=1
    )

    with pytest.raises(Conflict) as caught:
        claims.claim_update(
            claim=claim,
            actor=reviewer,
            text="Second wording",
            checkworthiness=0.4,
            expected_version=1,
        )

    assert caught.value.current.text == "First wording"
    assert "Someone else saved this claim first" in str(caught.value)
    claim.refresh_from_db()
    assert (claim.text, claim.version) == ("First wording", 2)


def test_locked_change_saves_what_changed_bumps_the_version_and_records_the_difference(
    reviewer,
):
    attribution = AttributionFactory(cue="said")

    def change(locked):
        locked.cue = "stressed"
        locked.reviewed_by = reviewer  # saved, though not shown in the record

    locked_change(attribution, reviewer, "corrected", 1, change)

    attribution.refresh_from_db()
    assert (attribution.cue, attribution.reviewed_by, attribution.version) == (
        "stressed",
        reviewer,
        2,
    )
    [record] = records(attribution, "corrected")
    assert record.changes == {"cue": {"before": "said", "after": "stressed"}}
    assert (record.actor, record.claim_id) == (reviewer, attribution.claim_id)


def test_locked_change_can_leave_an_unchanged_row_alone(reviewer):
    claim = ClaimFactory()

    locked_change(claim, reviewer, "edited", None, lambda locked: None, skip_unchanged=True)

    claim.refresh_from_db()
    assert claim.version == 1 and not records(claim)


def test_a_refused_change_saves_and_records_nothing(reviewer):
    claim = ClaimFactory(text="Before")

    def change(locked):
        locked.text = "After"
        raise ValidationError("No.")

    with pytest.raises(ValidationError):
        locked_change(claim, reviewer, "edited", 1, change)

    claim.refresh_from_db()
    assert (claim.text, claim.version) == ("Before", 1) and not records(claim)
