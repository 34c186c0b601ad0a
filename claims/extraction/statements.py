"""The statement each attribution carries as a claim: the speaker's own words (its parts when a
cue interrupts them), cleaned of what only frames them in the article, and its check-worthiness.

The claim text becomes ClaimReview's `claimReviewed`, so it reads as a statement on its own; the
attribution's spans keep the article's exact words for highlighting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from claims.extraction.checkworthiness import score_sentence, span_at
from claims.extraction.records import Attribution

# Reported speech keeps its complementiser in the span ("said that taxes rose"); the claim is
# what follows it.
_LEADING_THAT = re.compile(r"^(?:that)\s+(?=\S)", re.IGNORECASE)
_EDGE_OPEN = "\"“”'‘’«»„ \t\n\u00a0,;:—–-…"
_EDGE_CLOSE = " \t\n\u00a0,;:.!?—–-…"
# Between parts a sentence's own end stays: “I’m honored!” she said. “It’s ...”.
_EDGE_CLOSE_INNER = " \t\n\u00a0,;:—–-…"
_DOUBLE = re.compile('["“”«»„]')


def claim_text(text: str, att: Attribution) -> str:
    """The clean statement of `att` in `text`."""
    spans = att.parts or ((att.content_start, att.content_end),)
    pieces = [_clean(text[start:end], _EDGE_CLOSE_INNER) for start, end in spans]
    joined = pieces[0]
    for piece in pieces[1:]:
        # “We will not raise taxes,” she said. “The budget ...”: the comma a quote takes before
        # its cue stands for a full stop when the next part starts a sentence.
        if piece[:1].isupper() and joined[-1:] not in {".", "!", "?"}:
            joined += "."
        joined = f"{joined} {piece}"
    return _balance(_clean(joined)) or att.content.strip()


def statement_of(content: str) -> str:
    """The clean statement of an appearance's content as a reviewer set it (one span): what a
    corrected span offers as its claim's text."""
    return _balance(_clean(content)) or content.strip()


def _clean(piece: str, closing: str = _EDGE_CLOSE) -> str:
    """`piece` without a leading "that", the quote marks around it and the `closing` marks at
    its end; a closing quote mark stays when its partner is inside (was “dead on arrival”)."""
    previous = None
    while previous != piece:
        previous = piece
        piece = _LEADING_THAT.sub("", piece.lstrip(_EDGE_OPEN)).lstrip(_EDGE_OPEN)
        piece = piece.rstrip(closing)
        if len(piece) > 1 and piece[-1] in "\"”’'»" and piece[-2] in closing:
            piece = piece[:-1].rstrip(closing) + piece[-1]  # “dead on arrival.” ends in the mark
        if _lone_closer(piece):
            piece = piece[:-1]
    return piece


def _lone_closer(piece: str) -> bool:
    """Whether `piece` ends in a quote mark whose opening partner was trimmed off."""
    if piece[-1:] in '"”»':
        return len(_DOUBLE.findall(piece)) % 2 == 1
    return piece[-1:] in "’'" and piece.count("‘") < piece.count("’")


def _balance(statement: str) -> str:
    """Without a lone double quote mark left where trimming took its partner: the attribution
    may quote only its first words (“The plan is dead,” he said of it)."""
    marks = list(_DOUBLE.finditer(statement))
    if len(marks) % 2 == 0:
        return statement
    lone = marks[-1].start()
    return (statement[:lone] + statement[lone + 1 :]).strip()


def with_statements(
    text: str, attributions: list[Attribution], docs: Sequence[tuple[int, Doc]] = ()
) -> list[Attribution]:
    """`attributions` with their claim text and its check-worthiness set, scored from the parse
    of their content where `docs` (the article's parsed chunks) hold it."""
    out = []
    for att in attributions:
        statement = claim_text(text, att)
        parsed = span_at(docs, att.content_start, att.content_end)
        score = score_sentence(parsed if parsed is not None else statement)
        out.append(replace(att, claim_text=statement, checkworthiness=round(score, 3)))
    return out
