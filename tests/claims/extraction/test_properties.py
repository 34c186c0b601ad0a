"""Any text, however broken, gives a result whose spans slice back to their strings."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract

_PIECES = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        " said ",
        " he ",
        "Mr. Smith",
        ", ",
        ". ",
        "\n",
        "\n\n",
        "according to ",
        "told reporters",
        "Moscow",
        " the MOD ",
        "—",
        ":",
        "x",
        " ",
    ]
)
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map("".join))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXTS)
def test_any_text_returns_consistent_spans(nlp, text):
    result = extract(text, nlp=nlp)
    for att in result.attributions:
        assert text[att.content_start : att.content_end] == att.content
        assert 0.0 <= att.confidence <= 1.0
        if att.cue_start is not None:
            assert text[att.cue_start : att.cue_end] == att.cue
        s = att.speaker
        if s is not None and s.mention_start is not None:
            assert text[s.mention_start : s.mention_end] == s.mention
        for start, end in att.parts:
            assert att.content_start <= start < end <= att.content_end
        if att.reported_by is not None:
            assert 0 <= att.reported_by < len(result.attributions)
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text
