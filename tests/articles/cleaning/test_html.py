"""HTML: the article's paragraphs and metadata, whatever the page around it."""

import datetime

from articles.cleaning import clean_document

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
