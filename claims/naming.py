"""Normalization of source names and claim texts, so the same speaker or statement is found again."""

import hashlib
import re
import unicodedata

_TITLES = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sen|rep|gov|gen|sir|the)\.?\s+", re.IGNORECASE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "`": "'"})
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s\b")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalize_name(name: str) -> str:
    """ "The Kremlin" -> "kremlin"; "Dr. Anthony Fauci" -> "anthony fauci"; accents folded."""
    folded = _POSSESSIVE.sub("", _fold(name)).strip()
    while True:
        stripped = _TITLES.sub("", folded)
        if stripped == folded:
            break
        folded = stripped
    return _SPACE.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def normalize_claim_text(text: str) -> str:
    """Lower case, quotes and punctuation dropped, whitespace collapsed: what two carriers of the
    same statement have in common."""
    return _SPACE.sub(" ", _NON_WORD.sub(" ", _fold(text))).strip()


def claim_fingerprint(text: str) -> str:
    return hashlib.sha256(normalize_claim_text(text).encode("utf-8")).hexdigest()
