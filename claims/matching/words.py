"""The words of a statement as a fact-checker reads them: stems, stop words, numbers, negations,
named entities and qualifiers. No Django here; ``similarity`` and ``drift`` build on it."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from spacy.lang.en.stop_words import STOP_WORDS

# A number with its separators ("3,000", "6.5"), or a word with its apostrophes ("don't").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": "'"})

NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion half third quarter dozen double twice "
    "triple percent".split()
)
NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor nowhere cannot without n't".split()
)
# Hedges and limiters: dropping one turns a careful statement into a sweeping one.
QUALIFIERS = frozenset(
    "about around nearly almost approximately roughly some only just more less least most "
    "over under up probably possibly perhaps maybe may might could likely unlikely partly "
    "largely mostly many few often sometimes usually allegedly reportedly apparently "
    "estimated potentially arguably virtually".split()
)
# Stop words that carry the meaning of a statement are never down-weighted.
_MEANINGFUL = NEGATIONS | QUALIFIERS | NUMBER_WORDS
STOP = frozenset(STOP_WORDS) - _MEANINGFUL

_stemmer = Stemmer.Stemmer("english")


def tokens(text: str) -> list[str]:
    """The words and numbers of ``text``, in order, with their case."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _TOKEN.findall(folded)


def is_number(word: str) -> bool:
    return word[0].isdigit() or word.casefold() in NUMBER_WORDS


def number_value(word: str) -> str:
    """ "3,000" and "3000" are one number; number words stay words."""
    return word.replace(",", "") if word[0].isdigit() else word.casefold()


def is_negation(word: str) -> bool:
    lower = word.casefold()
    return lower in NEGATIONS or lower.endswith("n't")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.casefold())


_CONTRACTIONS = {"'ll": "will", "'re": "are", "'ve": "have", "'d": "would", "'m": "am"}
_IRREGULAR = {"won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"]}


def expanded(word: str) -> list[str]:
    """ "we'll" -> we, will; "isn't" -> is, not; "3,000" -> 3000: the words two wordings share."""
    if word[0].isdigit():
        return [number_value(word)]
    lower = word.casefold()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower.endswith("n't"):
        return [lower[:-3], "not"]
    for suffix, full in _CONTRACTIONS.items():
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return [lower[: -len(suffix)], full]
    return [lower]


def match_key(text: str) -> str:
    """What the text index holds and is asked: the words that are not stop words, in order,
    lower case, contractions and number separators undone. Without the commonest words the index
    has shorter posting lists to read and fewer rows to recheck."""
    return " ".join(
        part for w in tokens(text) for part in expanded(w) if part not in STOP and part.strip("'")
    )


def entity_words(words: list[str]) -> frozenset[str]:
    """Capitalized words that are not stop words: names of people, places, organizations.

    The first word counts too (a sentence starting with a name is common in quotes); a statement
    that merely starts with a capital is forgiven later, when the other statement has that word
    in lower case (``Words.entity_changes``)."""
    return frozenset(
        w.casefold() for w in words if w[0].isupper() and w.casefold() not in STOP_WORDS
    )


@dataclass(frozen=True)
class Words:
    """What similarity and drift compare in one statement."""

    words: tuple[str, ...]
    lower: frozenset[str]
    stems: frozenset[str]
    content: tuple[str, ...]  # stems of the words that are not stop words, in order
    numbers: frozenset[str]
    negations: int
    entities: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "Words":
        words = tokens(text)
        lower = [part for w in words for part in expanded(w)]
        stems = [stem(w) for w in lower]
        return cls(
            words=tuple(words),
            lower=frozenset(lower) | {w.casefold() for w in words},
            stems=frozenset(stems),
            content=tuple(s for s, w in zip(stems, lower, strict=True) if w not in STOP),
            numbers=frozenset(number_value(w) for w in words if is_number(w)),
            negations=sum(1 for w in words if is_negation(w)),
            entities=entity_words(words),
        )

    def entity_changes(self, other: "Words") -> tuple[frozenset[str], frozenset[str]]:
        """Names only one of the two statements has (dropped from ``self``, added in ``other``)."""
        return self.entities - other.lower, other.entities - self.lower
