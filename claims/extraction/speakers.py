"""Who speaks: the subject of a cue resolved to a speaker, with pronouns, descriptors ("the
Pentagon chief"), surnames, acronyms and place metonyms resolved to the entities the article
introduced earlier, and documents ("figures released by the police") to their authors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claims.extraction.entities import (
    Entity,
    EntityMemory,
    affiliation_for,
    appositive_role,
    clean_name,
    expand,
    overlaps,
    person_part,
)
from claims.extraction.parse import child, doc_text
from claims.extraction.speaker_words import (
    AUTHOR_VERBS,
    DOCUMENT_NOUNS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    LEADING_DET,
    MENTION_DEPS,
    ORG_ENTITY_LABELS,
    ORG_NOUNS,
    PERSONAL_PRONOUNS,
    PHRASE_DEPS,
    POLL_NOUNS,
    POSSESSIVE,
    RELATIVE,
    ROLE_NOUNS,
    SHARE_NOUNS,
    TITLES,
    UTTERANCE_NOUNS,
)


@dataclass(frozen=True)
class Speaker:
    name: str
    mention: str
    kind: str  # person | organization | government | outlet | unknown
    role: str = ""
    affiliation: str = ""
    mention_start: int | None = None
    mention_end: int | None = None


class SpeakerResolver:
    """Speakers of one document. resolve() must be called in text order: pronouns and
    descriptors take the latest entity the memory has learnt."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.memory = EntityMemory(doc)
        # The speakers of the cues resolved so far, latest last: a pronoun or a description
        # refers to the salient speaker of the passage rather than to the latest name.
        self._salient: list[tuple[int, Speaker, str]] = []  # (mention start, speaker, gender)

    def mention_span(self, head: Token) -> Span:
        """The noun phrase naming the speaker, without relative clauses or appositions."""
        left = head.i
        for c in head.lefts:
            if c.dep_ in MENTION_DEPS or (c.ent_type_ and c.ent_iob_ != "O"):
                left = min(left, c.left_edge.i)
        right = head.i
        for c in head.rights:
            if c.dep_ in {"flat", "compound"} or (
                c.ent_type_ and c.ent_type_ == head.ent_type_ and c.i == right + 1
            ):
                right = c.i
        return _on_line(head, left, right)

    def resolve(self, head: Token) -> Speaker:
        """Speaker for the subject token of a cue (or the object of "according to")."""
        found = self._resolve(head)
        known = next((k for k in self.memory.entities if k.name == found.name), None)
        # Only a named entity or an unnamed group may be referred back to: a bare role ("the
        # nominee") that nobody was resolved to is a weaker antecedent than the latest name.
        if found.name and (known is not None or _plural(found)):
            self._salient.append((head.idx, found, known.gender if known else ""))
        return found

    def _salient_speaker(self, before: int, fits: Callable[[Speaker, str], bool]) -> Speaker | None:
        """The latest cue speaker that fits, if it spoke within the last few paragraphs."""
        for start, speaker, gender in reversed(self._salient):
            if before - start > _SALIENCE_CHARS:
                return None
            if start < before and fits(speaker, gender):
                return speaker
        return None

    def _resolve(self, head: Token) -> Speaker:
        token_span = (head.idx, head.idx + len(head.text))
        if head.pos_ in {"VERB", "AUX"}:
            # A mis-parse, never a speaker: say who is unknown rather than naming a verb.
            return _speaker(None, head.text, *token_span)
        if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
            # "Sanders, who said ...": named by the antecedent, mentioned as "who".
            antecedent = head.head.head
            if antecedent.pos_ not in {"NOUN", "PROPN", "PRON"}:
                return _speaker(None, head.text, *token_span)
            found = self.resolve(antecedent)
            return replace(
                found, mention=head.text, mention_start=token_span[0], mention_end=token_span[1]
            )
        span = self.mention_span(head)
        self.memory.learn_until(span.start_char)
        mention = span.text
        low = head.lower_
        start, end = span.start_char, span.end_char
        if low in PERSONAL_PRONOUNS:
            gender = PERSONAL_PRONOUNS[low]
            salient = self._salient_speaker(
                start,
                lambda s, g: s.kind == "person" and (not gender or not g or g == gender),
            )
            if salient is not None:
                return _mentioned(salient, mention, start, end)
            return _speaker(self._pronoun(gender, start), mention, start, end)
        if low in GROUP_PRONOUNS or low == "it":
            # "The agency said ... It added": a body speaks as "it", a body or group as "they".
            salient = self._salient_speaker(
                start, lambda s, g: s.kind in _BODY_KINDS or (low != "it" and _plural(s))
            )
            if salient is not None:
                return _mentioned(salient, mention, start, end)
            known = self._group(start) if low != "it" else None
            return _speaker(known, mention, start, end)
        if low in FIRST_PERSON:
            return _speaker(None, mention, start, end)

        owner = child(head, "poss") if head.lower_ in UTTERANCE_NOUNS else None
        if owner is not None and owner.lower_ in PERSONAL_PRONOUNS:
            # "His speech cited ...": the speaker of the speech speaks.
            found = self.resolve(owner)
            if found.name:
                return replace(found, mention=mention, mention_start=start, mention_end=end)

        if _share_of_people(head):
            poll = self._poll_before(head)
            if poll is not None:
                return replace(poll, mention=mention, mention_start=start, mention_end=end)

        named = self._appositive(head) or self._included(head, span)
        if named is not None:
            return named
        person = next(
            (
                p
                for e in self.memory.ents
                if overlaps(e, span) and (p := person_part(e)) is not None
            ),
            None,
        )
        if person is not None:
            return self._person(head, span, person)

        if head.lower_ in DOCUMENT_NOUNS and head.pos_ == "NOUN":
            return self._document(head)

        known_person = (
            self.memory.by_surname(clean_name(head.text), start) if head.is_title else None
        )
        if known_person is not None and head.pos_ == "PROPN":
            known_person.start = start
            return _speaker(known_person, mention, start, end)

        if head.ent_type_ in ORG_ENTITY_LABELS or head.pos_ == "PROPN":
            known = self.memory.org_from_span(span, None)
            if known is not None:
                return _speaker(known, mention, start, end)

        words = [
            t.lower_
            for t in span
            if t.lower_ not in {"the", "a", "an", "this", "that"} and t.is_alpha
        ]
        if span[0].lower_ in {"the", "this", "that"} and words:
            known = self._descriptor(words, start)
            if known is not None:
                known.start = start
                return _speaker(known, mention, start, end)
        name = LEADING_DET.sub("", mention)
        if (
            head.lower_ in ROLE_NOUNS
            and head.tag_ == "NN"
            and not any(t.pos_ == "PROPN" for t in span)
        ):
            # "The mayor said" with no mayor named: an unnamed source in that role. The name
            # stays the role too, since a source without a name is stored as the article's own
            # voice. "Officials" are the group they name.
            return Speaker(name, mention, "person", role=name, mention_start=start, mention_end=end)
        kind = "organization" if head.lower_ in ORG_NOUNS else "unknown"
        return Speaker(name, mention, kind, mention_start=start, mention_end=end)

    def _pronoun(self, gender: str, before: int) -> Entity | None:
        return self.memory.latest(
            before,
            lambda k: k.kind == "person" and (not gender or not k.gender or k.gender == gender),
        )

    def _group(self, before: int) -> Entity | None:
        return self.memory.latest(
            before, lambda k: k.kind in {"organization", "government", "outlet"}
        )

    def _descriptor(self, words: list[str], before: int) -> Entity | None:
        """ "the Pentagon chief" -> the latest entity whose role or affiliation fits."""
        if not words:
            return None
        head = expand({words[-1]})
        modifiers = expand(set(words[:-1]))
        best: tuple[int, int] | None = None
        chosen = None
        for idx, known in enumerate(self.memory.entities):
            if known.start > before or not (head & known.words):
                continue
            score = len(modifiers & known.words)
            if modifiers and not score:
                continue
            if best is None or (score, idx) > best:
                best, chosen = (score, idx), known
        return chosen

    def _person(self, head: Token, span: Span, person: Span) -> Speaker:
        """A named person, with the role the words before the name give ("Kremlin spokesman
        Dmitry Peskov") or, failing those, an apposition after it."""
        known = self.memory.person_from_span(person)
        role_span = self.doc[span.start : person.start]
        role = LEADING_DET.sub("", POSSESSIVE.sub("", role_span.text).strip())
        role_tokens = list(role_span)
        if all(w.lower() in TITLES for w in role.split()):
            role = ""
        if not role:
            # "Lena Park, a spokeswoman for the mayor, said"
            role = appositive_role(head)
            role_tokens = []
        if role:
            # A fuller statement of the role the memory knows ("spokeswoman for the mayor"
            # where "spokeswoman" was learnt) replaces it.
            if not known.role or role.startswith(known.role):
                known.role = role
            known.affiliation = known.affiliation or affiliation_for(role_tokens, "")
        return _speaker(known, span.text, span.start_char, span.end_char)

    def _appositive(self, head: Token) -> Speaker | None:
        """ "A spokeswoman for the mayor, Lena Park, said": the name in apposition at the end of
        the subject is the speaker, the phrase before it her role."""
        if head.ent_type_ == "PERSON":
            return None
        subject = list(head.subtree)
        named = [t for t in subject if t.dep_ == "appos" and t.ent_type_ == "PERSON"]
        if not named:
            return None
        name_tok = named[-1]
        ent = next((e for e in self.memory.ents if e.start <= name_tok.i < e.end), None)
        person = person_part(ent) if ent is not None else None
        if person is None or any(not t.is_punct for t in subject if t.i >= person.end):
            return None
        role_tokens = [t for t in subject if t.i < person.start]
        while role_tokens and (role_tokens[-1].is_punct or role_tokens[-1].is_space):
            role_tokens.pop()
        if not role_tokens or any("\n" in t.text for t in role_tokens):
            return None
        self.memory.learn_until(role_tokens[0].idx)
        known = self.memory.person_from_span(person)
        role_text = self.doc[role_tokens[0].i : role_tokens[-1].i + 1].text
        known.role = known.role or LEADING_DET.sub("", role_text)
        known.affiliation = known.affiliation or affiliation_for(role_tokens, "")
        mention = self.doc[role_tokens[0].i : person.end]
        return _speaker(known, mention.text, mention.start_char, mention.end_char)

    def _included(self, head: Token, span: Span) -> Speaker | None:
        """ "Critics, including councillor Jane Smith, argued": the named member speaks for
        the group; the mention runs over the whole phrase."""
        prep = next((c for c in head.rights if c.lower_ == "including" and c.dep_ == "prep"), None)
        member = child(prep, "pobj") if prep is not None else None
        if (
            member is None
            or member.ent_type_ != "PERSON"
            or "\n" in head.doc[head.i : member.i].text
        ):
            return None
        found = self.resolve(member)
        if not found.name:
            return None
        end = max(found.mention_end or 0, member.idx + len(member.text))
        mention = doc_text(self.doc)[span.start_char : end]
        return replace(found, mention=mention, mention_start=span.start_char, mention_end=end)

    def _poll_before(self, head: Token) -> Speaker | None:
        """The poll or survey the passage before `head` reports, if one is named within the
        last few paragraphs: "A new poll ... 25 percent say" is the poll's finding."""
        doc = head.doc
        for tok in reversed(doc[max(0, head.i - _POLL_LOOKBACK_TOKENS) : head.i]):
            if head.idx - tok.idx > _SALIENCE_CHARS:
                break
            if tok.lower_ in POLL_NOUNS and tok.pos_ == "NOUN":
                return self._document(tok)
        return None

    def _issuer_before(self, head: Token) -> Speaker | None:
        """Who issued "the release" or filed "the complaint" a few sentences earlier ("The
        company issued a release on Monday. The release said ..."), when a definite document
        names no author of its own."""
        if head.i == 0 or not any(c.lower_ in {"the", "this", "that"} for c in head.lefts):
            return None
        doc = head.doc
        for tok in reversed(doc[max(0, head.i - _POLL_LOOKBACK_TOKENS) : head.i]):
            if head.idx - tok.idx > _SALIENCE_CHARS:
                break
            verb = tok.head
            if tok.lower_ != head.lower_ or tok.dep_ != "dobj" or verb.lower_ not in AUTHOR_VERBS:
                continue
            issuer = child(verb, "nsubj")
            if issuer is None or issuer.lower_ in RELATIVE or issuer.pos_ not in {"PROPN", "NOUN"}:
                return None
            found = self._resolve(issuer)
            return found if found.name else None
        return None

    def _document(self, head: Token) -> Speaker:
        """A document or data set speaks for its author when the phrase names one ("figures
        released by the police department"); otherwise it is named by its whole phrase ("a
        report seen by the Grey Valley Courier"), never by the bare noun."""
        phrase = _phrase(head)
        mention, start, end = phrase.text, phrase.start_char, phrase.end_char
        author = _author(head)
        if author is not None and author.pos_ in {"NOUN", "PROPN"}:
            # The mention ends with the author: "Figures released by the police (on Monday)".
            if head.i < author.i:
                phrase = _on_line(head, phrase.start, author.right_edge.i)
                mention, start, end = phrase.text, phrase.start_char, phrase.end_char
            found = self.resolve(author)
            if found.name:
                kind = found.kind
                if kind == "unknown" and author.lower_ in ORG_NOUNS:
                    kind = "organization"
                return replace(
                    found, kind=kind, mention=mention, mention_start=start, mention_end=end
                )
        issuer = self._issuer_before(head)
        if issuer is not None:
            return replace(issuer, mention=mention, mention_start=start, mention_end=end)
        self.memory.learn_until(start)
        name = mention
        if any(t.pos_ == "PROPN" and t.i < head.i for t in phrase):
            name = LEADING_DET.sub("", name)  # "the Bloomberg poll" is named without "the"
        return Speaker(
            POSSESSIVE.sub("", name), mention, "unknown", mention_start=start, mention_end=end
        )


# How far back a cue's speaker stays salient for a pronoun: about two paragraphs.
_SALIENCE_CHARS = 700
_BODY_KINDS = frozenset({"organization", "government", "outlet"})


# How many tokens back a poll is looked for (a bound for the scan; the salience window decides).
_POLL_LOOKBACK_TOKENS = 200


def _share_of_people(head: Token) -> bool:
    """Whether a subject is a share of those asked: "25 percent", "a majority", "less than a
    third", "most of them"."""
    if head.ent_type_ == "PERCENT" or head.lower_ in {"percent", "%"}:
        return True
    return head.lower_ in SHARE_NOUNS and head.pos_ in {"NOUN", "ADJ", "NUM"}


def _plural(speaker: Speaker) -> bool:
    """Whether an unnamed speaker is a group ("critics", "officials")."""
    last = speaker.mention.split()[-1].lower() if speaker.mention else ""
    return last.endswith("s") and not last.endswith("ss") and speaker.kind != "person"


def _mentioned(speaker: Speaker, mention: str, start: int, end: int) -> Speaker:
    """`speaker` as mentioned again at start..end (by a pronoun)."""
    return replace(speaker, mention=mention, mention_start=start, mention_end=end)


def _speaker(known: Entity | None, mention: str, start: int, end: int) -> Speaker:
    """The speaker mentioned at start..end: the known entity, or an unnamed one."""
    if known is None:
        return Speaker("", mention, "unknown", mention_start=start, mention_end=end)
    return Speaker(known.name, mention, known.kind, known.role, known.affiliation, start, end)


def _on_line(head: Token, left: int, right: int) -> Span:
    """Tokens left..right that share the head's paragraph: a parse that runs a dateline into
    the next paragraph must not put it in the mention."""
    doc = head.doc
    while left < head.i and any("\n" in t.text for t in doc[left : head.i + 1]):
        left += 1
    while right > head.i and any("\n" in t.text for t in doc[head.i : right + 1]):
        right -= 1
    while left < head.i and (doc[left].is_space or doc[left].is_punct):
        left += 1
    return doc[left : right + 1]


def _phrase(head: Token) -> Span:
    """A noun phrase with its prepositional and participle modifiers ("a report seen by the
    Courier"), without relative clauses, appositions or anything after a comma."""
    right = head.i
    for c in head.rights:
        if c.dep_ not in PHRASE_DEPS or c.is_punct:
            break
        tokens = head.doc[c.i : c.right_edge.i + 1]
        if any(t.is_punct and t.text not in "'’-" for t in tokens):
            break
        right = c.right_edge.i
    return _on_line(head, head.left_edge.i, right)


def _author(head: Token) -> Token | None:
    """Who wrote or released a document: "figures released by X", "a study by X", "data from
    X", "X's report"."""
    for c in head.children:
        if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}:
            return c
        if c.dep_ == "prep" and c.lower_ in {"by", "from"} and c.i > head.i:
            return child(c, "pobj")
        if c.dep_ == "acl" and c.lower_ in AUTHOR_VERBS:
            agent = child(c, "agent")
            if agent is not None:
                return child(agent, "pobj")
    return None
