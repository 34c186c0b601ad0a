"""Matching existing claims again: untouched duplicates merge into the older claim, claims with
review work get a suggestion instead, answered pairs stay as they are; the command resumes."""

import io

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, ClaimSuggestion
from claims.services.rematch import claims_rematch
from tests.factories import ClaimFactory, StanceFactory

pytestmark = pytest.mark.django_db

QUOTE = "We will protect about 3,000 homes along the Grey River before the winter floods arrive"


def test_an_untouched_duplicate_merges_into_the_older_claim(editor):
    older = ClaimFactory(text=QUOTE)
    newer = ClaimFactory(text=QUOTE.replace("about ", ""))
    summary = claims_rematch(after_id=0, batch=10, actor=editor)
    assert (summary.claims, summary.merged, summary.last_id) == (2, 1, newer.pk)
    newer.refresh_from_db()
    assert (newer.status, newer.canonical_id) == (Claim.Status.MERGED, older.pk)


def test_a_claim_with_review_work_gets_a_suggestion(editor):
    older = ClaimFactory(text=QUOTE)
    newer = ClaimFactory(text=QUOTE.replace("about ", ""))
    StanceFactory(claim=newer)
    claims_rematch(after_id=0, batch=10, actor=editor)
    [suggestion] = ClaimSuggestion.objects.all()
    assert (suggestion.claim_id, suggestion.similar_id) == (newer.pk, older.pk)
    assert Claim.objects.get(pk=newer.pk).status == Claim.Status.CANDIDATE


def test_dismissed_pairs_are_left_alone(editor):
    older = ClaimFactory(text=QUOTE)
    newer = ClaimFactory(text=QUOTE.replace("3,000", "4,000"))
    ClaimSuggestion.objects.create(
        claim=newer, similar=older, similarity=0.9, state=ClaimSuggestion.State.DISMISSED
    )
    claims_rematch(after_id=0, batch=10, actor=editor)
    assert list(ClaimSuggestion.objects.values_list("state", flat=True)) == ["dismissed"]


def test_the_command_runs_in_batches_and_resumes(editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tunnel = "The harbour tunnel will open to traffic in the spring of 2027"
    mine = "The new mine near the lake will employ about 400 people"
    texts = [tunnel, tunnel.replace("the spring", "spring"), QUOTE, mine, mine.replace(" new", "")]
    claims = [ClaimFactory(text=text) for text in texts]
    state = tmp_path / "rematch_claims.state"
    state.write_text(str(claims[2].pk))  # an earlier run stopped after the third claim
    out = io.StringIO()
    call_command("rematch_claims", "--actor", editor.username, "--batch", "1", stdout=out)
    assert "Done: 1 claims merged" in out.getvalue()
    statuses = [Claim.objects.get(pk=c.pk).status for c in claims]
    assert statuses == ["candidate", "candidate", "candidate", "candidate", "merged"]
    assert not state.exists()
    with pytest.raises(CommandError):
        call_command("rematch_claims", "--actor", "nobody-here")
