"""The checks the services make before acting: who may, what a person must say, which claim."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.services.checks import check_not_merged, check_perm, check_reason
from claims.services.claims import claim_merge
from tests.factories import ClaimFactory


def test_a_reason_is_stripped_and_a_blank_one_refused():
    assert check_reason("  Opinion, not a claim \n") == "Opinion, not a claim"
    for blank in ("", "   ", None):
        with pytest.raises(ValidationError, match="Say why"):
            check_reason(blank, "Say why.")


@pytest.mark.django_db
def test_permission_is_checked_with_the_message_given(reviewer, editor):
    check_perm(editor, "claims.assign_claim", "Only editors assign claims.")
    with pytest.raises(PermissionDenied, match="Only editors assign claims"):
        check_perm(reviewer, "claims.assign_claim", "Only editors assign claims.")


@pytest.mark.django_db
def test_a_merged_claim_points_to_its_survivor(reviewer):
    claim, survivor = ClaimFactory(), ClaimFactory()
    check_not_merged(claim)
    claim_merge(claim=claim, into=survivor, actor=reviewer)
    claim.refresh_from_db()

    with pytest.raises(ValidationError, match=f"merged into claim #{survivor.pk}"):
        check_not_merged(claim)
