"""One behaviour per test, on short invented sentences."""

import pytest

from claims.extraction import Attribution, extract


def _only(text: str, nlp) -> Attribution:
    attributions = extract(text, nlp=nlp).attributions
    assert len(attributions) == 1, attributions
    return attributions[0]


def _by_cue(text: str, cue: str, nlp) -> Attribution:
    return next(a for a in extract(text, nlp=nlp).attributions if a.cue == cue)


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "Mayor Jane Holloway warned that the bridge would close in May.",
            "warned",
            "Jane Holloway",
            "that the bridge would close in May",
        ),
        (
            "Police Chief Dan Moore told reporters that the suspect had fled.",
            "told",
            "Dan Moore",
            "that the suspect had fled",
        ),
        (
            "Acme Corp announced that it would cut 300 jobs.",
            "announced",
            "Acme Corp",
            "that it would cut 300 jobs",
        ),
        (
            "Peter Hall admitted that mistakes were made.",
            "admitted",
            "Peter Hall",
            "that mistakes were made",
        ),
        (
            "Karen Lowe insisted that the contract was legal.",
            "insisted",
            "Karen Lowe",
            "that the contract was legal",
        ),
        (
            "Analysts believe the economy will shrink next year.",
            "believe",
            "Analysts",
            "the economy will shrink next year",
        ),
        (
            "The union accused the company of hiding losses.",
            "accused",
            "union",
            "the company of hiding losses",
        ),
        ("Senator Ron Vega has called for a full inquiry.", "called", "Ron Vega", "a full inquiry"),
    ],
)
def test_reporting_verb_families(nlp, text, cue, speaker, content):
    att = _only(text, nlp)
    assert att.cue == cue
    assert att.kind == "indirect"
    assert speaker in att.speaker.name
    assert att.content == content


def test_according_to_takes_the_rest_of_the_sentence(nlp):
    att = _only(
        "Unemployment fell to 3.5 percent last month, according to the Labor Department.", nlp
    )
    assert att.cue == "according to"
    assert att.speaker.name == "Labor Department"
    assert att.content == "Unemployment fell to 3.5 percent last month"


def test_direct_quote_with_inverted_cue(nlp):
    text = "“It keeps every school open,” said Education Minister Carla Diaz."
    att = _only(text, nlp)
    assert att.kind == "direct"
    assert att.content == "It keeps every school open"  # without the comma before the cue
    assert att.speaker.name == "Carla Diaz"
    assert att.speaker.role == "Education Minister"
    assert att.speaker.affiliation == ""  # a portfolio, not a named ministry


def test_split_quote_gives_two_attributions_of_quoted_words_only(nlp):
    text = "“We will not raise taxes,” Governor Tom Baker said, “and we will balance the budget.”"
    first, second = extract(text, nlp=nlp).attributions
    assert [first.content, second.content] == [
        "We will not raise taxes",
        "and we will balance the budget.",
    ]
    for att in (first, second):
        assert att.kind == "direct"
        assert att.speaker.name == "Tom Baker"
        assert (att.cue, att.cue_start) == ("said", text.index("said"))
        assert att.reported_by is None
        assert att.parts == ()
    assert second.confidence == first.confidence


def test_cue_inside_one_pair_of_quote_marks_splits_the_quote(nlp):
    text = "Governor Tom Baker spoke on Friday. “The deal, he said, is dead for now.”"
    first, second = extract(text, nlp=nlp).attributions
    assert [first.content, second.content] == ["The deal", "is dead for now."]
    assert {first.kind, second.kind} == {"direct"}
    assert first.speaker.name == second.speaker.name == "Tom Baker"
    assert second.reported_by is None


def test_parenthetical_cue_in_reported_speech_lists_the_speakers_parts(nlp):
    text = "Governor Tom Baker spoke on Friday. The deal, he said, was dead for now."
    att = _only(text, nlp)
    assert att.content == "The deal, he said, was dead for now"
    assert [text[s:e] for s, e in att.parts] == ["The deal", "was dead for now"]


def test_quote_spanning_several_sentences(nlp):
    text = (
        "“The plan is simple. It keeps every school open. Nobody loses a job,” "
        "said Governor Tom Baker."
    )
    att = _only(text, nlp)
    assert att.content == "The plan is simple. It keeps every school open. Nobody loses a job"


def test_quote_continued_after_the_cue_sentence_is_one_attribution_with_parts(nlp):
    # PolNeAR annotates this as one relation; the parts say which words are the speaker's.
    text = "“The roads are ready,” Mayor Jane Holloway said. “The trains are not.”"
    att = _only(text, nlp)
    assert att.content.endswith("The trains are not.")
    assert att.speaker.name == "Jane Holloway"
    assert [text[s:e] for s, e in att.parts] == ["The roads are ready", "The trains are not."]


def test_mixed_quote_inside_reported_speech(nlp):
    text = "Trade Minister Ana Ruiz said the deal was “a historic step for both countries.”"
    att = _only(text, nlp)
    assert att.kind == "mixed"
    assert att.content == "the deal was “a historic step for both countries.”"


def test_pronoun_resolves_to_previous_person_of_matching_gender(nlp):
    text = "Senator Mary Ellis met Governor Tom Baker. She insisted that the deal was fair."
    att = _only(text, nlp)
    assert att.speaker.mention == "She"
    assert att.speaker.name == "Mary Ellis"
    assert (att.speaker.mention_start, att.speaker.mention_end) == (43, 46)


def test_descriptor_resolves_to_the_person_holding_the_role(nlp):
    text = (
        "Secretary of Defense Lloyd Austin visited Kyiv on Monday. "
        "The Pentagon chief said the aid would continue."
    )
    att = _only(text, nlp)
    assert att.speaker.mention == "The Pentagon chief"
    assert att.speaker.name == "Lloyd Austin"
    assert att.speaker.affiliation == "Pentagon"


def test_surname_resolves_to_full_name(nlp):
    text = "Peter Hall denied the report. Hall admitted that mistakes were made."
    att = _by_cue(text, "admitted", nlp)
    assert att.speaker.mention == "Hall"
    assert att.speaker.name == "Peter Hall"


def test_capital_city_stands_for_its_government(nlp):
    att = _only("Beijing accused Washington of meddling in its internal affairs.", nlp)
    assert att.speaker.name == "Chinese government"
    assert att.speaker.kind == "government"


def test_acronym_with_country_adjective_and_later_bare_acronym(nlp):
    text = "The Russian MOD said it had shot down 12 drones. The MOD also claimed that the attack had failed."
    first, second = extract(text, nlp=nlp).attributions
    assert first.speaker.name == "Russian Ministry of Defense"
    assert second.speaker.mention == "The MOD"
    assert second.speaker.name == "Russian Ministry of Defense"


def test_nested_reporting_links_inner_to_outer(nlp):
    text = "Spokesman John Reed said Smith has “promised to release the records,” on Friday."
    atts = extract(text, nlp=nlp).attributions
    outer = next(a for a in atts if a.cue == "said")
    inner = next(a for a in atts if a.cue == "promised")
    assert outer.speaker.name == "John Reed"
    assert outer.subject == "Smith"
    assert atts[inner.reported_by] is outer


def test_unbalanced_quote_mark_still_attributed(nlp):
    att = _only('He said "the fight is not over and we will keep going.', nlp)
    assert att.kind == "direct"
    assert att.content == "the fight is not over and we will keep going."


def test_article_without_attributions(nlp):
    result = extract("The bakery on Main Street opened in 1994. It sells bread and cakes.", nlp=nlp)
    assert result.attributions == []


def test_headline_lines_give_no_attributions(nlp):
    text = (
        "Previous article\nRussia ready to talk to France – Kremlin\nMinister says talks will go on"
    )
    assert extract(text, nlp=nlp).attributions == []


def test_very_long_article_keeps_offsets(nlp):
    paragraph = (
        "Mayor Jane Holloway warned that the bridge would close in May. "
        "The bakery on Main Street opened in 1994.\n\n"
    )
    text = paragraph * 1200  # ~130k characters: parsed in chunks
    result = extract(text, nlp=nlp)
    assert len(result.attributions) == 1200
    assert all(text[a.content_start : a.content_end] == a.content for a in result.attributions)
    assert result.attributions[-1].speaker.name == "Jane Holloway"


def test_checkworthy_claims_in_the_articles_own_voice(nlp):
    text = (
        "Unemployment rose by 40 percent in 2023, the highest level since 1990. "
        "Mayor Jane Holloway warned that the bridge would close in May."
    )
    result = extract(text, nlp=nlp)
    assert [c.text for c in result.claims] == [
        "Unemployment rose by 40 percent in 2023, the highest level since 1990."
    ]
    assert 0.5 <= result.claims[0].checkworthiness <= 1.0


def test_next_paragraph_quote_keeps_the_speaker_without_a_mention(nlp):
    text = (
        "“The roads are ready,” Mayor Jane Holloway said.\n\n"
        "“The trains are not ready, and the buses are late again.”"
    )
    first, second = extract(text, nlp=nlp).attributions
    assert second.content == "The trains are not ready, and the buses are late again."
    assert second.speaker.name == "Jane Holloway"
    assert (second.speaker.mention, second.speaker.mention_start) == ("", None)
    assert second.confidence < first.confidence


def test_colon_cue_introduces_quote_in_next_paragraph(nlp):
    text = "Governor Tom Baker said:\n\n“The budget is balanced and the schools stay open.”"
    att = _only(text, nlp)
    assert att.kind == "direct"
    assert att.content == "The budget is balanced and the schools stay open."
    assert att.speaker.name == "Tom Baker"


def test_quote_closed_by_dash_and_name(nlp):
    text = "“The most unqualified candidate ever to run for office.” ― Ana Ruiz\n"
    att = _only(text, nlp)
    assert att.cue == "―"
    assert att.speaker.name == "Ana Ruiz"
    assert att.content == "The most unqualified candidate ever to run for office."


def test_clause_before_a_report_is_an_unattributed_claim(nlp):
    text = (
        "The company cut 4,000 jobs in 2023 and doubled its losses to $2 billion, "
        "prompting critics to warn that it would fail."
    )
    result = extract(text, nlp=nlp)
    (att,) = result.attributions
    assert att.speaker.name == "critics"
    assert [c.text for c in result.claims] == [
        "The company cut 4,000 jobs in 2023 and doubled its losses to $2 billion"
    ]


@pytest.mark.parametrize("dateline", ["", "Date: 2024-05-20\n\n"])
def test_data_released_by_a_body_speak_for_it(nlp, dateline):
    text = dateline + (
        "Figures released by the Harbor City police department on Monday show that reported "
        "crime fell by 9 percent between 2019 and 2023."
    )
    att = _only(text, nlp)
    assert att.cue == "show"
    assert att.speaker.name == "Harbor City police department"
    assert att.speaker.kind == "organization"
    assert att.speaker.mention == "Figures released by the Harbor City police department"
    assert att.content == "that reported crime fell by 9 percent between 2019 and 2023"


def test_relative_pronoun_of_a_non_noun_is_never_a_named_speaker(nlp):
    text = "Figures from the city show that reported crime fell."
    for att in extract(text, nlp=nlp).attributions:
        assert att.speaker.name not in {"show", "that", "reported"}


def test_document_speaker_is_named_by_its_whole_phrase(nlp):
    text = (
        "Engineers had warned in 2021 that the barriers would not cover the lower valley, "
        "according to a report seen by the Grey Valley Courier."
    )
    atts = extract(text, nlp=nlp).attributions
    report = _by_cue(text, "according to", nlp)
    engineers = _by_cue(text, "warned", nlp)
    assert report.speaker.name == "a report seen by the Grey Valley Courier"
    assert report.content.startswith("Engineers had warned in 2021")
    # The report is the outer source: the engineers' warning stops before "according to".
    assert engineers.content == "that the barriers would not cover the lower valley"
    assert atts[engineers.reported_by] == report


def test_generic_role_words_are_no_affiliation(nlp):
    text = "Council member Tom Reyes warned that the library cuts would hit the poorest areas."
    att = _only(text, nlp)
    assert att.speaker.name == "Tom Reyes"
    assert att.speaker.role == "Council member"
    assert att.speaker.affiliation == ""


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman for the mayor, Lena Park, said the mayor meant violent crime only.",
        "Lena Park, a spokeswoman for the mayor, said the mayor meant violent crime only.",
    ],
)
def test_appositive_name_is_the_speaker_and_the_descriptor_her_role(nlp, text):
    att = _only(text, nlp)
    assert att.speaker.name == "Lena Park"
    assert att.speaker.role == "spokeswoman for the mayor"
    assert text[att.speaker.mention_start : att.speaker.mention_end] == att.speaker.mention
    assert "Lena Park" in att.speaker.mention


@pytest.mark.parametrize(
    "text",
    [
        "Residents of the lower valley disputed that account.",
        "Residents of the lower valley disputed the claim.",
        "Residents of the lower valley rejected this.",
    ],
)
def test_anaphoric_object_is_not_reported_content(nlp, text):
    assert extract(text, nlp=nlp).attributions == []


def test_dateline_is_not_part_of_the_speaker(nlp):
    text = "Date: 2024-06-02\n\nThe State Water Agency said on Sunday that the barriers held."
    att = _only(text, nlp)
    assert att.speaker.name == "State Water Agency"
    assert att.speaker.mention == "The State Water Agency"


@pytest.mark.parametrize(
    ("title", "speaker", "content"),
    [
        ("Ortiz: Crime Fell By A Third Since 2019", "Ortiz", "Crime Fell By A Third Since 2019"),
        ("Mayor Ortiz says crime fell by a third", "Mayor Ortiz", "crime fell by a third"),
        (
            "Crime fell by a third since 2019, Mayor Ortiz says",
            "Mayor Ortiz",
            "Crime fell by a third since 2019",
        ),
    ],
)
def test_title_attributions(nlp, title, speaker, content):
    text = f"{title}\n\nMayor Ortiz spoke to the council on Monday about the budget."
    atts = [a for a in extract(text, nlp=nlp).attributions if a.content_start < len(title)]
    assert [(a.speaker.mention, a.content) for a in atts] == [(speaker, content)]
    assert text[atts[0].cue_start : atts[0].cue_end] == atts[0].cue


def test_title_with_a_section_label_is_no_attribution(nlp):
    text = "The Latest: Council votes on the budget\n\nThe council met on Monday to vote."
    assert extract(text, nlp=nlp).attributions == []


def test_initials_in_the_name_do_not_detach_the_cue_from_the_quote(nlp):
    text = "“He would be a great senator,” Rep. Elijah E. Cummings (D-Md.) said in an interview."
    att = _only(text, nlp)
    assert att.kind == "direct"
    assert att.content == "He would be a great senator"
    assert att.speaker.name == "Elijah E. Cummings"
