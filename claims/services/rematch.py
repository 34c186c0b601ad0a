"""Matching existing claims again (after a threshold change): ``claims_rematch`` takes a batch.

Each claim is matched against older claims only. A claim found the same as an older one is
merged into it when nobody has worked on it yet (a candidate with no decided suggestion, verdict,
stance or evidence); otherwise, and for similar claims, the older claim is suggested. Open
suggestions of the batch are replaced by the new ones; suggestions a reviewer confirmed or
dismissed are never touched, nor suggested again. Variants are recomputed.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from claims.matching import Statement, Suggestion, statements_match
from claims.models import Attribution, Claim, ClaimSuggestion, Evidence, Stance, Verdict
from claims.services.claims import claim_merge
from claims.services.matching import suggestions_record
from claims.services.variants import variants_refresh


@dataclass(frozen=True)
class RematchSummary:
    claims: int
    merged: int
    suggested: int
    last_id: int


def _untouched(claim_ids: list[int]) -> set[int]:
    decided = ClaimSuggestion.objects.filter(
        Q(claim=OuterRef("pk")) | Q(similar=OuterRef("pk")),
        state__in=[ClaimSuggestion.State.CONFIRMED, ClaimSuggestion.State.DISMISSED],
    )
    return set(
        Claim.objects.filter(pk__in=claim_ids, status=Claim.Status.CANDIDATE)
        .exclude(
            Exists(decided)
            | Exists(Verdict.objects.filter(claim=OuterRef("pk")))
            | Exists(Stance.objects.filter(claim=OuterRef("pk")))
            | Exists(Evidence.objects.filter(claim=OuterRef("pk")))
            | Exists(Claim.objects.filter(canonical=OuterRef("pk")))
        )
        .values_list("pk", flat=True)
    )


def _first_speakers(claim_ids: list[int]) -> dict[int, int | None]:
    speakers: dict[int, int | None] = {}
    for claim_id, speaker_id in (
        Attribution.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "article__published_at", "id")
        .values_list("claim_id", "speaker_id")
    ):
        speakers.setdefault(claim_id, speaker_id)
    return speakers


def claims_rematch(*, after_id: int, batch: int, actor: User) -> RematchSummary:
    """Match again the next ``batch`` claims with ids above ``after_id`` (not merged or
    rejected); ``actor`` is recorded on the merges."""
    claims = list(
        Claim.objects.filter(pk__gt=after_id)
        .exclude(status__in=[Claim.Status.MERGED, Claim.Status.REJECTED])
        .order_by("pk")
        .values_list("pk", "text")[:batch]
    )
    if not claims:
        return RematchSummary(0, 0, 0, after_id)
    ids = [pk for pk, _text in claims]
    speakers = _first_speakers(ids)
    matches = statements_match(
        [Statement(text, speakers.get(pk), claim_id=pk) for pk, text in claims]
    )
    untouched = _untouched(ids)
    merged = 0
    suggestions = []
    with transaction.atomic():
        ClaimSuggestion.objects.filter(claim_id__in=ids, state=ClaimSuggestion.State.OPEN).delete()
        for (pk, _text), match in zip(claims, matches, strict=True):
            if match.claim_id is not None and pk in untouched:
                claim_merge(claim=Claim(pk=pk), into=Claim(pk=match.claim_id), actor=actor)
                merged += 1
                continue
            found = list(match.suggestions)
            if match.claim_id is not None:
                reason = "the same claim, not merged: it has review work"
                found = [Suggestion(match.claim_id, match.similarity, (reason,))]
            suggestions += [
                ClaimSuggestion(
                    claim_id=pk,
                    similar_id=s.claim_id,
                    similarity=min(max(s.similarity, 0.0), 1.0),
                    reasons=list(s.reasons),
                )
                for s in found
            ]
        suggested = suggestions_record(suggestions=suggestions)
        variants_refresh(claim_ids=ids)
    return RematchSummary(len(claims), merged, suggested, ids[-1])
