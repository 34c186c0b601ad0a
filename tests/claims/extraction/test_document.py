"""The steps that make one chunk's attributions: mixed quotes, parenthetical cues, quotes carried on."""

from claims.extraction import extract


def test_cue_inside_one_pair_of_quote_marks_splits_the_quote(nlp):
    text = "Governor Tom Baker spoke on Friday. “The deal, he said, is dead for now.”"
    first, second = extract(text, nlp=nlp).attributions
    assert [first.content, second.content] == ["The deal", "is dead for now."]
    assert {first.kind, second.kind} == {"direct"}
    assert first.speaker.name == second.speaker.name == "Tom Baker"
    assert second.reported_by is None


def test_parenthetical_cue_in_reported_speech_lists_the_speakers_parts(only):
    text = "Governor Tom Baker spoke on Friday. The deal, he said, was dead for now."
    att = only(text)
    assert att.content == "The deal, he said, was dead for now"
    assert [text[s:e] for s, e in att.parts] == ["The deal", "was dead for now"]


def test_mixed_quote_inside_reported_speech(only):
    text = "Trade Minister Ana Ruiz said the deal was “a historic step for both countries.”"
    att = only(text)
    assert att.kind == "mixed"
    assert att.content == "the deal was “a historic step for both countries.”"


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


def test_quoted_paragraphs_after_a_report_carry_on_its_speaker(nlp):
    text = (
        "The council met on Monday. Councillor Tom Reyes said the plan would fail.\n\n"
        "“It is a disaster for the east side of the city.”\n\n"
        "“We will fight it in every ward.”"
    )
    report, first, second = extract(text, nlp=nlp).attributions
    assert report.speaker.name == "Tom Reyes"
    assert first.content == "It is a disaster for the east side of the city."
    assert second.content == "We will fight it in every ward."
    assert first.speaker.name == second.speaker.name == "Tom Reyes"


def test_a_paragraph_with_a_cue_of_its_own_is_not_carried_on(nlp):
    text = (
        "“The roads are ready,” Mayor Jane Holloway said.\n\n"
        "“The trains are late again,” said transport chief Omar Haddad, who took over in May."
    )
    speakers = [a.speaker.name for a in extract(text, nlp=nlp).attributions]
    assert speakers == ["Jane Holloway", "Omar Haddad"]
