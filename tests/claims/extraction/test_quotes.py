from claims.extraction.quotes import find_quotes, passage_around, passages


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_quotes_are_found():
    text = 'He said “one thing” and then "another thing" today.'
    assert _texts(text) == ["“one thing”", '"another thing"']


def test_apostrophes_do_not_open_quotes():
    text = "Russia’s minister didn’t say ‘never’ about the voters’ plans."
    assert _texts(text) == ["‘never’"]


def test_unbalanced_quote_ends_at_paragraph_end():
    text = 'He said "we will win.\n\nThe next paragraph is narration.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert not quotes[0].closed
    assert text[quotes[0].start : quotes[0].end] == '"we will win.'


def test_quote_reopened_in_next_paragraph_continues():
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said."
    first, second = find_quotes(text)
    assert first.continues and not first.closed
    assert second.closed


def test_same_style_quote_nested_inside_a_quote():
    text = "“I would rather live in what he calls “hell” than here.” ― Ana Ruiz"
    assert _texts(text) == ["“I would rather live in what he calls “hell” than here.”"]


def test_quotes_side_by_side_and_reopened_are_one_passage():
    text = "“One,” “two.” Then: “Three.\n\n“Four,” she said."
    joined = passages(find_quotes(text), text)
    assert [text[p.start : p.end] for p in joined] == ["“One,” “two.”", "“Three.\n\n“Four,”"]
    assert passage_around(joined, text.index("Four")) is joined[1]
    assert passage_around(joined, text.index("Then")) is None
