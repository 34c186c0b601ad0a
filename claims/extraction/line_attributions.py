"""Attributions that the layout of a line marks, which the parser reads badly or not at all: a
quote signed with a dash and a name, transcript lines ("PENCE: Well, ..."), and the title."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from claims.extraction.cues import INTENT_VERBS, SPEECH_VERBS, cue_kind, cue_lemma
from claims.extraction.layout import trim
from claims.extraction.parse import doc_text
from claims.extraction.patterns import (
    COLON_SPEAKER,
    DASH_SIGNATURE,
    LEADING_ARTICLE,
    NOT_COLON_SPEAKERS,
    TITLE_AFTER,
    TITLE_COLON,
    TITLE_NOT_SPEAKERS,
    TITLE_VERB,
)
from claims.extraction.quotes import Quote
from claims.extraction.records import Attribution
from claims.extraction.speakers import Speaker, SpeakerResolver

_Span = tuple[int, int]


def dash_attributions(text: str, quotes: list[Quote]) -> list[Attribution]:
    """“...” ― Name: a quote closed at line start by a dash and a name."""
    out = []
    for q in quotes:
        line_start = text.rfind("\n", 0, q.start) + 1
        if text[line_start : q.start].strip():
            continue
        m = DASH_SIGNATURE.match(text[q.end :])
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


def colon_attributions(doc: Doc, base: int) -> list[Attribution]:
    """Transcripts and headlines: "PENCE: Well, look, ..." / "Sanders: Clinton needs ..."."""
    text = doc_text(doc)
    out = []
    for m in COLON_SPEAKER.finditer(text):
        name = m.group(1)
        if name.lower() in NOT_COLON_SPEAKERS:
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        labels = {t.ent_type_ for t in span} if span is not None else set()
        if not (name.isupper() or labels & {"PERSON", "ORG"}):
            continue
        start, end = trim(text, m.start(2), m.end(2))
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
                text[start:end],
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


def title_attributions(doc: Doc, resolver: SpeakerResolver) -> list[Attribution]:
    """Attributions in the article's title (its first line), which the parser reads badly:
    title case hides names and verbs alike."""
    text = doc_text(doc)
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end == -1 or not text[end:].strip():
        return []
    line = text[start:end].rstrip()
    found = _title_spans(line, text[end:].lower())
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
        speaker = replace(speaker, name=LEADING_ARTICLE.sub("", mention))
    speaker = replace(speaker, mention=mention, mention_start=ns, mention_end=ne)
    ts, te = trim(text, ts, te)
    kind = cue_kind(cue_lemma(text[cs:ce]) or "say")  # "Name: ..." titles report speech
    return [
        Attribution(
            text[ts:te],
            ts,
            te,
            "indirect",
            text[cs:ce],
            cs,
            ce,
            speaker,
            confidence=0.5,
            cue_kind=kind,
        )
    ]


def _title_spans(line: str, body: str) -> tuple[_Span, _Span, _Span] | None:
    """(name, cue, content) spans in a title line, by its three title shapes; a "Name:" title
    counts only when the article body mentions every word of the name."""
    if m := TITLE_COLON.match(line):
        words = m.group(1).lower().split()
        if words[0] not in TITLE_NOT_SPEAKERS and all(w in body for w in words):
            return m.span(1), (m.end(1), m.end(1) + 1), m.span(2)
    elif (m := TITLE_AFTER.match(line)) or (m := TITLE_VERB.match(line)):
        name, verb, content = (2, 3, 1) if m.re is TITLE_AFTER else (1, 2, 3)
        if cue_lemma(m.group(verb)) in SPEECH_VERBS | INTENT_VERBS:
            return m.span(name), m.span(verb), m.span(content)
    return None
