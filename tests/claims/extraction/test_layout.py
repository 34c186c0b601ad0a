"""Text layout: headline lines, parsing in chunks."""

from pathlib import Path
from unittest import mock

from claims.extraction import extract, pipeline
from claims.extraction.layout import chunks, clip_to_line, headline_lines, in_spans, sentence_spans

SAMPLE = Path(__file__).resolve().parents[3] / "articles" / "demo" / "pentagon-belousov-call.txt"


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


def test_a_line_longer_than_a_piece_is_cut_after_a_sentence_or_a_space():
    text = "One sentence here. Another one follows it " + "word " * 30
    pieces = chunks(text, 30)
    assert "".join(piece for _, piece in pieces) == text
    assert pieces[0][1] == "One sentence here. "
    assert all(piece.endswith(" ") for _, piece in pieces[:-1])


def test_a_section_parsed_in_pieces_is_one_doc_of_its_exact_text(nlp):
    text = "Mayor Jane Holloway said the bridge would close.\n\nShe added: “Not before May.”"
    with mock.patch.object(pipeline, "PARSE_CHARS", 30):
        [doc] = pipeline.parse_sections(nlp, [text])
    assert doc.text == text
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Jane Holloway"]


def test_an_article_parsed_in_pieces_gives_the_attributions_of_one_parse(nlp):
    # The sample page (2,000 characters) in pieces of a few paragraphs each, against one parse:
    # the pieces end at line ends, where neither the parser nor the tagger looks across.
    text = SAMPLE.read_text(encoding="utf-8")
    whole = extract(text, nlp=nlp)
    with mock.patch.object(pipeline, "PARSE_CHARS", 600):
        assert len(chunks(text, pipeline.PARSE_CHARS)) > 3
        pieces = extract(text, nlp=nlp)
    assert len(whole.attributions) >= 8
    assert pieces.attributions == whole.attributions
    assert pieces.claims == whole.claims


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
