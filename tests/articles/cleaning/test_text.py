"""Scraped plain text: the header read for metadata, the site's chrome dropped."""

import datetime
import json
from pathlib import Path

from articles.cleaning import clean_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
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
