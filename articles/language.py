"""A light language guess for clean text, from the share of common function words.

trafilatura and htmldate leave the language to an optional model that would have to be downloaded;
all the pipeline needs is "English or not, and if not, which of the usual European languages", and
function words answer that reliably for anything longer than a sentence or two.
"""

import re

# The most frequent function words of each language, chosen so that few of them are shared
# between languages (a word that is common in two lists counts for both and decides nothing).
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and of to in that is was for on with as by at from it he she they his her their "
        "have has had been were are this which who would will said not but an be or its".split()
    ),
    "de": frozenset(
        "der die das und ist nicht ein eine einen dem den des zu mit sich auf für von auch "
        "wird wurde sind war hat haben aus bei nach werden dass oder wie noch über".split()
    ),
    "fr": frozenset(
        "le la les et est un une des du dans pour que qui sur pas avec ce cette sont par au "
        "aux il elle ont été plus mais ou leur nous vous être".split()
    ),
    "es": frozenset(
        "el la los las y es un una del en que por con para se no su al lo como más pero sus "
        "fue ha este esta son también entre".split()
    ),
    "it": frozenset(
        "il lo la gli le e è un una di del della che per con non sono nel alla si ha anche "
        "come ma questo dei delle degli più".split()
    ),
    "pt": frozenset(
        "o a os as e é um uma do da dos das em no na que para com não se por mais foi ao "
        "pelo pela como mas também são".split()
    ),
    "nl": frozenset(
        "de het een en is van in dat niet op te zijn met voor aan er ook als bij door maar "
        "werd wordt hij zij heeft hebben naar nog".split()
    ),
}

# Below this many function-word hits the guess is noise (a headline, a name, a number).
MIN_HITS = 3
# The winner must cover this share of all words; ordinary prose sits between 0.3 and 0.5.
MIN_RATIO = 0.15

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language ``text`` is most likely written in, or "".

    "" means "cannot tell" (too short, or not one of the languages known here); ``is_english``
    gives it the benefit of the doubt.
    """
    words = [word.lower() for word in _WORD_RE.findall(text[:20000])]
    if not words:
        return ""
    hits = {
        code: sum(1 for word in words if word in stopwords) for code, stopwords in STOPWORDS.items()
    }
    code, best = max(hits.items(), key=lambda item: item[1])
    if best < MIN_HITS or best / len(words) < MIN_RATIO:
        return ""
    return code


def is_english(language: str) -> bool:
    """Whether the English-only extractor reads an article whose language is ``language``.

    The rule ingestion and extraction share. A language tag's primary subtag decides, whatever
    its case or region ("en", "EN", "en-GB", "en_US", and ISO 639-2 "eng"); "" (too short to
    tell) is given the benefit of the doubt, so a short English text is not skipped for being short.
    """
    primary = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return primary in {"", "en", "eng"}


def not_english_reason(language: str) -> str:
    """What a skipped article's ``error`` says, for a person to read."""
    return f"Language {language!r} is not supported by the English extractor"
