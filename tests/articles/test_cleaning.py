import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.cleaning import (
    BinaryDocument,
    CleaningError,
    EmptyDocument,
    UndecodableDocument,
    clean_document,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "samples" / "pentagon-belousov-call.txt"
GOLD = FIXTURES / "samples" / "pentagon-belousov-call.gold.json"


def expected_sample_paragraphs() -> list[str]:
    """The body per the hand annotation: every line below the header that is not chrome."""
    gold = json.loads(GOLD.read_text())["article"]
    dropped = set(gold["boilerplate_lines"]) | set(gold["related_link_lines"])
    lines = SAMPLE.read_text().split("\n")
    body_start = lines.index("Date:") + 1
    return [line for line in lines[body_start:] if line.strip() and line not in dropped]


def test_sample_page_is_cleaned_exactly():
    gold = json.loads(GOLD.read_text())["article"]

    document = clean_document(SAMPLE.read_bytes())

    assert document.title == gold["title"]
    assert [document.byline] == gold["byline"]
    assert document.published == datetime.date.fromisoformat(gold["published"])
    assert document.language == "en"
    paragraphs = expected_sample_paragraphs()
    assert len(paragraphs) == 7
    assert document.text == "\n\n".join(paragraphs)
    for chrome in gold["boilerplate_lines"] + gold["related_link_lines"]:
        assert chrome not in document.text.split("\n\n")
    # Curly quotes survive untouched.
    assert "Kiev’s “barbaric” attack" in document.text


def test_scraped_page_with_breadcrumb_share_bar_and_footer():
    document = clean_document((FIXTURES / "scraped" / "harbour-council.txt").read_bytes())

    assert document.title == "Harbour Council Approves New Ferry Contract"
    assert document.byline == "Maria Lindqvist"
    assert document.published == datetime.date(2024, 3, 4)
    assert document.outlet == "Harbour Gazette"
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0].startswith("The city council voted 7-2 on Monday")
    # A sub-heading between paragraphs is part of the article and stays.
    assert "What happens next" in paragraphs
    assert paragraphs[-1].startswith("The contract takes effect in January")
    for chrome in [
        "Share this article",
        "Advertisement",
        "Related: Ferry strike ends after two weeks of talks",
        "Sign up for our newsletter",
        "Tags: ferries, council, harbour",
        "Skip to content",
    ]:
        assert chrome not in document.text
    assert len(paragraphs) == 5


def test_scraped_page_with_glued_related_link_and_story_list():
    document = clean_document((FIXTURES / "scraped" / "drought-report.txt").read_text())

    assert document.title == "Drought Forces Water Limits Across Southern Farms"
    assert document.byline == "Kwame Mensah"
    assert document.published == datetime.date(2023, 8, 12)
    assert "Heatwave sends power demand" not in document.text
    assert "Farmers protest" not in document.text
    assert "Leave a comment" not in document.text
    assert len(document.text.split("\n\n")) == 3


def test_hard_wrapped_text_is_unwrapped_into_paragraphs():
    document = clean_document((FIXTURES / "scraped" / "wrapped-newsletter.txt").read_bytes())

    assert document.title == "Weekly Science Brief"
    assert document.byline == "Priya Raman"
    assert document.published == datetime.date(2024, 1, 15)
    assert document.text.split("\n\n") == [
        "Researchers at the University of Leeds said on Thursday that a new battery design could "
        "store twice as much energy as current lithium cells, though they cautioned that it was "
        "years away from market.",
        "The team said the prototype survived 1,000 charging cycles in the lab.",
    ]


def test_text_without_prose_is_kept_whole():
    document = clean_document("Hello world\nSecond line")

    assert document.text == "Hello world\n\nSecond line"
    assert document.title == ""


HTML = """<!DOCTYPE html><html lang="en"><head>
<title>Minister says budget will grow | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Jane Roe">
<link rel="canonical" href="https://planet.example/news/budget-grows">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Minister says budget will grow</h1>
<p>The finance minister said on Monday that the budget would grow by five percent next year,
citing stronger tax receipts than expected.</p>
<div class="share">Share on Twitter Share on Facebook</div>
<p>“We are in a better position than anyone predicted,” she told reporters in the capital.
Opposition leaders questioned the figures.</p>
<p>Economists said the forecast relied on optimistic assumptions about growth in the second half
of the year and on energy prices.</p>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/a">Other story</a></li></ul>
</aside></article>
<section id="comments"><p>Great article! I totally agree with this whole thing and more.</p>
</section><footer>© 2024 Daily Planet. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata():
    document = clean_document(
        HTML.encode(), content_type="text/html; charset=utf-8", url="https://planet.example/x"
    )

    assert document.title == "Minister says budget will grow"
    assert document.byline == "Jane Roe"
    assert document.outlet == "Daily Planet"
    assert document.published == datetime.date(2024, 3, 5)
    assert document.canonical_url == "https://planet.example/news/budget-grows"
    assert document.language == "en"
    paragraphs = document.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The finance minister said on Monday")
    assert paragraphs[1].startswith("“We are in a better position")
    for chrome in ["Home", "Share on Twitter", "Other story", "Great article", "All rights"]:
        assert chrome not in document.text


def test_html_is_sniffed_without_content_type():
    assert clean_document(HTML).title == "Minister says budget will grow"


def test_malformed_html_still_gives_its_text():
    document = clean_document("<html><body><div><p>Unclosed <b>bold <p>second</div></td></tr>")

    assert "Unclosed" in document.text
    assert "second" in document.text


def test_declared_latin1_charset_is_used():
    data = "<p>Caf\u00e9 owners said the new rules were unfair to small businesses.</p>"
    document = clean_document(data.encode("latin-1"), content_type="text/html; charset=ISO-8859-1")

    assert "Café owners" in document.text


def test_utf16_with_bom_is_decoded():
    text = "The mayor said the bridge will reopen in May after the repairs."
    document = clean_document(text.encode("utf-16"))

    assert document.text == text


def test_undeclared_windows_1252_is_detected():
    text = (
        "Die Regierung hat am Montag beschlossen, dass die Steuern für Unternehmen steigen werden. "
        * 3
    )
    document = clean_document(text.encode("cp1252"))

    assert "für Unternehmen" in document.text
    assert document.language == "de"


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", EmptyDocument, "empty"),
        (b"   \n\t ", EmptyDocument, "empty"),
        ("", EmptyDocument, "empty"),
        ("<html><body><script>x()</script></body></html>", EmptyDocument, "no text"),
        (b"%PDF-1.7 \x00\x01", BinaryDocument, "PDF"),
        (b"abc\x00def", BinaryDocument, "NUL"),
        (bytes(range(128, 256)) * 3, UndecodableDocument, "encoding"),
    ],
)
def test_bad_input_raises_a_cleaning_error_with_a_message(data, error, message):
    with pytest.raises(error, match=message):
        clean_document(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000)))
def test_fuzz_cleaning_raises_only_cleaning_error(data):
    try:
        document = clean_document(data)
    except CleaningError as exc:
        assert str(exc)
    else:
        assert isinstance(document.text, str)
        assert document.text.strip()


HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<html>",
        "<body>",
        "<!--",
        "-->",
        "<script>",
        "<?xml version='1.0' encoding='utf-8'?>",
        "<title>",
        "&amp;",
        "&#0;",
        "<br/>",
        "<meta charset='utf-8'>",
        "The minister said the plan would work. ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.one_of(HTML_PIECES, st.text(max_size=30)), max_size=40),
    content_type=st.sampled_from([None, "text/html", "text/plain", "application/xhtml+xml"]),
)
def test_fuzz_html_like_input_raises_only_cleaning_error(pieces, content_type):
    data = "".join(pieces)
    for value in (data, data.encode("utf-8", "surrogatepass")):
        try:
            document = clean_document(value, content_type=content_type)
        except CleaningError:
            continue
        assert isinstance(document.text, str)
