"""Which cue a quote belongs to."""

import pytest


def test_direct_quote_with_inverted_cue(only):
    text = "“It keeps every school open,” said Education Minister Carla Diaz."
    att = only(text)
    assert att.kind == "direct"
    assert att.content == "It keeps every school open"  # without the comma before the cue
    assert att.speaker.name == "Carla Diaz"
    assert att.speaker.role == "Education Minister"
    assert att.speaker.affiliation == ""  # a portfolio, not a named ministry


def test_quote_spanning_several_sentences(only):
    text = (
        "“The plan is simple. It keeps every school open. Nobody loses a job,” "
        "said Governor Tom Baker."
    )
    att = only(text)
    assert att.content == "The plan is simple. It keeps every school open. Nobody loses a job"


def test_unbalanced_quote_mark_still_attributed(only):
    att = only('He said "the fight is not over and we will keep going.')
    assert att.kind == "direct"
    assert att.content == "the fight is not over and we will keep going."


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Governor Tom Baker said:\n\n“The budget is balanced and the schools stay open.”",
            "The budget is balanced and the schools stay open.",
            "Tom Baker",
        ),
        (
            "“He would be a great senator,” Rep. Elijah E. Cummings (D-Md.) said in an interview.",
            "He would be a great senator",
            "Elijah E. Cummings",
        ),
    ],
    ids=["colon-cue-introduces-quote-in-next-paragraph", "initials-do-not-detach-the-cue"],
)
def test_direct_quote_attached_to_its_cue(only, text, content, speaker):
    att = only(text)
    assert att.kind == "direct"
    assert att.content == content
    assert att.speaker.name == speaker


def test_a_short_quote_that_is_its_own_sentence_is_speech(only):
    text = "The hearing began late.\n\n“Okay,” I said, looking up. “I came here when I was ten.”"
    att = only(text)
    assert [text[s:e] for s, e in att.parts] == ["Okay", "I came here when I was ten."]
    assert att.speaker.mention == "I"


def test_an_exclamation_takes_the_cue_after_it(only):
    att = only("The call came on Sunday. “I’m honored!” she said.")
    assert att.kind == "direct"
    assert att.content == "I’m honored!"
