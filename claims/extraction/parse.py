"""Helpers over a spaCy parse: the document text and sentences (cached, since spaCy rebuilds
them on every access), a token's children by dependency, and token runs as character spans."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

_SENTENCES_KEY = "claims.extraction.sentences"
_TEXT_KEY = "claims.extraction.text"


def doc_text(doc: Doc) -> str:
    """Doc.text, which spaCy rebuilds from the tokens on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def sentence(tok: Token) -> Span:
    """The sentence of `tok`; Token.sent rescans the document on every call."""
    cached = tok.doc.user_data.get(_SENTENCES_KEY)
    if cached is None:
        sents = [piece for sent in tok.doc.sents for piece in _lines(sent)]
        cached = ([s.start for s in sents], sents)
        tok.doc.user_data[_SENTENCES_KEY] = cached
    starts, sents = cached
    found: Span = sents[bisect.bisect_right(starts, tok.i) - 1]
    return found


def _lines(sent: Span) -> list[Span]:
    """A parsed sentence cut after every line break: the parser runs a headline or a dateline
    into the next paragraph, but no sentence goes on past the end of its line."""
    pieces = []
    start = sent.start
    for tok in sent:
        if "\n" in tok.text and tok.i + 1 < sent.end:
            pieces.append(sent.doc[start : tok.i + 1])
            start = tok.i + 1
    pieces.append(sent.doc[start : sent.end])
    return pieces


def child(tok: Token, dep: str) -> Token | None:
    """The first child of `tok` attached by `dep`."""
    return next((c for c in tok.children if c.dep_ == dep), None)


def followed_by(tok: Token, word: str) -> bool:
    """Whether the next token is `word` (lower-cased)."""
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == word


def subtree_tokens(tok: Token) -> list[Token]:
    return list(tok.doc[tok.left_edge.i : tok.right_edge.i + 1])


def span_chars(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of `tokens` without spaces and outer punctuation, keeping quote marks."""
    words = [t for t in tokens if not t.is_space]
    while words and (words[-1].is_punct and words[-1].text not in "\"”’'"):
        words.pop()
    while words and words[0].is_punct and words[0].text not in "\"“‘'":
        words.pop(0)
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)
