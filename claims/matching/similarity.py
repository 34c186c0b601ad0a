"""How alike a new statement is to a known claim, and what that makes it: the same claim, a
similar one to suggest to a reviewer, or unrelated.

The score mixes a weighted overlap of stems (stop words count a fifth of a content word) with
rapidfuzz's token-set ratio over the content stems, which forgives reordering and a word or two
added. Hard checks come on top: a different number, a negation added or dropped, or a named entity
changed means the statements do not say the same thing, so they are never "the same claim"
however close their words; neither is the same content from another speaker. Both become
suggestions with the reasons a reviewer needs.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from rapidfuzz import fuzz

from claims.matching.words import STOP, Words

STOP_WORD_WEIGHT = 0.2
_OVERLAP_SHARE = 0.5


class Outcome(StrEnum):
    SAME = "same"
    SIMILAR = "similar"
    UNRELATED = "unrelated"


@dataclass(frozen=True)
class Comparison:
    score: float
    outcome: Outcome
    reasons: tuple[str, ...]


def _weight(word: str) -> float:
    return STOP_WORD_WEIGHT if word in STOP else 1.0


def _weighted_overlap(a: Words, b: Words) -> float:
    """Dice overlap of the two sets of stems, stop words down-weighted."""
    shared = sum(_weight(s) for s in a.stems & b.stems)
    total = sum(_weight(s) for s in a.stems) + sum(_weight(s) for s in b.stems)
    return 2 * shared / total if total else 0.0


def score(a: Words, b: Words) -> float:
    """Between 0 (nothing shared) and 1 (the same words, whatever their case and punctuation)."""
    overlap = _weighted_overlap(a, b)
    fuzzy = fuzz.ratio(a.content, b.content) / 100
    return round(_OVERLAP_SHARE * overlap + (1 - _OVERLAP_SHARE) * fuzzy, 4)


def conflicts(a: Words, b: Words) -> list[str]:
    """Why two close statements still say different things (empty when nothing does)."""
    reasons = []
    if a.numbers != b.numbers:
        was = ", ".join(sorted(a.numbers - b.numbers)) or "none"
        now = ", ".join(sorted(b.numbers - a.numbers)) or "none"
        reasons.append(f"number changed: {was} -> {now}")
    if a.negations != b.negations:
        reasons.append("negation added" if b.negations > a.negations else "negation dropped")
    dropped, added = a.entity_changes(b)
    if dropped or added:
        was = ", ".join(sorted(dropped)) or "none"
        now = ", ".join(sorted(added)) or "none"
        reasons.append(f"named entity changed: {was} -> {now}")
    return reasons


def compare(known: Words, new: Words, *, same_speaker: bool) -> Comparison:
    """What ``new`` is to the claim whose words are ``known``."""
    value = score(known, new)
    if value < settings.MATCH_SIMILAR_THRESHOLD:
        return Comparison(value, Outcome.UNRELATED, ())
    reasons = conflicts(known, new)
    if not same_speaker:
        reasons.append("another speaker")
    if value >= settings.MATCH_SAME_THRESHOLD and not reasons:
        return Comparison(value, Outcome.SAME, ())
    return Comparison(value, Outcome.SIMILAR, (f"similarity {value:.2f}", *reasons))
