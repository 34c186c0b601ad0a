"""How a quote changed between two appearances: a word-level diff and what kind of change it is.

The diff compares words case-insensitively and ignores punctuation; it is a list of
``[op, text]`` pairs (op ``equal``, ``insert`` or ``delete``) that reads as the later wording
with the earlier words struck. Each change is classified (a number, a negation, a named entity,
a qualifier dropped or added, other wording) and the classes give the severity: changing what is
claimed (number, negation, entity) is high, dropping or adding a hedge is medium, the rest low.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from claims.matching.words import QUALIFIERS, entity_words, is_negation, is_number, tokens


class Change(StrEnum):
    NUMBER = "number"
    NEGATION = "negation"
    NAMED_ENTITY = "named_entity"
    QUALIFIER_DROPPED = "qualifier_dropped"
    QUALIFIER_ADDED = "qualifier_added"
    OTHER_WORDING = "other_wording"


class Severity(StrEnum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


SEVERITY_RANK = {Severity.NONE: 0, Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}
_HIGH = {Change.NUMBER, Change.NEGATION, Change.NAMED_ENTITY}
_MEDIUM = {Change.QUALIFIER_DROPPED, Change.QUALIFIER_ADDED}


@dataclass(frozen=True)
class Drift:
    diff: list[list[str]]
    changes: list[str]
    severity: Severity

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def word_diff(earlier: str, later: str) -> list[list[str]]:
    """``[op, text]`` pairs turning ``earlier``'s words into ``later``'s."""
    old, new = tokens(earlier), tokens(later)
    matcher = SequenceMatcher(
        None, [w.casefold() for w in old], [w.casefold() for w in new], autojunk=False
    )
    pairs: list[list[str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.append(["equal", " ".join(new[j1:j2])])
            continue
        if i2 > i1:
            pairs.append(["delete", " ".join(old[i1:i2])])
        if j2 > j1:
            pairs.append(["insert", " ".join(new[j1:j2])])
    return pairs


def _classify(deleted: list[str], inserted: list[str], earlier: list[str], later: list[str]):
    found: set[Change] = set()
    if any(is_number(w) for w in deleted + inserted):
        found.add(Change.NUMBER)
    if any(is_negation(w) for w in deleted + inserted):
        found.add(Change.NEGATION)
    earlier_lower = {w.casefold() for w in earlier}
    later_lower = {w.casefold() for w in later}
    if (entity_words(deleted) - later_lower) or (entity_words(inserted) - earlier_lower):
        found.add(Change.NAMED_ENTITY)
    if any(w.casefold() in QUALIFIERS for w in deleted):
        found.add(Change.QUALIFIER_DROPPED)
    if any(w.casefold() in QUALIFIERS for w in inserted):
        found.add(Change.QUALIFIER_ADDED)
    explained = {
        w
        for w in deleted + inserted
        if is_number(w)
        or is_negation(w)
        or w.casefold() in QUALIFIERS
        or (w[0].isupper() and Change.NAMED_ENTITY in found)
    }
    if any(w not in explained for w in deleted + inserted):
        found.add(Change.OTHER_WORDING)
    return found


def severity_of(changes: set[Change]) -> Severity:
    if changes & _HIGH:
        return Severity.HIGH
    if changes & _MEDIUM:
        return Severity.MEDIUM
    return Severity.LOW if changes else Severity.NONE


def drift(earlier: str, later: str) -> Drift:
    """What changed from ``earlier`` to ``later`` (no changes when only case or punctuation did)."""
    diff = word_diff(earlier, later)
    deleted = [w for op, text in diff if op == "delete" for w in text.split()]
    inserted = [w for op, text in diff if op == "insert" for w in text.split()]
    changes = _classify(deleted, inserted, tokens(earlier), tokens(later))
    ordered = [c.value for c in Change if c in changes]
    return Drift(diff=diff, changes=ordered, severity=severity_of(changes))
