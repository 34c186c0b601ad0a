"""The attributions of a whole article put together."""

from claims.extraction import Attribution, extract
from claims.extraction.merge import dedupe, fold_nested


def test_a_report_inside_reported_content_is_the_outer_attributions_subject(nlp):
    text = "Spokesman John Reed said Smith has “promised to release the records,” on Friday."
    [outer] = extract(text, nlp=nlp).attributions
    assert outer.cue == "said"
    assert outer.speaker.name == "John Reed"
    assert outer.subject == "Smith"


def test_a_cue_inside_a_quote_adds_no_attribution_of_its_own(nlp):
    text = (
        "“The board says the road will reopen in June, and I believe that,” Mayor Ann Cole "
        "told reporters."
    )
    [att] = extract(text, nlp=nlp).attributions
    assert att.speaker.name == "Ann Cole"
    assert att.content.startswith("The board says")


def _att(start: int, end: int, confidence: float) -> Attribution:
    return Attribution(
        "x" * (end - start), start, end, "indirect", "said", 0, 4, None, confidence=confidence
    )


def test_dedupe_keeps_the_surest_attribution_of_a_span_in_text_order():
    unsure, sure, later = _att(5, 9, 0.4), _att(5, 9, 0.8), _att(1, 3, 0.5)
    assert dedupe([unsure, later, sure]) == [later, sure]


def test_fold_nested_keeps_one_attribution_per_stretch_of_text():
    outer, inner, sub, after = (
        _att(0, 50, 0.5),
        _att(10, 30, 0.9),
        _att(0, 20, 0.5),
        _att(60, 70, 0.5),
    )
    assert fold_nested([sub, outer, inner, after]) == [outer, after]
