"""Candidate attributions of a parsed chunk: each cue (a reporting verb, "according to", a noun
such as "claim") with the token that names its speaker and the span of its content."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from claims.extraction.content import verb_content
from claims.extraction.cues import (
    CUE_NOUNS,
    NAMING_VERBS,
    SPEECH_VERBS,
    VERB_FORMS,
    cue_kind,
    cue_lemma,
)
from claims.extraction.layout import in_spans
from claims.extraction.parse import (
    child,
    doc_text,
    followed_by,
    sentence,
    span_chars,
    subtree_tokens,
)
from claims.extraction.patterns import CLIMB_DEPS, SUBJECT_DEPS
from claims.extraction.speaker_words import DOCUMENT_NOUNS, ROLE_NOUNS
from claims.extraction.speakers import Speaker

# Every word that can be a cue: a reporting verb form, a cue noun, "according".
CUE_WORDS = frozenset(VERB_FORMS) | CUE_NOUNS | {"according"}


@dataclass
class Candidate:
    cue: Token
    cue_text: str
    cue_start: int
    cue_end: int
    speaker_tok: Token | None
    content: tuple[int, int] | None  # character span
    confidence: float
    speaker: Speaker | None = None
    # "X was accused of ...": reported speech whose source the sentence does not name.
    unsourced: bool = False
    cue_kind: str = "speech"  # see cues.CUE_KINDS


def find_candidates(doc: Doc, base: int, headlines: list[tuple[int, int]]) -> list[Candidate]:
    """The cues of one chunk outside headline lines, in text order; offsets are the chunk's,
    `base` places the chunk in the article."""
    found: list[Candidate] = []
    # One pass over the tokens keeps only the words a cue can be: building a Token per word is
    # what costs here, so the rules below look at a few hundred tokens, not every one.
    words = [doc[i] for i in _cue_word_indices(doc)]
    mistagged = {tok.i for tok in words if _mistagged_cue(tok)}
    for tok in words:
        if in_spans(base + tok.idx, headlines):
            continue
        if tok.i in mistagged:
            content = span_chars(list(doc[tok.i + 1 : sentence(tok).end]))
            subject = child(tok, "nsubj")
            cand = _at(tok, subject, content, 0.6)
            cand.cue_kind = _verb_kind(str(cue_lemma(tok.lower_)), subject)
            found.append(cand)
            continue
        subject_head = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        if subject_head is not None and subject_head.head.head.i in mistagged:
            continue  # "show that reported crime fell": "that" is the mis-tagged cue's clause
        proposed = _candidate(tok)
        if proposed is not None:
            found.append(proposed)
    return found


def _cue_word_indices(doc: Doc) -> list[int]:
    """Indices of the tokens whose lower-case form can be a cue, read off the doc's array of
    string hashes without making Token objects."""
    strings = doc.vocab.strings
    hashes = {strings.add(word) for word in CUE_WORDS}
    return [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in hashes]


def _at(
    tok: Token,
    speaker_tok: Token | None,
    content: tuple[int, int] | None,
    confidence: float,
    unsourced: bool = False,
) -> Candidate:
    """A candidate whose cue is the single token `tok`."""
    return Candidate(
        tok,
        tok.text,
        tok.idx,
        tok.idx + len(tok),
        speaker_tok,
        content,
        confidence,
        unsourced=unsourced,
    )


def _candidate(tok: Token) -> Candidate | None:
    """The candidate whose cue is `tok`, if it is a cue with a speaker and content."""
    low = tok.lower_
    # Participles used as modifiers ("the maintaining of...", "a promised cut") report nothing.
    usable = tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound", "pcomp"}
    lemma = cue_lemma(low) if usable else None
    if lemma in NAMING_VERBS and tok.dep_ == "acl" and tok.tag_ == "VBN":
        return None  # "a group called X" names the group; "a statement calling X a lie" reports
    if lemma is not None:
        content = verb_content(tok, lemma)
        subject = _asker(tok, lemma) if _bare_participle(tok) else _subject(tok)
        passive = subject is None and (
            _bare_participle(tok) or any(c.dep_ == "nsubjpass" for c in tok.children)
        )
        confidence = 0.4 if passive else 0.75
        cand = _at(tok, subject, content, confidence, passive and lemma in SPEECH_VERBS)
        cand.cue_kind = _verb_kind(lemma, subject)
        return cand
    if low == "according" and followed_by(tok, "to"):
        source, content = _according_to(tok)
        if source is None or content is None:
            return None
        end = tok.nbor(1).idx + 2
        cue = doc_text(tok.doc)[tok.idx : end]
        return Candidate(
            tok, cue, tok.idx, end, source, content, 0.8, cue_kind=cue_kind("according to")
        )
    if low in CUE_NOUNS and tok.pos_ == "NOUN":
        owner, content = _noun_cue(tok)
        if owner is None or content is None:
            return None
        cand = _at(tok, owner, content, 0.6)
        cand.cue_kind = cue_kind(low)
        return cand
    return None


def _bare_participle(verb: Token) -> bool:
    """ "Asked about the plan, Reid said ...": a passive participle clause of its own, whose
    understood subject (Reid) is who was asked, not who asked; the asker goes unnamed."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and not any(
            c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "agent"} for c in verb.children
        )
    )


def _asker(verb: Token, lemma: str) -> Token | None:
    """ "..., she told the Herald when asked whether ...": the one told is who asked; after
    "said" or any other verb the asker goes unnamed."""
    if lemma != "ask" or verb.head.lower_ not in _TELL_FORMS:
        return None
    told = child(verb.head, "dobj")
    if told is None or told.pos_ not in {"PROPN", "NOUN"}:
        return None
    return told


_TELL_FORMS = frozenset({"told", "tells", "tell", "telling"})


def _verb_kind(lemma: str, subject: Token | None) -> str:
    """The cue kind of a reporting verb, which for some verbs depends on whether a document
    ("the audit concluded") or a person ("she suggested") is its subject."""
    document = subject is not None and subject.lower_ in DOCUMENT_NOUNS
    return cue_kind(lemma, document_subject=document)


def _subject(verb: Token) -> Token | None:
    """Subject of the cue, on the cue's own line: a parse that runs a dateline into the next
    paragraph ("Date: 2024-06-02 / The agency said") takes the noun before the cue instead."""
    subject = _parsed_subject(verb)
    if subject is None:
        return _subject_before_comma(verb)
    if _dateline(subject, verb):
        return _after_dateline(subject, verb)
    if "\n" not in verb.doc[min(subject.i, verb.i) : max(subject.i, verb.i)].text:
        return subject
    for tok in reversed(verb.doc[sentence(verb).start : verb.i]):
        if "\n" in tok.text:
            return None
        if tok.pos_ in {"NOUN", "PROPN", "PRON"}:
            return tok
        if tok.pos_ not in {"AUX", "ADV", "PART"}:
            return None
    return None


_DASHES = frozenset({"-", "—", "–", "--"})


def _dateline(subject: Token, verb: Token) -> bool:
    """Whether the subject is a dateline's place ("LONDON (Reuters) - Trump said"): upper case
    at the start of its line, with a dash between it and the cue."""
    first = subject.left_edge
    line_start = first.i == 0 or "\n" in first.nbor(-1).text or first.nbor(-1).is_space
    return (
        line_start
        and subject.is_upper
        and len(subject.text) > 1
        and subject.i < verb.i
        and any(t.text in _DASHES for t in verb.doc[subject.i : verb.i])
    )


def _after_dateline(place: Token, verb: Token) -> Token | None:
    """The subject that follows the dateline's dash: its first noun or pronoun heading a
    subject or an apposition ("LONDON (Reuters) - Donald Trump said")."""
    doc = verb.doc
    dash = next(t.i for t in doc[place.i : verb.i] if t.text in _DASHES)
    for tok in doc[dash + 1 : verb.i]:
        head = tok
        while head.dep_ in {"compound", "flat"} and dash < head.head.i < verb.i:
            head = head.head
        if head.pos_ in {"PROPN", "NOUN", "PRON"} and head.dep_ in {"nsubj", "appos"}:
            return head
    return None


def _subject_before_comma(verb: Token) -> Token | None:
    """ "In a statement to the paper, her adviser, Jo Lee, said: ...": the parse hangs the
    subject off the phrase before it (as an apposition or an object) and leaves the finite verb
    with none. The person or role named right before ", said" is then the subject, when nothing
    but the comma (and adverbs such as "also" or "last week") stands between them; or the name
    the sentence opens on, when a comma follows it."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    if any(c.dep_ in {"auxpass", "expl"} for c in verb.children):
        return None
    i = verb.i - 1
    while i >= 0 and _adverbial(verb.doc[i], verb):
        i -= 1
    if i < 1 or verb.doc[i].text != ",":
        return None
    opening = _sentence_opening_name(verb)
    if opening is not None:
        return opening
    tok = verb.doc[i - 1]
    while tok.dep_ in {"compound", "flat"} and tok.head.i > tok.i:
        tok = tok.head
    if tok.dep_ not in _STRANDED_DEPS:
        return None
    # Only a person or a role: "in Iowa, a swing state, said" strands a place, not the subject.
    if not (tok.ent_type_ == "PERSON" or (tok.pos_ == "NOUN" and tok.lower_ in ROLE_NOUNS)):
        return None
    if "\n" in verb.doc[tok.i : verb.i].text:
        return None
    return tok


def _adverbial(tok: Token, verb: Token) -> bool:
    """An adverb or a time phrase on the verb ("also", "later", "last week", "on Monday")."""
    if tok.pos_ == "ADV":
        return True
    phrase = tok if tok.head.i == verb.i else tok.head
    return phrase.head.i == verb.i and phrase.dep_ in {"npadvmod", "advmod"}


def _sentence_opening_name(verb: Token) -> Token | None:
    """ "Beck, who backed Cruz in the primaries, last week said ...": a sentence that opens on
    a person's name and a comma, and whose cue comes after the comma with no subject of its own,
    is that person's."""
    sent = sentence(verb)
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.ent_type_ != "PERSON" or first.i >= verb.i:
        return None
    end = first.i
    while end + 1 < verb.i and verb.doc[end + 1].ent_iob_ == "I":
        end += 1
    after = verb.doc[end + 1] if end + 1 < verb.i else None
    return verb.doc[end] if after is not None and after.text == "," else None


# Where the parse leaves a subject stranded before ", said": in apposition to an earlier noun,
# or as the object of an opening prepositional phrase.
_STRANDED_DEPS = frozenset({"appos", "pobj", "conj", "npadvmod"})


def _parsed_subject(verb: Token) -> Token | None:
    """Subject of the cue, climbing from participles and conjuncts ("..., saying that")."""
    tok = verb
    agent = child(verb, "agent") if verb.tag_ == "VBN" else None
    if agent is not None and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return child(agent, "pobj")  # "when asked by reporters": the agent asks
    via_conj = False
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in SUBJECT_DEPS and c.pos_ != "SCONJ":
                if c.dep_ == "nsubjpass" and not via_conj:
                    agent = child(tok, "agent")
                    return child(agent, "pobj") if agent else None
                # "Trump was forced into damage control and said ...": the passive's subject
                # is the subject of the active conjunct too.
                return c
        if tok.dep_ not in CLIMB_DEPS or tok.head is tok:
            return None
        via_conj = tok.dep_ == "conj" and tok.tag_ != "VBN"
        # "a letter saying ...", "a poll showing ...": the document speaks, unless it is a
        # statement whose issuer is the subject further up.
        is_document = tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.lower_ not in CUE_NOUNS
        if tok.dep_ == "acl" and is_document:
            return tok.head
        controller = child(tok.head, "dobj")
        if tok.dep_ == "xcomp" and controller is not None:
            return controller  # "prompting critics to warn": the object speaks
        tok = tok.head
    return None


def _according_to(tok: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """ "X rose 3%, according to the poll": the source is the object of "to", the content the
    rest of the sentence."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and followed_by(tok, "to"):
        to = tok.nbor(1)
    source = child(to, "pobj") if to is not None else None
    sent = sentence(tok)
    phrase_start = tok.i
    phrase_end = source.right_edge.i if source is not None else tok.i + 1
    before = [t for t in sent if t.i < phrase_start]
    after = [t for t in sent if t.i > phrase_end]
    side = before if len(before) >= len(after) else after
    return source, span_chars(side)


def _noun_cue(tok: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """ "X's claim that ...": the possessor speaks, the that-clause is the content."""
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in {"acl", "ccomp"}
            and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
        ),
        None,
    )
    if clause is None:
        return None, None
    return child(tok, "poss"), span_chars(subtree_tokens(clause))


def _mistagged_cue(tok: Token) -> bool:
    """ "Figures released by the police show that ...": the small model tags "show" as a noun
    (a root, or an apposition when a dateline runs into the sentence) with a subject of its
    own; a reporting verb form in that position is the cue."""
    return (
        tok.pos_ == "NOUN"
        and cue_lemma(tok.lower_) in SPEECH_VERBS
        and followed_by(tok, "that")
        and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)
    )
