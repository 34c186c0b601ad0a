"""Reviewers' answers to suggestions: "Same claim" merges (and can be undone), "Not the same" is
never suggested again; variants follow merges."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Attribution, Claim, ClaimSuggestion, ClaimVariant
from claims.services.matching import (
    suggestion_confirm,
    suggestion_dismiss,
    suggestion_undo,
    suggestions_record,
)
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_same_claim_merges_and_the_merged_appearance_becomes_a_variant(drifted, reviewer):
    suggestion = drifted["suggestion"]
    survivor = suggestion_confirm(suggestion=suggestion, actor=reviewer)
    assert survivor == drifted["claim"]
    merged = Claim.objects.get(pk=drifted["similar"].claim_id)
    assert (merged.status, merged.canonical_id) == (Claim.Status.MERGED, survivor.pk)
    assert Attribution.objects.get(pk=drifted["similar"].pk).claim_id == survivor.pk
    assert set(
        ClaimVariant.objects.filter(claim=survivor).values_list("attribution", flat=True)
    ) == {
        drifted["variant"].pk,
        drifted["similar"].pk,
    }
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.decided_by) == (ClaimSuggestion.State.CONFIRMED, reviewer)


def test_undo_gives_the_appearances_back(drifted, reviewer):
    suggestion = drifted["suggestion"]
    suggestion_confirm(suggestion=suggestion, actor=reviewer)
    restored = suggestion_undo(suggestion=suggestion, actor=reviewer)
    assert (restored.status, restored.canonical_id) == (Claim.Status.CANDIDATE, None)
    assert Attribution.objects.get(pk=drifted["similar"].pk).claim_id == restored.pk
    assert not ClaimVariant.objects.filter(attribution=drifted["similar"]).exists()
    suggestion.refresh_from_db()
    assert suggestion.state == ClaimSuggestion.State.OPEN


def test_not_the_same_is_never_suggested_again_either_way(drifted, reviewer):
    suggestion = drifted["suggestion"]
    suggestion_dismiss(suggestion=suggestion, actor=reviewer)
    again = [
        ClaimSuggestion(claim_id=a, similar_id=b, similarity=0.8, reasons=[])
        for a, b in [
            (suggestion.claim_id, suggestion.similar_id),
            (suggestion.similar_id, suggestion.claim_id),
        ]
    ]
    assert suggestions_record(suggestions=again) == 0
    assert ClaimSuggestion.objects.count() == 1
    assert ClaimSuggestion.objects.get().state == ClaimSuggestion.State.DISMISSED


def test_an_answered_suggestion_cannot_be_answered_again(drifted, reviewer):
    suggestion_dismiss(suggestion=drifted["suggestion"], actor=reviewer)
    with pytest.raises(ValidationError):
        suggestion_confirm(suggestion=drifted["suggestion"], actor=reviewer)
    with pytest.raises(ValidationError):
        suggestion_undo(suggestion=drifted["suggestion"], actor=reviewer)


def test_only_reviewers_answer(drifted):
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        suggestion_dismiss(suggestion=drifted["suggestion"], actor=outsider)


def test_new_suggestions_are_recorded_once():
    a, b = ClaimFactory(), ClaimFactory()
    make = lambda: [ClaimSuggestion(claim=b, similar=a, similarity=0.7, reasons=["x"])]  # noqa: E731
    assert suggestions_record(suggestions=make()) == 1
    suggestions_record(suggestions=make())
    assert ClaimSuggestion.objects.count() == 1
