"""What a reporting verb reports: the clause, object or prepositional phrase that is its content,
as a character span of the parsed chunk."""

from __future__ import annotations

from spacy.tokens import Token

from claims.extraction.cues import (
    ADDRESSEE_VERBS,
    EXCHANGE_NOUNS,
    INTENT_VERBS,
    NEEDS_CLAUSE,
    PREP_CUES,
    SPEECH_VERBS,
    cue_lemma,
)
from claims.extraction.layout import line_bounds
from claims.extraction.parse import doc_text, followed_by, sentence, span_chars, subtree_tokens
from claims.extraction.patterns import ADDRESSEE_TOPIC_PREPS, CONTENT_PREPS, NO_PREP_CONTENT


def verb_content(verb: Token, lemma: str) -> tuple[int, int] | None:
    """The content of a reporting verb, run on to the end of its sentence."""
    content = _before_according_to(verb, _to_sentence_end(verb, _content(verb, lemma)))
    if content is None and verb.dep_ == "parataxis" and lemma in SPEECH_VERBS:
        # "The deal, he said, is dead": the sentence around the cue is the content.
        content = span_chars(list(sentence(verb)))
    return content


def _nearby_that_clause(verb: Token, line_end: int) -> tuple[int, int] | None:
    """ "told a crowd in Cleveland that ...": the parser may hang the clause off the addressee."""
    sent_end = sentence(verb).end
    for tok in verb.doc[verb.i + 1 : min(sent_end, verb.i + 10)]:
        if tok.idx >= line_end or (tok.pos_ == "VERB" and tok.head is not verb):
            return None
        if tok.lower_ == "that" and tok.dep_ == "mark" and tok.head.i > tok.i:
            return span_chars(subtree_tokens(tok.head))
    return None


def _content(verb: Token, lemma: str) -> tuple[int, int] | None:
    """The verb's clausal complement, the phrase its lemma reports through, or its object."""
    # A parse can run a sentence across paragraphs; reported speech stays in the cue's line.
    line_start, line_end = line_bounds(doc_text(verb.doc), verb.idx)
    children = [c for c in verb.children if line_start <= c.idx < line_end]
    clauses = [
        c for c in children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}
    ]
    if clauses:
        clause = min(clauses, key=lambda c: abs(c.i - verb.i))
        return span_chars(subtree_tokens(clause))
    rights = [c for c in children if c.i > verb.i]
    cue_preps = PREP_CUES.get(lemma, frozenset())
    for c in rights:
        if c.dep_ == "prep" and c.lower_ in cue_preps and len(list(c.subtree)) > 1:
            return span_chars(subtree_tokens(c)[1:])
    if lemma in INTENT_VERBS:
        xcomp = next((c for c in rights if c.dep_ == "xcomp"), None)
        return span_chars(subtree_tokens(xcomp)) if xcomp is not None else None
    if lemma not in SPEECH_VERBS:
        return None
    that_clause = _nearby_that_clause(verb, line_end)
    if that_clause is not None:
        return that_clause
    if lemma in ADDRESSEE_VERBS:
        return _addressee_topic(verb, rights)
    if lemma in NEEDS_CLAUSE and not any(c.dep_ == "oprd" for c in rights):
        return None
    objects = [c for c in rights if c.dep_ in {"dobj", "attr", "xcomp", "oprd"}]
    if not objects:
        preps = [c for c in rights if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS]
        if lemma in NO_PREP_CONTENT or not preps:
            return None
        return span_chars(subtree_tokens(preps[0])[1:])
    first = objects[0]
    if first.lower_ in EXCHANGE_NOUNS and not any(t.pos_ in {"VERB", "AUX"} for t in first.subtree):
        return (
            None  # "denied a request for comment"; "rejected a request to delay the vote" reports
        )
    last = first
    for c in rights:
        if c.i > first.i and (
            c.dep_ in {"oprd", "xcomp", "ccomp", "dobj"}
            or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPS)
        ):
            last = c
    return span_chars(list(verb.doc[first.left_edge.i : last.right_edge.i + 1]))


def _addressee_topic(verb: Token, rights: list[Token]) -> tuple[int, int] | None:
    """ "warned the Pentagon chief about ...": the topic often hangs off the addressee."""
    addressees = [c for c in rights if c.dep_ == "dobj"]
    for c in rights + [g for a in addressees for g in a.rights]:
        if c.dep_ == "prep" and c.lower_ in ADDRESSEE_TOPIC_PREPS:
            return span_chars(subtree_tokens(c)[1:])
        if c.dep_ == "xcomp":
            first = next((d for d in rights if d.dep_ == "dobj"), c)
            return span_chars(list(verb.doc[first.left_edge.i : c.right_edge.i + 1]))
    return None


_EMBEDDED = frozenset({"advcl", "acl", "relcl"})


def _to_sentence_end(verb: Token, content: tuple[int, int] | None) -> tuple[int, int] | None:
    """Reported speech to the right of its cue runs to the end of the sentence (PolNeAR keeps
    trailing adverbial clauses), stopping at the next cue; a cue in a clause of its own ("Asked
    whether ..., Reid said", "Perez, who said ..., arrived") reports no further than its clause."""
    if content is None or content[0] < verb.idx:
        return content
    end = content[1]
    text = doc_text(verb.doc)
    embedded = verb.dep_ in _EMBEDDED
    for tok in sentence(verb):
        if tok.idx < end:
            continue
        if embedded and tok.i > verb.right_edge.i:
            break
        if tok.is_space or "\n" in tok.text or (tok.pos_ == "VERB" and cue_lemma(tok.lower_)):
            break
        if tok.text in '”"' and not any(m in text[content[0] : tok.idx] for m in '“"'):
            break  # the content began inside a quote that closes here
        if not tok.is_punct or tok.text in "\"”’'":
            end = tok.idx + len(tok.text)
    return content[0], end


def _before_according_to(verb: Token, content: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "X warned that Y, according to a report": the report is the outer source, so X's
    content stops before "according to"."""
    if content is None or content[0] < verb.idx:
        return content
    for tok in sentence(verb):
        if not content[0] < tok.idx < content[1] or tok.lower_ != "according":
            continue
        if followed_by(tok, "to"):
            kept = [t for t in tok.doc[verb.i + 1 : tok.i] if t.idx >= content[0]]
            span = span_chars(kept)
            return span if span is not None else content
    return content
