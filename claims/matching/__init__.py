"""Matching new statements against the claims already known, a whole article at a time.

Each statement is looked up by its fingerprint (the same words after normalization), then among
the closest claims the index proposes (``claims.matching.index``: MinHash bands on PostgreSQL,
FTS5 trigrams on SQLite), which ``claims.matching.similarity`` scores. The outcome is the claim
that carries the statement (same claim), suggestions for a reviewer (similar claims), or nothing.
Merged claims lead to their survivor, rejected ones are never matched. The number of queries
does not depend on the number of statements (up to ``index.CHUNK`` of them): one for
fingerprints, one for candidates, one for the candidates' texts and one for their speakers.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings

from claims.matching.index import candidate_ids
from claims.matching.similarity import Comparison, Outcome, compare
from claims.matching.words import Words, match_key
from claims.models import Attribution, Claim
from claims.naming import claim_fingerprint

MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Statement:
    """A statement to match; ``claim_id`` when it is an existing claim being matched again
    (``rematch_claims``): then only older claims are candidates, never itself."""

    text: str
    speaker_id: int | None = None
    claim_id: int | None = None


@dataclass(frozen=True)
class Suggestion:
    claim_id: int
    similarity: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """``claim_id``: the claim carrying the statement (``similarity``: how close it came), or None
    for a new claim (then ``suggestions`` lists the similar claims, best first)."""

    claim_id: int | None
    suggestions: tuple[Suggestion, ...] = field(default=())
    similarity: float = 0.0


@dataclass(frozen=True)
class _Known:
    id: int
    survivor: int
    words: Words


def _same_speaker(speaker_id: int | None, speakers: set[int]) -> bool:
    return speaker_id is None or not speakers or speaker_id in speakers


def _known_claims(ids: set[int]) -> dict[int, _Known]:
    rows = (
        Claim.objects.filter(pk__in=ids)
        .exclude(status=Claim.Status.REJECTED)
        .values_list("id", "canonical_id", "text")
    )
    return {pk: _Known(pk, canonical or pk, Words.of(text)) for pk, canonical, text in rows}


def _speakers_of(claim_ids: set[int]) -> dict[int, set[int]]:
    speakers: dict[int, set[int]] = defaultdict(set)
    rows = (
        Attribution.objects.filter(claim_id__in=claim_ids, speaker_id__isnull=False)
        .values_list("claim_id", "speaker_id")
        .order_by()
        .distinct()
    )
    for claim_id, speaker_id in rows:
        speakers[claim_id].add(speaker_id)
    return speakers


def _rank(comparison: Comparison) -> tuple[bool, float]:
    return comparison.outcome is Outcome.SAME, comparison.score


def _decide(statement: Statement, known: list[_Known], speakers: dict[int, set[int]]) -> Match:
    words = Words.of(statement.text)
    best: dict[int, Comparison] = {}
    for candidate in known:
        if statement.claim_id is not None and max(candidate.id, candidate.survivor) >= (
            statement.claim_id
        ):
            continue
        same_speaker = _same_speaker(statement.speaker_id, speakers.get(candidate.survivor, set()))
        comparison = compare(candidate.words, words, same_speaker=same_speaker)
        if comparison.outcome is Outcome.UNRELATED:
            continue
        previous = best.get(candidate.survivor)
        if previous is None or _rank(comparison) > _rank(previous):
            best[candidate.survivor] = comparison
    same = [(c.score, pk) for pk, c in best.items() if c.outcome is Outcome.SAME]
    if same:
        score, pk = max(same)
        return Match(claim_id=pk, similarity=score)
    ranked = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))
    return Match(
        claim_id=None,
        suggestions=tuple(Suggestion(pk, c.score, c.reasons) for pk, c in ranked[:MAX_SUGGESTIONS]),
    )


def statements_match(statements: Sequence[Statement]) -> list[Match]:
    """The outcome of matching each statement, in order, with a constant number of queries."""
    if not statements:
        return []
    fingerprints = [claim_fingerprint(s.text) for s in statements]
    exact: dict[str, list[int]] = defaultdict(list)
    for fingerprint, pk in (
        Claim.objects.filter(fingerprint__in=set(fingerprints))
        .exclude(status=Claim.Status.REJECTED)
        .order_by("id")
        .values_list("fingerprint", "id")
    ):
        exact[fingerprint].append(pk)
    found = candidate_ids([match_key(s.text) for s in statements], k=settings.MATCH_CANDIDATES)
    ids = {pk for pks in found for pk in pks} | {pk for pks in exact.values() for pk in pks}
    known = _known_claims(ids)
    speakers = _speakers_of({k.survivor for k in known.values()})
    matches = []
    for statement, fingerprint, candidates in zip(statements, fingerprints, found, strict=True):
        pool = [
            known[pk] for pk in dict.fromkeys([*exact[fingerprint], *candidates]) if pk in known
        ]
        matches.append(_decide(statement, pool, speakers))
    return matches


def claim_find_match(*, text: str, speaker_id: int | None = None) -> Claim | None:
    """The existing claim that carries ``text`` (the survivor of a merge), or None."""
    [match] = statements_match([Statement(text, speaker_id)])
    return Claim.objects.get(pk=match.claim_id) if match.claim_id is not None else None
