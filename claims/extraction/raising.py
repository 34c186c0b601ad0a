"""Raising verbs (appear, seem): whose view, if anyone's, they report.

"Turnout appears to have fallen" is the writer's hedged claim about turnout, which holds no view of
its own, so a raising verb's subject is never the source by default. "Stumpf appeared to blame the
staff" and "Voters seem to care more about ..." say that someone who can hold a view acts: there
the subject is the speaker."""

from spacy.tokens import Token

from claims.extraction.speaker_words import ROLE_NOUNS

RAISING = frozenset("appear appears appeared appearing seem seems seemed seeming".split())

_PERSONAL = frozenset("he she they i we".split())
# Plural nouns for people that hold views ("Voters seem to care ...").
_PEOPLE = frozenset(
    "voters people americans residents critics supporters officials experts analysts".split()
)


def acting_subject(cue: Token) -> Token | None:
    """The subject of raising verb ``cue`` when it holds views and the verb's complement is an
    act ("seemed to mock"), not a state ("seemed certain to leave", "seemed taken aback"): a
    state is the writer's description, an act to the subject's account."""
    if cue.lower_ not in RAISING:
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or not holds_views(subject):
        return None
    acts = any(
        c.dep_ == "xcomp" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children)
        for c in cue.children
    )
    return subject if acts else None


def holds_views(subject: Token) -> bool:
    """A person, a body or people: a name, a personal pronoun, a role or a group noun."""
    if subject.lower_ in _PERSONAL:
        return True
    if subject.ent_type_ in {"PERSON", "NORP", "ORG"} and subject.pos_ == "PROPN":
        return True
    return subject.pos_ == "NOUN" and (subject.lower_ in ROLE_NOUNS or subject.lower_ in _PEOPLE)
