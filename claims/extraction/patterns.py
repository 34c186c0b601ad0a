"""Regular expressions, word lists and dependency sets that the extraction steps match against.

The reporting verbs and nouns themselves are in cues.py, the words that describe speakers in
speaker_words.py.
"""

from __future__ import annotations

import re

# -- layout -----------------------------------------------------------------------------------

# A line ending like this is prose; one without closing punctuation reads as a headline or as
# site chrome.
CLOSED_LINE = re.compile(r"[.!?:\"”’'…)\]]\s*$")
# The article's own sentences, for check-worthy claims (no parse needed).
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’']?|$)", re.MULTILINE)
# A full stop that ends a sentence, not an initial or abbreviation in a name ("Elijah E.
# Cummings", "Rep.", "(D-Md.)").
SENTENCE_BREAK = re.compile(
    r"(?<![\s(][A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt|Co))(?<!\b(?:Mrs|Rep|Sen|Gov|Gen|Col|Sgt))"
    r"(?<!\b(?:Capt|Supt))[.!?](?!\))\s"
)

# -- cues and their content -------------------------------------------------------------------

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Links a cue's subject is looked for across: "..., saying that" takes the subject of the
# verb the participle hangs off.
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "relcl", "dobj", "pobj", "prep"})
CONTENT_PREPS = frozenset({"of", "about", "on", "over", "for", "that", "against", "to"})
# Topics hanging off an addressee: "warned the Pentagon chief about ...".
ADDRESSEE_TOPIC_PREPS = frozenset({"about", "of", "against", "that"})
# Verbs whose prepositional phrase is circumstance, not content: "said on Tuesday".
NO_PREP_CONTENT = frozenset({"say", "tell", "state", "add", "explain"})

# -- quotes -----------------------------------------------------------------------------------

# How far after a quote its cue may stand (“...,” said the minister of ...); a cue further on
# belongs to the next sentence's words.
ATTACH_AFTER_CHARS = 90
# Subjects that, inside someone's quote, are the quoted speaker talking ("I think ...").
QUOTE_VOICE = frozenset({"i", "we", "you"})

# -- content that is no statement -------------------------------------------------------------

ANAPHORS = frozenset("it this that these those so".split())
ANAPHOR_DETERMINERS = frozenset("the this that these those such his her their its".split())
# Nouns that only point back at something said before: "disputed that account".
REFERRING_NOUNS = frozenset(
    """
    account accounts claim claims report reports statement statements story stories allegation
    allegations charge charges assertion assertions idea notion characterization version
    description suggestion suggestions remark remarks comment comments criticism reference
    complaint accusation accusations premise theory figure figures number numbers finding
    findings assessment argument arguments view views position point same
    """.split()
)

# -- attributions the layout marks ------------------------------------------------------------

# “...” ― Name, on the line after the quote.
DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z][\w.'’ \-]{1,40}?)[ \t\u00a0.]*(?:\n|$)"
)
# Transcripts: "PENCE: Well, look, ...".
COLON_SPEAKER = re.compile(
    r"^[\"“]?((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(\S.{10,})$", re.MULTILINE
)
NOT_COLON_SPEAKERS = frozenset(
    "by date update note editor photo image credit source related read watch".split()
)

# Titles: "Pence: Flowers won't be at debate", "Bill Clinton calls Obamacare a 'crazy system'",
# "Clinton hid health problems, former doctor says".
TITLE_COLON = re.compile(r"^((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}): +(\S.{10,}?)[.]?$")
_TITLE_NAME = r"[A-Z0-9][\w.’'-]*(?: (?:[A-Z][\w.’'-]*|of|for|the|and)){0,5}"
TITLE_VERB = re.compile(rf"^({_TITLE_NAME}) ([A-Za-z]+s) +(\S.{{8,}}?)[.]?$")
TITLE_AFTER = re.compile(
    rf"^(\S.{{10,}}), ((?:[Tt]he |[Aa] )?{_TITLE_NAME}) ([Ss]ays|[Ww]arns)[.]?$"
)
LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ", re.IGNORECASE)
TITLE_NOT_SPEAKERS = frozenset(
    "the latest update breaking watch exclusive opinion analysis review editorial live".split()
)
