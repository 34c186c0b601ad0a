"""Word lists and tables that tell who a speaker is: places standing for governments, acronyms,
honorifics, given names by gender, role and institution nouns, pronouns."""

from __future__ import annotations

import re


def by_word(groups: dict[str, str]) -> dict[str, str]:
    """{value: "word, word"} turned round into {word: value}, so that a value shared by many
    spellings is written once."""
    return {word.strip(): value for value, words in groups.items() for word in words.split(",")}


# Places that stand for their government when they say or do something.
METONYMS = by_word(
    {
        "Russian government": "moscow, kremlin, russia",
        "US government": "washington, united states, us, u.s., america",
        "Ukrainian government": "kiev, kyiv, ukraine",
        "Chinese government": "beijing, china",
        "British government": "london, britain",
        "French government": "paris, france",
        "German government": "berlin, germany",
        "Iranian government": "tehran, iran",
        "North Korean government": "pyongyang, north korea",
        "South Korean government": "seoul",
        "Japanese government": "tokyo, japan",
        "Turkish government": "ankara, turkey",
        "Syrian government": "damascus, syria",
        "Israeli government": "jerusalem, israel",
        "Mexican government": "mexico city, mexico",
        "Canadian government": "ottawa, canada",
        "European Union": "brussels",
        "Belarusian government": "minsk",
        "Polish government": "warsaw",
        "White House": "white house",
    }
)

# Acronyms whose expansion takes the country adjective in front of them ("Russian MOD").
ACRONYMS = {
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

# Last words of names the small model tags PERSON that name a law, a place or a body instead
# ("the Clean Water Act", "Carter Center"); words that are also surnames (Hall, Park, Law)
# are left out.
NOT_PERSON_ENDINGS = frozenset(
    """
    act bill amendment street avenue road boulevard county center centre square university
    college school hospital fund foundation institute
    """.split()
)
# Line openings of photo and video credits, whose names are no one in the story.
CREDIT_WORDS = frozenset("photo photos image images credit picture video file getty".split())
# Words left out of an acronym's letters: "Environmental Protection Agency" is EPA.
ACRONYM_GAPS = frozenset("of the and for on in to".split())

OUTLET_WORDS = frozenset(
    """
    times post journal news tribune herald gazette reuters ap bloomberg politico cnn msnbc fox nbc
    abc cbs npr bbc axios breitbart huffpost guardian telegraph economist atlantic magazine
    newspaper tass ria interfax
    """.split()
)
GOVERNMENT_WORDS = frozenset("government administration kremlin ministry cabinet".split())

TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. gen gen. lt. col. sir".split()
)
TITLE_ROLES = by_word(
    {
        "Senator": "sen., sen",
        "Representative": "rep., rep",
        "Governor": "gov., gov",
        "General": "gen., gen",
    }
)
MALE_TITLES = frozenset({"mr", "mr.", "sir"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss"})
MALE_NAMES = frozenset(
    """
    donald bernie barack bill mike michael john james robert david joe joseph tim ted chris
    lloyd pat dmitry sergey sergei andrey andrei vladimir paul mark george jeb marco rudy newt
    ben eric rick kevin tom thomas richard charles steve steven peter jim frank jack scott lindsey
    mitch harry reince corey rand gary
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    hillary chelsea melania ivanka nancy elizabeth sarah susan mary patricia jennifer linda
    barbara margaret karen lisa maria anna olga kamala michelle loretta huma jill donna
    kellyanne ava gennifer sonya pamela julie martha stephanie
    """.split()
)
GIVEN_NAMES = MALE_NAMES | FEMALE_NAMES

ROLE_NOUNS = frozenset(
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
GENERIC_INSTITUTIONS = frozenset(
    """
    council member members committee board office department ministry agency commission
    panel city county state federal national police education health finance justice interior
    foreign trade energy transport transportation agriculture labor labour housing
    """.split()
)
# Subjects that are things written or counted: "a report seen by the Courier", "Figures
# released by the police". Their author, when the phrase names one, is the speaker.
DOCUMENT_NOUNS = frozenset(
    """
    report reports study studies poll polls survey surveys statement statements document
    documents letter letters memo memos analysis audit review filing filings figures data
    statistics numbers records record estimates estimate research findings paper email emails
    tally tallies count counts calculation calculations tabulation breakdown database
    release releases complaint complaints lawsuit indictment ruling
    """.split()
)
# Things said that speak for whoever said them: "his speech cited", "her remarks suggested".
UTTERANCE_NOUNS = frozenset(
    """
    speech speeches address remarks comments comment testimony tweet tweets post message
    answer response reply assessment argument words interview
    """.split()
)
# Documents that report what people answered, and the shares of those asked that speak for
# them: "25 percent said", "a majority agreed" report a poll's finding.
POLL_NOUNS = frozenset("poll polls survey surveys".split())
SHARE_NOUNS = frozenset("majority minority plurality third quarter half fifth most".split())
# Head nouns of unnamed bodies that speak: "the Harbor City police department".
ORG_NOUNS = frozenset(
    """
    department office agency ministry council committee commission board police service bureau
    institute university company firm campaign party union court administration authority
    """.split()
)
AUTHOR_VERBS = frozenset(
    """
    released published issued compiled produced prepared commissioned conducted written sent
    filed carried put authored gathered collected
    """.split()
)
PHRASE_DEPS = frozenset({"prep", "pobj", "acl", "agent", "compound", "amod", "nummod", "det"})

# A descriptor's head matches a role that is named differently ("the Pentagon chief" for the
# Secretary of Defense). Each row: the words, and the words each of them matches.
_SYNONYM_ROWS = [
    ("chief head", "secretary minister head director chief leader chairman"),
    ("pentagon defense defence", "pentagon defense defence"),
    ("kremlin", "kremlin russian russia"),
    ("minister secretary", "minister secretary"),
    ("senator", "senator sen sen."),
    ("ministry", "ministry department mod"),
    ("department", "ministry department"),
]
SYNONYMS = {
    word: frozenset(matches.split()) for words, matches in _SYNONYM_ROWS for word in words.split()
}

PERSONAL_PRONOUNS = by_word({"male": "he, him, his", "female": "she, her, hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
LEADING_DET = re.compile(r"^(?:the|a|an|this|that|these|those|another)\s+", re.IGNORECASE)
MENTION_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "flat"})
ORG_ENTITY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
