"""Who speaks: speaker mentions split into name, role and affiliation, and resolution of
pronouns, descriptors ("the Pentagon chief"), surnames, acronyms and place metonyms to the
entities the article introduced earlier."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Speaker:
    name: str
    mention: str
    kind: str  # person | organization | government | outlet | unknown
    role: str = ""
    affiliation: str = ""
    mention_start: int | None = None
    mention_end: int | None = None


# Places that stand for their government when they say or do something.
_METONYMS = {
    "moscow": "Russian government",
    "kremlin": "Russian government",
    "russia": "Russian government",
    "washington": "US government",
    "united states": "US government",
    "us": "US government",
    "u.s.": "US government",
    "america": "US government",
    "kiev": "Ukrainian government",
    "kyiv": "Ukrainian government",
    "ukraine": "Ukrainian government",
    "beijing": "Chinese government",
    "china": "Chinese government",
    "london": "British government",
    "britain": "British government",
    "paris": "French government",
    "france": "French government",
    "berlin": "German government",
    "germany": "German government",
    "tehran": "Iranian government",
    "iran": "Iranian government",
    "pyongyang": "North Korean government",
    "north korea": "North Korean government",
    "seoul": "South Korean government",
    "tokyo": "Japanese government",
    "japan": "Japanese government",
    "ankara": "Turkish government",
    "turkey": "Turkish government",
    "damascus": "Syrian government",
    "syria": "Syrian government",
    "jerusalem": "Israeli government",
    "israel": "Israeli government",
    "mexico city": "Mexican government",
    "mexico": "Mexican government",
    "ottawa": "Canadian government",
    "canada": "Canadian government",
    "brussels": "European Union",
    "minsk": "Belarusian government",
    "warsaw": "Polish government",
    "white house": "White House",
}

# Acronyms whose expansion takes the country adjective in front of them ("Russian MOD").
_ACRONYMS = {
    "mod": "Ministry of Defense",
    "mfa": "Ministry of Foreign Affairs",
    "dod": "Department of Defense",
    "doj": "Justice Department",
    "dhs": "Department of Homeland Security",
    "fsb": "Federal Security Service",
    "eu": "European Union",
    "un": "United Nations",
    "imf": "International Monetary Fund",
    "gao": "Government Accountability Office",
    "gop": "Republican Party",
    "dnc": "Democratic National Committee",
    "rnc": "Republican National Committee",
}

_OUTLET_WORDS = frozenset(
    """
    times post journal news tribune herald gazette reuters ap bloomberg politico cnn msnbc fox nbc
    abc cbs npr bbc axios breitbart huffpost guardian telegraph economist atlantic magazine
    newspaper tass ria interfax
    """.split()
)
_GOVERNMENT_WORDS = frozenset("government administration kremlin ministry cabinet".split())

_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. gen gen. lt. col. sir".split()
)
_TITLE_ROLES = {
    "sen.": "Senator",
    "sen": "Senator",
    "rep.": "Representative",
    "rep": "Representative",
    "gov.": "Governor",
    "gov": "Governor",
    "gen.": "General",
    "gen": "General",
}
_MALE_TITLES = frozenset({"mr", "mr.", "sir"})
_FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss"})
_MALE_NAMES = frozenset(
    """
    donald bernie barack bill mike michael john james robert david joe joseph tim ted chris
    lloyd pat dmitry sergey sergei andrey andrei vladimir paul mark george jeb marco rudy newt
    ben eric rick kevin tom thomas richard charles steve steven peter jim frank jack scott lindsey
    mitch harry reince corey kellyanne rand gary jill
    """.split()
)
_FEMALE_NAMES = frozenset(
    """
    hillary chelsea melania ivanka nancy elizabeth sarah susan mary patricia jennifer linda
    barbara margaret karen lisa maria anna olga maria kamala michelle loretta huma jill donna
    kellyanne ava gennifer sonya pamela julie martha karen stephanie
    """.split()
)
_MALE_NAMES = _MALE_NAMES - {"jill", "kellyanne"}

_ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson minister secretary chief president senator governor
    mayor director chairman chairwoman chair head leader official officials adviser advisor aide
    ambassador envoy general commander candidate nominee representative congressman congresswoman
    lawmaker judge attorney prosecutor analyst economist expert professor researcher strategist
    manager ceo founder deputy diplomat counsel sheriff chancellor premier king queen prince
    correspondent reporter columnist editor host anchor pollster speaker
    """.split()
)
# Words that name a kind of body or a portfolio, not a particular one: "Council member Tom
# Reyes" is affiliated with some council, which is no organization of its own.
_GENERIC_INSTITUTIONS = frozenset(
    """
    council member members committee board office department ministry agency commission
    panel city county state federal national police education health finance justice interior
    foreign trade energy transport transportation agriculture labor labour housing
    """.split()
)
# Subjects that are things written or counted: "a report seen by the Courier", "Figures
# released by the police". Their author, when the phrase names one, is the speaker.
_DOCUMENT_NOUNS = frozenset(
    """
    report reports study studies poll polls survey surveys statement statements document
    documents letter letters memo memos analysis audit review filing filings figures data
    statistics numbers records record estimates estimate research findings paper email emails
    """.split()
)
# Head nouns of unnamed bodies that speak: "the Harbor City police department".
_ORG_NOUNS = frozenset(
    """
    department office agency ministry council committee commission board police service bureau
    institute university company firm campaign party union court administration authority
    """.split()
)
_AUTHOR_VERBS = frozenset(
    """
    released published issued compiled produced prepared commissioned conducted written sent
    filed carried put authored gathered collected
    """.split()
)
_PHRASE_DEPS = frozenset({"prep", "pobj", "acl", "agent", "compound", "amod", "nummod", "det"})
# A descriptor's head matches a role that is named differently ("the Pentagon chief" for the
# Secretary of Defense).
_SYNONYMS = {
    "chief": {"secretary", "minister", "head", "director", "chief", "leader", "chairman"},
    "head": {"secretary", "minister", "head", "director", "chief", "leader", "chairman"},
    "pentagon": {"pentagon", "defense", "defence"},
    "defense": {"pentagon", "defense", "defence"},
    "defence": {"pentagon", "defense", "defence"},
    "kremlin": {"kremlin", "russian", "russia"},
    "minister": {"minister", "secretary"},
    "secretary": {"minister", "secretary"},
    "senator": {"senator", "sen", "sen."},
    "ministry": {"ministry", "department", "mod"},
    "department": {"ministry", "department"},
}

_PERSONAL_PRONOUNS = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
}
_GROUP_PRONOUNS = frozenset({"they", "them", "their"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_DET = re.compile(r"^(?:the|a|an|this|that|these|those|another)\s+", re.IGNORECASE)
_MENTION_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "flat"})


@dataclass
class _Entity:
    name: str
    kind: str
    role: str
    affiliation: str
    gender: str  # male | female | ""
    start: int  # first character of the mention that introduced or last repeated it
    words: set[str] = field(default_factory=set)


def _clean_name(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    words = text.split()
    while words and words[0].lower() in _TITLES:
        words = words[1:]
    return " ".join(words)


def _expand(words: set[str]) -> set[str]:
    out = set(words)
    for w in words:
        out |= _SYNONYMS.get(w, set())
    return out


def _lower_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w.]+", text.lower()) if w not in {"the", "of", "a", "'s"}}


def _government_name(text: str) -> str | None:
    key = _POSSESSIVE.sub("", _LEADING_DET.sub("", text.strip())).lower()
    return _METONYMS.get(key)


def _org_kind(name: str) -> str:
    words = _lower_words(name)
    if words & _OUTLET_WORDS:
        return "outlet"
    if words & _GOVERNMENT_WORDS:
        return "government"
    return "organization"


def _affiliation_for(role_tokens: list[Token] | Span, country: str) -> str:
    """ "Secretary of Defense" -> "Pentagon"; "Kremlin spokesman" -> "Kremlin"."""
    low = " ".join(t.lower_ for t in role_tokens)
    if "defense" in low or "defence" in low:
        if "secretary" in low and not country:
            return "Pentagon"
        if "minister" in low:
            return f"{country} Ministry of Defense".strip()
    # Only named institutions count: "Education Minister" has a role but no named affiliation,
    # and "Council member" names no particular council.
    named = [t for t in role_tokens if t.ent_type_ in {"ORG", "GPE", "NORP", "FAC"}]
    name = _POSSESSIVE.sub("", " ".join(t.text for t in named))
    if all(w in _GENERIC_INSTITUTIONS or w in _ROLE_NOUNS for w in _lower_words(name)):
        return ""
    return name


class SpeakerResolver:
    """Per-document entity memory; resolve() must be called in text order for recency to work."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ents = list(doc.ents)  # Doc.ents builds new spans on every access
        self.entities: list[_Entity] = []
        self._seen_upto = 0
        self._acronyms: dict[str, str] = {}

    # -- memory -----------------------------------------------------------------------------

    def _remember(self, entity: _Entity) -> _Entity:
        for known in self.entities:
            if known.name == entity.name:
                known.start = max(known.start, entity.start)
                known.role = known.role or entity.role
                known.affiliation = known.affiliation or entity.affiliation
                known.gender = known.gender or entity.gender
                return known
        entity.words = _expand(_lower_words(f"{entity.name} {entity.role} {entity.affiliation}"))
        self.entities.append(entity)
        return entity

    def _learn_until(self, char: int) -> None:
        """Register named entities introduced before `char` (in the article's order)."""
        for ent in self.ents:
            if ent.start_char < self._seen_upto or ent.start_char >= char:
                continue
            person = _person_part(ent)
            if person is not None:
                self._person_from_span(person)
            elif ent.label_ in {"ORG", "GPE"}:
                self._org_from_span(ent, ent)
        self._seen_upto = max(self._seen_upto, char)

    def _by_surname(self, name: str, before: int) -> _Entity | None:
        last = name.split()[-1].lower() if name else ""
        for known in reversed(self.entities):
            if known.kind != "person" or known.start > before:
                continue
            parts = known.name.lower().split()
            if len(parts) > 1 and last in parts:
                return known
        return None

    # -- building entities from spans ---------------------------------------------------------

    def _role_tokens(self, ent: Span) -> list[Token]:
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
            if not (tok.is_title or tok.is_upper or low in _ROLE_NOUNS or low == "of"):
                break
            if tok.ent_type_ == "PERSON":
                break
            if low in _TITLES:
                # Honorifics ("Mr.") are not roles; a role may still precede them.
                i -= 1
                continue
            tokens.insert(0, tok)
            i -= 1
        while tokens and tokens[0].lower_ == "of":
            tokens.pop(0)
        return tokens

    def _person_from_span(self, ent: Span) -> _Entity:
        name = _clean_name(ent.text)
        titles = {t.lower_ for t in self.doc[max(0, ent.start - 1) : ent.end]}
        first = name.split()[0].lower() if name else ""
        gender = ""
        if titles & _MALE_TITLES or first in _MALE_NAMES:
            gender = "male"
        elif titles & _FEMALE_TITLES or first in _FEMALE_NAMES:
            gender = "female"
        if len(name.split()) == 1:
            known = self._by_surname(name, ent.start_char)
            if known is not None:
                known.start = ent.start_char
                return known
        role_toks = self._role_tokens(ent)
        role = " ".join(t.text for t in role_toks)
        if not role and ent.start > 0:
            role = _TITLE_ROLES.get(self.doc[ent.start - 1].lower_, "")
        country = next((t.text for t in role_toks if t.ent_type_ in {"NORP", "GPE"}), "")
        country = {"Russia’s": "Russian", "Russia's": "Russian"}.get(country, country)
        return self._remember(
            _Entity(
                name=name,
                kind="person",
                role=_POSSESSIVE.sub("", role),
                affiliation=_affiliation_for(role_toks, _POSSESSIVE.sub("", country)),
                gender=gender,
                start=ent.start_char,
            )
        )

    def _org_from_span(self, span: Span, ent: Span | None) -> _Entity | None:
        text = _LEADING_DET.sub("", span.text.strip())
        text = _POSSESSIVE.sub("", text)
        words = text.split()
        if not words:
            return None
        acronym = words[-1].lower()
        if acronym in _ACRONYMS and words[-1].isupper():
            prefix = " ".join(words[:-1])
            if prefix:
                name = f"{prefix} {_ACRONYMS[acronym]}"
                self._acronyms[acronym] = name
            else:
                name = self._acronyms.get(acronym, _ACRONYMS[acronym])
            kind = "government" if "Ministry" in name or "Department" in name else "organization"
            return self._remember(_Entity(name, kind, "", "", "", span.start_char))
        government = _government_name(text)
        if government is not None:
            return self._remember(_Entity(government, "government", "", "", "", span.start_char))
        if ent is not None and ent.label_ == "GPE":
            return None
        return self._remember(_Entity(text, _org_kind(text), "", "", "", span.start_char))

    # -- resolution ---------------------------------------------------------------------------

    def _latest(self, before: int, fits: Callable[[_Entity], bool]) -> _Entity | None:
        candidates = [k for k in self.entities if k.start <= before and fits(k)]
        return max(candidates, key=lambda k: k.start, default=None)

    def _pronoun(self, gender: str, before: int) -> _Entity | None:
        return self._latest(
            before,
            lambda k: k.kind == "person" and (not gender or not k.gender or k.gender == gender),
        )

    def _group(self, before: int) -> _Entity | None:
        return self._latest(before, lambda k: k.kind in {"organization", "government", "outlet"})

    def _descriptor(self, words: list[str], before: int) -> _Entity | None:
        """ "the Pentagon chief" -> the latest entity whose role or affiliation fits."""
        if not words:
            return None
        head = _expand({words[-1]})
        modifiers = _expand(set(words[:-1]))
        best: tuple[int, int] | None = None
        chosen = None
        for idx, known in enumerate(self.entities):
            if known.start > before or not (head & known.words):
                continue
            score = len(modifiers & known.words)
            if modifiers and not score:
                continue
            if best is None or (score, idx) > best:
                best, chosen = (score, idx), known
        return chosen

    def mention_span(self, head: Token) -> Span:
        """The noun phrase naming the speaker, without relative clauses or appositions."""
        left = head.i
        for child in head.lefts:
            if child.dep_ in _MENTION_DEPS or (child.ent_type_ and child.ent_iob_ != "O"):
                left = min(left, child.left_edge.i)
        right = head.i
        for child in head.rights:
            if child.dep_ in {"flat", "compound"} or (
                child.ent_type_ and child.ent_type_ == head.ent_type_ and child.i == right + 1
            ):
                right = child.i
        return _on_line(head, left, right)

    def resolve(self, head: Token) -> Speaker:
        """Speaker for the subject token of a cue (or the object of "according to")."""
        if head.pos_ in {"VERB", "AUX"}:
            # A mis-parse, never a speaker: say who is unknown rather than naming a verb.
            return Speaker(
                "",
                head.text,
                "unknown",
                mention_start=head.idx,
                mention_end=head.idx + len(head.text),
            )
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl":
            # "Sanders, who said ...": named by the antecedent, mentioned as "who".
            antecedent = head.head.head
            if antecedent.pos_ not in {"NOUN", "PROPN", "PRON"}:
                return Speaker(
                    "",
                    head.text,
                    "unknown",
                    mention_start=head.idx,
                    mention_end=head.idx + len(head.text),
                )
            found = self.resolve(antecedent)
            return replace(
                found,
                mention=head.text,
                mention_start=head.idx,
                mention_end=head.idx + len(head.text),
            )
        span = self.mention_span(head)
        self._learn_until(span.start_char)
        mention = span.text
        low = head.lower_
        start, end = span.start_char, span.end_char
        if low in _PERSONAL_PRONOUNS:
            known = self._pronoun(_PERSONAL_PRONOUNS[low], start)
            return self._speaker(known, mention, start, end)
        if low in _GROUP_PRONOUNS or low == "it":
            known = self._group(start) if low != "it" else None
            return self._speaker(known, mention, start, end)
        if low in _FIRST_PERSON:
            return Speaker("", mention, "unknown", mention_start=start, mention_end=end)

        named = self._appositive(head)
        if named is not None:
            return named
        person = next(
            (p for e in self.ents if _overlaps(e, span) and (p := _person_part(e)) is not None),
            None,
        )
        if person is not None:
            known = self._person_from_span(person)
            role_span = self.doc[span.start : person.start]
            role = _LEADING_DET.sub("", _POSSESSIVE.sub("", role_span.text).strip())
            if all(w.lower() in _TITLES for w in role.split()):
                role = ""
            if not role:
                # "Lena Park, a spokeswoman for the mayor, said"
                role = self._appositive_role(head)
                role_span = []
            if role:
                known.role = known.role or role
                known.affiliation = known.affiliation or _affiliation_for(role_span, "")
            return self._speaker(known, mention, start, end)

        if head.lower_ in _DOCUMENT_NOUNS and head.pos_ == "NOUN":
            return self._document(head)

        known_person = self._by_surname(_clean_name(head.text), start) if head.is_title else None
        if known_person is not None and head.pos_ == "PROPN":
            known_person.start = start
            return self._speaker(known_person, mention, start, end)

        if head.ent_type_ in {"ORG", "GPE", "NORP", "FAC"} or head.pos_ == "PROPN":
            known = self._org_from_span(span, None)
            if known is not None:
                return self._speaker(known, mention, start, end)

        words = [
            t.lower_
            for t in span
            if t.lower_ not in {"the", "a", "an", "this", "that"} and t.is_alpha
        ]
        if span[0].lower_ in {"the", "this", "that"} and words:
            known = self._descriptor(words, start)
            if known is not None:
                known.start = start
                return self._speaker(known, mention, start, end)
        name = _LEADING_DET.sub("", mention)
        kind = "person" if head.lower_ in _ROLE_NOUNS else "unknown"
        kind = "organization" if head.lower_ in _ORG_NOUNS else kind
        return Speaker(name, mention, kind, mention_start=start, mention_end=end)

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
        ent = next((e for e in self.ents if e.start <= name_tok.i < e.end), None)
        person = _person_part(ent) if ent is not None else None
        if person is None or any(not t.is_punct for t in subject if t.i >= person.end):
            return None
        role_tokens = [t for t in subject if t.i < person.start]
        while role_tokens and (role_tokens[-1].is_punct or role_tokens[-1].is_space):
            role_tokens.pop()
        if not role_tokens or any("\n" in t.text for t in role_tokens):
            return None
        self._learn_until(role_tokens[0].idx)
        known = self._person_from_span(person)
        role_text = self.doc[role_tokens[0].i : role_tokens[-1].i + 1].text
        known.role = known.role or _LEADING_DET.sub("", role_text)
        known.affiliation = known.affiliation or _affiliation_for(role_tokens, "")
        mention = self.doc[role_tokens[0].i : person.end]
        return self._speaker(known, mention.text, mention.start_char, mention.end_char)

    @staticmethod
    def _appositive_role(head: Token) -> str:
        """The role given in apposition after a name: "Lena Park, a spokeswoman for the mayor"."""
        appos = next((c for c in head.rights if c.dep_ == "appos"), None)
        if appos is None or appos.lower_ not in _ROLE_NOUNS:
            return ""
        tokens = [t for t in appos.subtree if t.dep_ not in {"relcl", "punct"}]
        phrase = head.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
        if "\n" in phrase or "," in phrase or len(tokens) > 8:
            return ""
        return _LEADING_DET.sub("", phrase)

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
                if kind == "unknown" and author.lower_ in _ORG_NOUNS:
                    kind = "organization"
                return replace(
                    found, kind=kind, mention=mention, mention_start=start, mention_end=end
                )
        self._learn_until(start)
        name = mention
        if any(t.pos_ == "PROPN" and t.i < head.i for t in phrase):
            name = _LEADING_DET.sub("", name)  # "the Bloomberg poll" is named without "the"
        return Speaker(
            _POSSESSIVE.sub("", name), mention, "unknown", mention_start=start, mention_end=end
        )

    @staticmethod
    def _speaker(known: _Entity | None, mention: str, start: int, end: int) -> Speaker:
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
    for child in head.rights:
        if child.dep_ not in _PHRASE_DEPS or child.is_punct:
            break
        tokens = head.doc[child.i : child.right_edge.i + 1]
        if any(t.is_punct and t.text not in "'’-" for t in tokens):
            break
        right = child.right_edge.i
    return _on_line(head, head.left_edge.i, right)


def _author(head: Token) -> Token | None:
    """Who wrote or released a document: "figures released by X", "a study by X", "data from
    X", "X's report"."""
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from"} and child.i > head.i:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl" and child.lower_ in _AUTHOR_VERBS:
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _overlaps(ent: Span, span: Span) -> bool:
    return ent.start < span.end and span.start < ent.end


def _person_part(ent: Span) -> Span | None:
    """The person named by an entity, also when the small model glues the name to a title and
    calls it an organization ("Defense Lloyd Austin’s" tagged ORG); places mistagged as people
    ("Kiev") are not persons."""
    if ent.label_ == "PERSON":
        if _government_name(ent.text) is not None:
            return None
        return ent
    for tok in ent:
        if (
            tok.lower_ in _MALE_NAMES | _FEMALE_NAMES
            and tok.i + 1 < ent.end
            and tok.nbor(1).is_title
        ):
            end = ent.end
            if ent.doc[end - 1].tag_ == "POS":
                end -= 1
            return ent.doc[tok.i : end]
    return None
