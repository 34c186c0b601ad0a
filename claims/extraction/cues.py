"""Lexicon of attribution cues: reporting, belief and evidence verbs, with their inflections.

Inflections are generated here rather than read from spaCy's lemmatizer so the pipeline can run
without that component (it costs parse time and mislemmatizes rare verbs such as "tweeted").
"""

from __future__ import annotations

# Verbs whose clausal complement is what the subject asserts, believes or reports. PolNeAR
# annotates beliefs, findings of polls and documents as well as speech, hence the wide net.
SPEECH_VERBS = frozenset(
    """
    say tell state declare announce claim insist maintain reiterate repeat argue contend assert
    allege deny admit acknowledge concede confess add note observe remark comment explain write
    post tweet report reply respond answer retort counter testify stress emphasize emphasise
    underscore highlight point warn caution predict promise pledge vow vouch threaten accuse charge
    blame condemn denounce decry criticize criticise slam blast attack praise hail laud defend
    dismiss reject question dispute challenge complain lament boast brag joke quip recall mention
    describe cite suggest propose recommend urge demand ask call confirm reveal disclose concede
    signal hint imply indicate conclude estimate project forecast find show believe think feel fear
    hope expect know doubt worry wonder guess reckon assume suspect agree disagree acknowledge
    insinuate proclaim publish announce order advise inform assure reassure remind tout vow insist
    speculate theorize recount relate narrate shout yell scream whisper mutter muse ponder
    endorse support oppose discuss characterize label dub liken chant credit champion unveil
    continue sing read
    """.split()
)

# Verbs whose direct object is the addressee, not the content ("told reporters", "warned him").
ADDRESSEE_VERBS = frozenset(
    "tell warn remind inform assure reassure ask urge advise caution promise".split()
)

# Verbs that only count as cues with a clausal complement or a quote; with a plain object they are
# usually not reports ("showed up", "found a job", "called him").
NEEDS_CLAUSE = frozenset(
    """
    know think feel hope expect fear worry wonder guess assume suspect believe call post write
    report add order maintain relate continue sing read
    """.split()
)
# Verbs that name rather than report when they modify a noun: "an app called Signal".
NAMING_VERBS = frozenset("call name dub label term title".split())
# Objects that are an exchange, not its content, unless a clause says what was asked:
# "denied a request for comment", "answered questions".
EXCHANGE_NOUNS = frozenset(
    """
    request requests question questions inquiry inquiries message messages call calls email
    emails interview interviews
    """.split()
)

# Verbs that report only through a preposition: "called for a moratorium", "spoke of unity".
PREP_CUES: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "speak": frozenset({"of", "about", "against"}),
    "talk": frozenset({"about", "of"}),
    "point": frozenset({"to"}),
    "complain": frozenset({"about", "of"}),
    "worry": frozenset({"about"}),
    "warn": frozenset({"of", "about", "against"}),
    "advocate": frozenset({"for"}),
    "push": frozenset({"for"}),
    "rail": frozenset({"against"}),
    "argue": frozenset({"for", "against"}),
    "write": frozenset({"about", "of"}),
    "testify": frozenset({"about", "on"}),
    "comment": frozenset({"on"}),
    "insist": frozenset({"on"}),
    "boast": frozenset({"about", "of"}),
    "joke": frozenset({"about"}),
    "lie": frozenset({"about"}),
    "apologize": frozenset({"for"}),
    "campaign": frozenset({"for", "against", "on"}),
}

# Intentions and stances, which PolNeAR also annotates: "wants to ...", "agreed to ...".
INTENT_VERBS = frozenset("want plan intend agree refuse decline seek vow pledge promise".split())

# Nouns that introduce reported content: "X's claim that ...", "in a statement, X said".
CUE_NOUNS = frozenset(
    """
    statement claim assertion allegation accusation warning argument belief view contention
    announcement remark remarks comment comments testimony insistence suggestion promise pledge
    """.split()
)

# What kind of report a cue makes, so that consumers which count only speech and writing can
# leave out beliefs, intentions and evidence (PolNeAR annotates all of them; quote corpora such as
# GenderGapTracker only the first two).
CUE_KINDS = ("speech", "writing", "according_to", "belief", "intent", "evidence", "other")
WRITING_VERBS = frozenset("write post tweet publish report blog email text".split())
# Mental states, and stances held rather than said ("supports the bill").
BELIEF_VERBS = frozenset(
    """
    believe think feel fear hope expect know doubt worry wonder guess reckon assume suspect
    speculate theorize muse ponder agree disagree support oppose endorse champion
    """.split()
)
# Findings that stand as evidence whoever reports them ("a study found", "records show").
EVIDENCE_VERBS = frozenset("find show indicate demonstrate".split())
# Verbs that report evidence when a document is their subject ("the audit concluded"), and
# speech when a person is ("she suggested").
DOCUMENT_EVIDENCE_VERBS = frozenset(
    "reveal suggest conclude estimate project forecast confirm imply signal predict".split()
)
# Speech acts that judge or act on something rather than report a statement.
OTHER_VERBS = frozenset(
    """
    praise criticize criticise attack blame condemn denounce decry slam blast hail laud defend
    dismiss reject question dispute challenge characterize label dub liken credit discuss unveil
    """.split()
)
_BELIEF_NOUNS = frozenset({"belief", "view", "contention"})


def cue_kind(lemma: str, *, document_subject: bool = False) -> str:
    """The kind of report a cue's lemma (or cue noun) makes; one of CUE_KINDS."""
    if lemma == "according to":
        return "according_to"
    if lemma in WRITING_VERBS:
        return "writing"
    if lemma in BELIEF_VERBS or lemma in _BELIEF_NOUNS:
        return "belief"
    if lemma in INTENT_VERBS and lemma not in {"vow", "pledge", "promise"}:
        return "intent"  # a vow or a pledge is said to someone; a plan need not be
    if lemma in EVIDENCE_VERBS or (document_subject and lemma in DOCUMENT_EVIDENCE_VERBS):
        return "evidence"
    if lemma in OTHER_VERBS:
        return "other"
    return "speech"


def cue_text_kind(cue: str) -> str:
    """The kind of report a cue makes, read from its words alone ("said", "according to",
    "voted"): without the parse a document subject cannot be told from a person."""
    words = cue.lower().split()
    if words[:2] == ["according", "to"]:
        return cue_kind("according to")
    if not words:
        return "speech"
    return cue_kind(cue_lemma(words[0]) or words[0])


_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "find": ("finds", "found", "finding"),
    "know": ("knows", "knew", "known", "knowing"),
    "feel": ("feels", "felt", "feeling"),
    "show": ("shows", "showed", "shown", "showing"),
    "shout": ("shouts", "shouted", "shouting"),
    "mutter": ("mutters", "muttered", "muttering"),
    "forecast": ("forecasts", "forecast", "forecasted", "forecasting"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "lie": ("lies", "lied", "lying"),
    "seek": ("seeks", "sought", "seeking"),
}

_VOWELS = set("aeiou")
# CVC verbs of the lexicon whose final consonant doubles before -ed/-ing.
_DOUBLING = frozenset({"admit", "quip", "brag", "slam"})


def _inflect(verb: str) -> tuple[str, ...]:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        stem = verb[:-1]
        return (verb + "s", verb + "d", stem + "ing")
    if verb.endswith("y") and verb[-2] not in _VOWELS:
        stem = verb[:-1]
        return (stem + "ies", stem + "ied", verb + "ing")
    double = verb[-1] if verb in _DOUBLING else ""
    third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return (third, verb + double + "ed", verb + double + "ing")


def _build_forms(verbs: frozenset[str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for verb in verbs:
        forms[verb] = verb
        for form in _inflect(verb):
            forms.setdefault(form, verb)
    return forms


VERB_FORMS: dict[str, str] = _build_forms(SPEECH_VERBS | frozenset(PREP_CUES) | INTENT_VERBS)


def cue_lemma(word: str) -> str | None:
    """Lemma of a reporting verb form ("reiterated" -> "reiterate"), None if not a cue."""
    return VERB_FORMS.get(word.lower())
