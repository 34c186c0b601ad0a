"""The attributions of a whole article put together."""

from claims.extraction import Attribution, extract
from claims.extraction.merge import dedupe


def test_nested_reporting_links_inner_to_outer(nlp):
    text = "Spokesman John Reed said Smith has “promised to release the records,” on Friday."
    atts = extract(text, nlp=nlp).attributions
    outer = next(a for a in atts if a.cue == "said")
    inner = next(a for a in atts if a.cue == "promised")
    assert outer.speaker.name == "John Reed"
    assert outer.subject == "Smith"
    assert atts[inner.reported_by] is outer


def _att(start: int, end: int, confidence: float) -> Attribution:
    return Attribution(
        "x" * (end - start), start, end, "indirect", "said", 0, 4, None, confidence=confidence
    )


def test_dedupe_keeps_the_surest_attribution_of_a_span_in_text_order():
    unsure, sure, later = _att(5, 9, 0.4), _att(5, 9, 0.8), _att(1, 3, 0.5)
    assert dedupe([unsure, later, sure]) == [later, sure]
