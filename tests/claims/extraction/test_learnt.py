"""The learnt pass over the rule attributions (claims.extraction.learnt), on invented sentences."""

from claims.extraction import extract, learnt
from claims.extraction.learnt import MODEL_PATH, ParsedChunk, cue_scores, load_model
from claims.extraction.learnt_features import child_features, cue_features


def test_shipped_model_loads_with_all_three_parts():
    model = load_model()
    assert MODEL_PATH.stat().st_size < 5_000_000
    for part in (model.cue, model.child, model.attribution):
        assert part.weights
        assert 0.0 < part.threshold < 1.0


def test_clear_report_is_kept_with_its_speaker(nlp):
    text = "Senator Maria Lopez said the new tax would hurt small farmers across the state."
    atts = extract(text, nlp=nlp).attributions
    assert [(a.speaker.name if a.speaker else None, a.cue) for a in atts] == [
        ("Maria Lopez", "said")
    ]
    assert atts[0].content == "the new tax would hurt small farmers across the state"


def test_plain_statement_of_fact_gives_no_attribution(nlp):
    text = "The bridge over the river was built in 1932 and repainted last spring."
    assert extract(text, nlp=nlp).attributions == []


def test_cue_outside_the_rules_lexicon_is_proposed(nlp):
    # "voted" is no reporting verb of the rules; PolNeAR annotates votes as stances.
    text = "Senator Maria Lopez voted against the farm bill because it cut crop insurance."
    doc = nlp(text)
    chunk = ParsedChunk.read(0, doc, doc.text)
    voted = next(t for t in doc if t.text == "voted")
    assert cue_scores(chunk, load_model())[voted.i] >= load_model().cue.threshold
    bridge = nlp("The old bridge was repaired in May.")
    repaired = next(t for t in bridge if t.text == "repaired")
    scores = cue_scores(ParsedChunk.read(0, bridge, bridge.text), load_model())
    assert scores.get(repaired.i, 0.0) < load_model().cue.threshold


def test_spans_slice_back_to_their_text(nlp):
    text = (
        "The mayor's office announced on Monday that the library will close. Critics voted "
        "down the plan, and the union accused the council of hiding the costs.\n\n"
        "“We will fight this,” said Ana Ruiz, who leads the union. She hopes to win."
    )
    for att in extract(text, nlp=nlp).attributions:
        assert text[att.content_start : att.content_end] == att.content
        assert att.cue_start is not None and att.cue_end is not None
        assert text[att.cue_start : att.cue_end] == att.cue
        for start, end in att.parts:
            assert att.content_start <= start < end <= att.content_end


def test_spans_keep_offsets_in_later_chunks(nlp):
    text = "Filler sentence without any report in it.\n" * 1300 + (
        "Senator Maria Lopez voted against the farm bill because it cut crop insurance.\n"
    )
    atts = extract(text, nlp=nlp).attributions
    assert atts
    for att in atts:
        assert text[att.content_start : att.content_end] == att.content


def test_features_are_deterministic(nlp):
    text = "Officials in the city told reporters that the “new rules” would apply next week."
    runs = []
    for _ in range(2):
        doc = nlp(text)
        chunk = ParsedChunk.read(0, doc, doc.text)
        runs.append(
            [
                (
                    cue_features(t, chunk.quote[t.i], chunk.sent_start[t.i]),
                    [child_features(t, c, chunk.quote[c.i]) for c in t.children],
                )
                for t in doc
            ]
        )
    assert runs[0] == runs[1]
    scores = [cue_scores(ParsedChunk.read(0, nlp(text), text), load_model()) for _ in range(2)]
    assert scores[0] == scores[1]


def test_quote_state_marks_the_first_quoted_word(nlp):
    doc = nlp("Smith has “promised to release the records,” he said.")
    states = dict(zip((t.text for t in doc), ParsedChunk.read(0, doc, doc.text).quote, strict=True))
    assert states["has"] == "out"
    assert states["promised"] == "first"
    assert states["records"] == "in"
    assert states["said"] == "out"


def test_revise_without_candidates_or_cues_returns_nothing(nlp):
    doc = nlp("The sky is blue.")
    assert learnt.revise(doc.text, [(0, doc)], [], make=dict) == []


def test_the_subject_of_a_raising_verb_is_no_source(nlp):
    # "appears to": the writer's hedged claim about enthusiasm, which holds no view.
    doc = nlp("Enthusiasm for the plan appears to have collapsed since the spring.")
    appears = next(t for t in doc if t.text == "appears")
    assert learnt.source_token(appears) is None
    said = next(t for t in nlp("Mayor Ann Cole said the plan had collapsed.") if t.text == "said")
    assert learnt.source_token(said).text == "Cole"


def _raising(nlp, text):
    """The attribution whose cue is a raising verb (appear, seem) in `text`."""
    return next(
        a
        for a in extract(text, nlp=nlp).attributions
        if a.cue.lower() in {"appeared", "appears", "seemed", "seem"}
    )


def test_a_person_seen_to_act_holds_the_view(nlp):
    text = (
        "At the hearing on Tuesday, Senator Jane Smith appeared to blame the staff for the delays."
    )
    assert _raising(nlp, text).speaker.name == "Jane Smith"


def test_a_hedge_about_a_thing_or_a_state_has_no_source(nlp):
    for text in (
        "Turnout appears to have fallen sharply in the northern districts this year.",
        "At the hearing, Senator Jane Smith seemed certain to leave the committee.",
    ):
        assert _raising(nlp, text).speaker is None
