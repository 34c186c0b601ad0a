"""Who speaks: pronouns, descriptors, appositions, documents and their authors."""

import pytest

from claims.extraction import extract


def test_pronoun_resolves_to_previous_person_of_matching_gender(only):
    text = "Senator Mary Ellis met Governor Tom Baker. She insisted that the deal was fair."
    att = only(text)
    assert att.speaker.mention == "She"
    assert att.speaker.name == "Mary Ellis"
    assert (att.speaker.mention_start, att.speaker.mention_end) == (43, 46)


def test_descriptor_resolves_to_the_person_holding_the_role(only):
    text = (
        "Secretary of Defense Lloyd Austin visited Kyiv on Monday. "
        "The Pentagon chief said the aid would continue."
    )
    att = only(text)
    assert att.speaker.mention == "The Pentagon chief"
    assert att.speaker.name == "Lloyd Austin"
    assert att.speaker.affiliation == "Pentagon"


def test_surname_resolves_to_full_name(by_cue):
    text = "Peter Hall denied the report. Hall admitted that mistakes were made."
    att = by_cue(text, "admitted")
    assert att.speaker.mention == "Hall"
    assert att.speaker.name == "Peter Hall"


@pytest.mark.parametrize("dateline", ["", "Date: 2024-05-20\n\n"])
def test_data_released_by_a_body_speak_for_it(only, dateline):
    text = dateline + (
        "Figures released by the Harbor City police department on Monday show that reported "
        "crime fell by 9 percent between 2019 and 2023."
    )
    att = only(text)
    assert att.cue == "show"
    assert att.speaker.name == "Harbor City police department"
    assert att.speaker.kind == "organization"
    assert att.speaker.mention == "Figures released by the Harbor City police department"
    assert att.content == "that reported crime fell by 9 percent between 2019 and 2023"


def test_relative_pronoun_of_a_non_noun_is_never_a_named_speaker(nlp):
    text = "Figures from the city show that reported crime fell."
    for att in extract(text, nlp=nlp).attributions:
        assert att.speaker.name not in {"show", "that", "reported"}


def test_document_speaker_is_named_by_its_whole_phrase(nlp, by_cue):
    text = (
        "Engineers had warned in 2021 that the barriers would not cover the lower valley, "
        "according to a report seen by the Grey Valley Courier."
    )
    [report] = extract(text, nlp=nlp).attributions
    assert report.cue == "according to"
    assert report.speaker.name == "a report seen by the Grey Valley Courier"
    assert report.content.startswith("Engineers had warned in 2021")
    # The report is the outer source; the engineers it reports are its subject.
    assert report.subject == "Engineers"


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman for the mayor, Lena Park, said the mayor meant violent crime only.",
        "Lena Park, a spokeswoman for the mayor, said the mayor meant violent crime only.",
    ],
)
def test_appositive_name_is_the_speaker_and_the_descriptor_her_role(only, text):
    att = only(text)
    assert att.speaker.name == "Lena Park"
    assert att.speaker.role == "spokeswoman for the mayor"
    assert text[att.speaker.mention_start : att.speaker.mention_end] == att.speaker.mention
    assert "Lena Park" in att.speaker.mention


def test_dateline_is_not_part_of_the_speaker(only):
    text = "Date: 2024-06-02\n\nThe State Water Agency said on Sunday that the barriers held."
    att = only(text)
    assert att.speaker.name == "State Water Agency"
    assert att.speaker.mention == "The State Water Agency"


def test_she_told_reporters_after_a_quote_is_the_salient_speaker(only):
    intro = "Mayor Ann Cole spoke to parents on Monday.\n\n"
    att = only(intro + "‘We will not cut a single school,’ she told reporters.")
    assert (att.content, att.speaker.name, att.speaker.mention) == (
        "We will not cut a single school",
        "Ann Cole",
        "she",
    )


def test_a_pronoun_goes_to_the_last_speaker_not_the_last_name(nlp):
    text = (
        "Senator Tom Bell said the bill would pass. The vote was delayed after Mark Hall, "
        "a lobbyist, visited the chamber on Monday. He said the delay was a mistake."
    )
    first, second = extract(text, nlp=nlp).attributions
    assert first.speaker.name == "Tom Bell"
    assert (second.speaker.name, second.speaker.mention) == ("Tom Bell", "He")


def test_it_refers_back_to_the_body_that_spoke(nlp):
    text = "The Harbor Authority said the port would reopen. It added that ships were waiting."
    first, second = extract(text, nlp=nlp).attributions
    assert second.speaker.mention == "It"
    assert second.speaker.name == first.speaker.name == "Harbor Authority"


def test_a_named_member_of_a_group_speaks_for_it(only):
    att = only("Critics, including councillor Jane Smith, argued that the budget was unfair.")
    assert att.speaker.name == "Jane Smith"
    assert att.speaker.role == "councillor"
    assert att.speaker.mention == "Critics, including councillor Jane Smith"


def test_a_bare_role_is_kept_as_the_role_of_its_source(only):
    att = only("The mayor said the bridge would close in May.")
    assert (att.speaker.role, att.speaker.kind, att.speaker.mention) == (
        "mayor",
        "person",
        "The mayor",
    )


def test_a_role_resolves_to_the_person_named_in_it(by_cue):
    text = "Mayor Ann Cole opened the bridge on Monday. The mayor said it would close in May."
    att = by_cue(text, "said")
    assert (att.speaker.name, att.speaker.mention) == ("Ann Cole", "The mayor")


def test_a_share_of_those_polled_speaks_for_the_poll(by_cue):
    text = (
        "A Quinnipiac poll of 1,200 likely voters was published on Monday. Only 25 percent of "
        "them said they would support the plan."
    )
    att = by_cue(text, "said")
    assert "poll" in att.speaker.name
    assert att.speaker.mention.endswith("25 percent")


def test_a_share_with_no_poll_before_it_stays_unnamed(by_cue):
    att = by_cue("Only 25 percent of the workers said they would strike.", "said")
    assert "poll" not in att.speaker.name


def test_according_to_a_tally_by_a_body_names_the_body(only):
    att = only("Turnout rose by a third, according to a tally by the Associated Press.")
    assert att.speaker.name == "Associated Press"
    assert att.speaker.mention == "a tally by the Associated Press"


@pytest.mark.parametrize(
    ("text", "cue", "name", "mention"),
    [
        # A role given in apposition resolves the bare role later.
        (
            "John Park, the director of the Federal Reserve, spoke on Monday. "
            "The director said rates would rise.",
            "said",
            "John Park",
            "The director",
        ),
        # A speech speaks for whoever gave it.
        (
            "Sen. Ted Cruz spoke in Iowa on Monday. His speech argued that taxes were too high.",
            "argued",
            "Ted Cruz",
            "His speech",
        ),
        # A release speaks for whoever issued it earlier.
        (
            "The Harbor Water Company issued a release on Monday. "
            "The release said the plant would close in May.",
            "said",
            "Harbor Water Company",
            "The release",
        ),
        # The parse hangs "her adviser, Jake Sullivan" off "the Observer" and leaves "said"
        # without a subject: the person stranded before ", said" speaks.
        (
            "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "
            "“The alliance is essential.”",
            "said",
            "Jake Sullivan",
            "Jake Sullivan",
        ),
        # The parse takes "rabbi" for the verb's clause: the name the sentence opens on speaks.
        (
            "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the protest, said the "
            "speech would be a disgrace.",
            "said",
            "Jeffrey Salkin",
            "Jeffrey Salkin",
        ),
        # The subject of a passive is the subject of the active verb conjoined to it.
        (
            "By the end of the day, Mr. Trump was forced into a rare moment of damage control "
            "and said that his words had been misconstrued.",
            "said",
            "Trump",
            "Mr. Trump",
        ),
    ],
)
def test_a_speaker_named_earlier_or_elsewhere_in_the_sentence(by_cue, text, cue, name, mention):
    att = by_cue(text, cue)
    assert (att.speaker.name, att.speaker.mention) == (name, mention)


def test_a_release_nobody_issued_stays_the_document(only):
    att = only("The release said the plant would close in May.")
    assert att.speaker.name == "The release"


def test_a_role_in_apposition_does_not_take_the_words_after_its_noun(by_cue):
    text = (
        "Minyon Moore, a senior adviser to the Clinton campaign, spoke on Monday. "
        "The campaign said it would win."
    )
    assert by_cue(text, "said").speaker.name != "Minyon Moore"
