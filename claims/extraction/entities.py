"""The people and bodies an article has introduced so far, built from its named entities, with
their names cleaned of titles and their roles and affiliations read off the words before them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claims.extraction.parse import doc_text
from claims.extraction.speaker_words import (
    ACRONYM_GAPS,
    ACRONYMS,
    CREDIT_WORDS,
    FEMALE_NAMES,
    FEMALE_TITLES,
    GENERIC_INSTITUTIONS,
    GIVEN_NAMES,
    GOVERNMENT_WORDS,
    LEADING_DET,
    MALE_NAMES,
    MALE_TITLES,
    METONYMS,
    NOT_PERSON_ENDINGS,
    ORG_ENTITY_LABELS,
    OUTLET_WORDS,
    POSSESSIVE,
    ROLE_NOUNS,
    SYNONYMS,
    TITLE_ROLES,
    TITLES,
)


@dataclass
class Entity:
    name: str
    kind: str
    role: str
    affiliation: str
    gender: str  # male | female | ""
    start: int  # first character of the mention that introduced or last repeated it
    words: set[str] = field(default_factory=set)


def clean_name(text: str) -> str:
    """A name without possessive ending and leading honorifics: "Mr. Hall's" -> "Hall"."""
    text = POSSESSIVE.sub("", text.strip())
    words = text.split()
    while words and words[0].lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def expand(words: set[str]) -> set[str]:
    """`words` with the words they match under another name ("chief" -> "secretary", ...)."""
    out = set(words)
    for w in words:
        out |= SYNONYMS.get(w, set())
    return out


def lower_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w.]+", text.lower()) if w not in {"the", "of", "a", "'s"}}


def government_name(text: str) -> str | None:
    """The government a place name stands for ("Moscow" -> "Russian government")."""
    key = POSSESSIVE.sub("", LEADING_DET.sub("", text.strip())).lower()
    return METONYMS.get(key)


def _org_kind(name: str) -> str:
    words = lower_words(name)
    if words & OUTLET_WORDS:
        return "outlet"
    if words & GOVERNMENT_WORDS:
        return "government"
    return "organization"


def affiliation_for(role_tokens: list[Token], country: str) -> str:
    """ "Secretary of Defense" -> "Pentagon"; "Kremlin spokesman" -> "Kremlin"."""
    low = " ".join(t.lower_ for t in role_tokens)
    if "defense" in low or "defence" in low:
        if "secretary" in low and not country:
            return "Pentagon"
        if "minister" in low:
            return f"{country} Ministry of Defense".strip()
    # Only named institutions count: "Education Minister" has a role but no named affiliation,
    # and "Council member" names no particular council.
    named = [t for t in role_tokens if t.ent_type_ in ORG_ENTITY_LABELS]
    name = POSSESSIVE.sub("", " ".join(t.text for t in named))
    if all(w in GENERIC_INSTITUTIONS or w in ROLE_NOUNS for w in lower_words(name)):
        return ""
    return name


def overlaps(ent: Span, span: Span) -> bool:
    return ent.start < span.end and span.start < ent.end


def person_part(ent: Span) -> Span | None:
    """The person named by an entity, also when the small model glues the name to a title and
    calls it an organization ("Defense Lloyd Austin’s" tagged ORG); places mistagged as people
    ("Kiev") are not persons."""
    if ent.label_ == "PERSON":
        if government_name(ent.text) is not None or not _person_like(ent):
            return None
        return ent
    for tok in ent:
        if tok.lower_ in GIVEN_NAMES and tok.i + 1 < ent.end and tok.nbor(1).is_title:
            end = ent.end
            if ent.doc[end - 1].tag_ == "POS":
                end -= 1
            return ent.doc[tok.i : end]
    return None


def _person_like(ent: Span) -> bool:
    """Whether a PERSON entity can be a person: not a law or a place by its last word, and not
    a name in a photo credit ("Photo: Jane Roe / Reuters")."""
    if ent[-1].lower_ in NOT_PERSON_ENDINGS:
        return False
    # A headline's words ("Will Run Ads Demanding") or a case name ("Trump v. Trump") that the
    # small model tags PERSON: a name holds no verb and no "v.".
    if any(t.pos_ in {"VERB", "AUX"} or t.lower_ in _CASE_WORDS for t in ent):
        return False
    text = doc_text(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    first = re.match(r"\W*(\w+)", text[line_start : ent.start_char])
    return not (first and first.group(1).lower() in CREDIT_WORDS)


def appositive_role(head: Token, *, head_only: bool = False) -> str:
    """The role given in apposition after a name: "Lena Park, a spokeswoman for the mayor"
    ("a spokeswoman" with `head_only`)."""
    appos = next((c for c in head.rights if c.dep_ == "appos"), None)
    if appos is None or appos.lower_ not in ROLE_NOUNS:
        return ""
    tokens = [t for t in appos.subtree if t.dep_ not in {"relcl", "punct"}]
    if head_only:
        tokens = [t for t in tokens if t.i <= appos.i]
    phrase = head.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
    if "\n" in phrase or "," in phrase or len(tokens) > 8:
        return ""
    return LEADING_DET.sub("", phrase)


_CASE_WORDS = frozenset({"v.", "vs.", "v", "vs"})


def _initials(name: str) -> str:
    """ "Environmental Protection Agency" -> "epa"."""
    return "".join(w[0] for w in name.split() if w.lower() not in ACRONYM_GAPS).lower()


def _role_tokens(ent: Span) -> list[Token]:
    """Title words right before a person's name: "Kremlin spokesman", "Secretary of Defense"."""
    doc = ent.doc
    i = ent.start - 1
    tokens: list[Token] = []
    while i >= 0:
        tok = doc[i]
        low = tok.lower_
        if tok.is_punct or (tok.pos_ in {"VERB", "AUX", "ADP"} and low != "of"):
            break
        if low in {"the", "a", "an"} or (tok.dep_ == "poss" and tok.ent_type_ == "PERSON"):
            break
        if low == "of" and not tokens:
            break
        if not (tok.is_title or tok.is_upper or low in ROLE_NOUNS or low == "of"):
            break
        if tok.ent_type_ == "PERSON":
            break
        if low in TITLES:
            # Honorifics ("Mr.") are not roles; a role may still precede them.
            i -= 1
            continue
        tokens.insert(0, tok)
        i -= 1
    while tokens and tokens[0].lower_ == "of":
        tokens.pop(0)
    return tokens


class EntityMemory:
    """The entities of one document, learnt in text order so that the latest one mentioned
    before a point can be looked up."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ents = list(doc.ents)  # Doc.ents builds new spans on every access
        self.entities: list[Entity] = []
        self._seen_upto = 0
        self._acronyms: dict[str, str] = {}

    def remember(self, entity: Entity) -> Entity:
        """The known entity of the same name, updated, or `entity` as a new one."""
        for known in self.entities:
            if known.name == entity.name:
                known.start = max(known.start, entity.start)
                known.role = known.role or entity.role
                known.affiliation = known.affiliation or entity.affiliation
                known.gender = known.gender or entity.gender
                return known
        entity.words = expand(lower_words(f"{entity.name} {entity.role} {entity.affiliation}"))
        self.entities.append(entity)
        return entity

    def learn_until(self, char: int) -> None:
        """Register named entities introduced before `char` (in the article's order)."""
        for ent in self.ents:
            if ent.start_char < self._seen_upto or ent.start_char >= char:
                continue
            person = person_part(ent)
            if person is not None:
                self.person_from_span(person)
            elif ent.label_ in {"ORG", "GPE"}:
                self.org_from_span(ent, ent)
        self._seen_upto = max(self._seen_upto, char)

    def by_surname(self, name: str, before: int) -> Entity | None:
        last = name.split()[-1].lower() if name else ""
        for known in reversed(self.entities):
            if known.kind != "person" or known.start > before:
                continue
            parts = known.name.lower().split()
            if len(parts) > 1 and last in parts:
                return known
        return None

    def person_from_span(self, ent: Span) -> Entity:
        name = clean_name(ent.text)
        titles = {t.lower_ for t in self.doc[max(0, ent.start - 1) : ent.end]}
        first = name.split()[0].lower() if name else ""
        gender = ""
        if titles & MALE_TITLES or first in MALE_NAMES:
            gender = "male"
        elif titles & FEMALE_TITLES or first in FEMALE_NAMES:
            gender = "female"
        if len(name.split()) == 1:
            known = self.by_surname(name, ent.start_char)
            if known is not None:
                known.start = ent.start_char
                return known
        role_toks = _role_tokens(ent)
        role = " ".join(t.text for t in role_toks)
        if not role and ent.start > 0:
            role = TITLE_ROLES.get(self.doc[ent.start - 1].lower_, "")
        if not role:
            # "John Park, the director of the bank, ...": the role in apposition, so that
            # "the director" later in the article is known to be him. Only the role noun and
            # the words before it: "an adviser to the campaign" does not make him "the campaign".
            role = appositive_role(ent.root, head_only=True)
        country = next((t.text for t in role_toks if t.ent_type_ in {"NORP", "GPE"}), "")
        country = {"Russia’s": "Russian", "Russia's": "Russian"}.get(country, country)
        return self.remember(
            Entity(
                name=name,
                kind="person",
                role=POSSESSIVE.sub("", role),
                affiliation=affiliation_for(role_toks, POSSESSIVE.sub("", country)),
                gender=gender,
                start=ent.start_char,
            )
        )

    def org_from_span(self, span: Span, ent: Span | None) -> Entity | None:
        """The body a span names; None for a place that is no government (a GPE entity)."""
        text = LEADING_DET.sub("", span.text.strip())
        text = POSSESSIVE.sub("", text)
        words = text.split()
        if not words:
            return None
        acronym = words[-1].lower()
        if acronym in ACRONYMS and words[-1].isupper():
            prefix = " ".join(words[:-1])
            if prefix:
                name = f"{prefix} {ACRONYMS[acronym]}"
                self._acronyms[acronym] = name
            else:
                name = self._acronyms.get(acronym, ACRONYMS[acronym])
            kind = "government" if "Ministry" in name or "Department" in name else "organization"
            return self.remember(Entity(name, kind, "", "", "", span.start_char))
        if len(words) == 1 and text.isupper() and 2 <= len(text) <= 6:
            # "The EPA" after "the Environmental Protection Agency": the article's own expansion.
            spelled = next(
                (
                    k
                    for k in reversed(self.entities)
                    if k.kind != "person"
                    and len(k.name.split()) > 1
                    and _initials(k.name) == acronym
                ),
                None,
            )
            if spelled is not None:
                spelled.start = max(spelled.start, span.start_char)
                return spelled
        government = government_name(text)
        if government is not None:
            return self.remember(Entity(government, "government", "", "", "", span.start_char))
        if ent is not None and ent.label_ == "GPE":
            return None
        return self.remember(Entity(text, _org_kind(text), "", "", "", span.start_char))

    def latest(self, before: int, fits: Callable[[Entity], bool]) -> Entity | None:
        candidates = [k for k in self.entities if k.start <= before and fits(k)]
        return max(candidates, key=lambda k: k.start, default=None)
