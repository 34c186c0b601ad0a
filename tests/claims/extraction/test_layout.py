"""Text layout: headline lines, parsing in chunks."""

from claims.extraction import extract
from claims.extraction.layout import chunks, clip_to_line, headline_lines, in_spans, sentence_spans


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


def test_headline_lines_are_lines_without_closing_punctuation():
    text = "Budget Vote Today\nThe council met.\n\nRelated: more news\n"
    assert [text[s:e] for s, e in headline_lines(text)] == [
        "Budget Vote Today",
        "Related: more news",
    ]


def test_in_spans():
    spans = [(0, 5), (10, 12)]
    assert [c for c in range(14) if in_spans(c, spans)] == [0, 1, 2, 3, 4, 10, 11]


def test_chunks_cover_the_text_and_end_at_line_ends():
    text = ("A line of text.\n" * 8000)[:-1]
    pieces = chunks(text)
    assert len(pieces) > 1
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[base : base + len(piece)] == piece for base, piece in pieces)
    assert all(piece.endswith("\n") for _, piece in pieces[:-1])


def test_clip_to_line_keeps_the_cues_line():
    text = "He said so.\nNext line."
    assert clip_to_line(text, 3, (0, len(text))) == (0, 11)
    assert clip_to_line(text, 3, (12, 20)) is None


def test_sentence_spans_are_trimmed():
    text = "First one.  Second one!\nThird"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["First one.", "Second one!", "Third"]


def test_long_lines_and_a_long_last_line_are_prose_not_headlines():
    prose = " ".join(["word"] * 30)
    bio = "Jane Roe covers city hall and the county courts for the Harbor Courier"
    text = f"Short Headline\n{prose}\nThe council met.\n{bio}"
    assert [text[s:e] for s, e in headline_lines(text)] == ["Short Headline"]


def test_a_sentence_ends_at_its_line(nlp):
    text = "Harbor City Budget Vote\nMayor Ann Cole said the budget was balanced."
    [att] = extract(text, nlp=nlp).attributions
    assert att.speaker.name == "Ann Cole"
    assert att.content == "the budget was balanced"
