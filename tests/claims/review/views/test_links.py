"""Stored URLs are links only when they are http(s): a ``javascript:`` or ``data:`` URL saved through
the ORM or an import shows as text on the claim, article and public verdict pages."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from claims.models import Evidence
from claims.templatetags.links import http_url
from tests.claims.review.conftest import publish
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db

DANGEROUS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " \t javascript:alert(1)",
    "\x01\x1fjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\x00script:alert(1)",
    "javascript\r:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example.org/phish",
    "/relative/path",
    "https:no-host",
    "http://[::1",
    "",
]
# What a database can hold, for the page tests: PostgreSQL text refuses NUL, so that one is only
# checked by the filter itself.
STORABLE = [url for url in DANGEROUS[:10] if "\x00" not in url]
SAFE = [
    ("https://stats.example.org/table-1?a=1&b=2", "https://stats.example.org/table-1?a=1&b=2"),
    ("HTTP://Example.org/", "HTTP://Example.org/"),
    ("  https://example.org/padded \n", "https://example.org/padded"),
]


@pytest.mark.parametrize("url", DANGEROUS)
def test_anything_but_an_http_url_is_refused(url):
    assert http_url(url) == ""


@pytest.mark.parametrize(("url", "href"), SAFE)
def test_http_urls_are_kept(url, href):
    assert http_url(url) == href


def test_non_strings_are_refused():
    assert http_url(None) == ""
    assert http_url(42) == ""


def test_external_link_escapes_the_text_and_the_url():
    template = Template("{% load links %}{% external_link url text %}")
    linked = template.render(Context({"url": 'https://e.org/?q="><x', "text": "<b>Report</b>"}))
    unlinked = template.render(Context({"url": "javascript:alert(1)", "text": "<b>Report</b>"}))

    assert linked == (
        '<a href="https://e.org/?q=&quot;&gt;&lt;x" rel="noopener noreferrer">'
        "&lt;b&gt;Report&lt;/b&gt;</a>"
    )
    assert unlinked == "&lt;b&gt;Report&lt;/b&gt;"


def _evidence(claim, url: str, title: str) -> Evidence:
    # Saved through the ORM: model validation (which the form runs) is skipped, as an import does.
    return EvidenceFactory(claim=claim, url=url, title=title)


def _no_dangerous_href(page: str) -> None:
    lowered = page.lower()
    for scheme in ("javascript:", "data:", "vbscript:"):
        assert f'href="{scheme}' not in lowered
        assert f"href=' {scheme}" not in lowered


@pytest.mark.parametrize("url", STORABLE)
def test_claim_page_shows_a_dangerous_evidence_url_as_text(client, reviewer, world, url):
    _evidence(world["claim"], url, title="Bad link")
    good = _evidence(world["claim"], "https://stats.example.org/ok", title="Good link")
    client.force_login(reviewer)

    page = client.get(reverse("review:claim", args=[world["claim"].pk])).content.decode()

    _no_dangerous_href(page)
    assert "Bad link" in page
    assert ">Bad link</a>" not in page
    assert f'<a href="{good.url}" rel="noopener noreferrer">Good link</a>' in page


@pytest.mark.parametrize("url", STORABLE)
def test_public_verdict_page_shows_dangerous_urls_as_text(client, reviewer, editor, world, url):
    bad = _evidence(world["claim"], url, title="Bad link")
    good = _evidence(world["claim"], "https://stats.example.org/ok", title="Good link")
    article = world["article"]
    article.url = url
    article.save(update_fields=["url"])
    verdict = publish(world["verdict"], reviewer=reviewer, editor=editor, evidence=[bad, good])

    page = client.get(reverse("public-verdict", args=[verdict.pk])).content.decode()

    _no_dangerous_href(page)
    assert "Bad link" in page
    assert ">Bad link</a>" not in page
    assert f"<li>Pat Ryder, in {article.title} (" in page  # the article's title, unlinked
    assert f">{article.title}</a>" not in page
    assert f'<a href="{good.url}" rel="noopener noreferrer">Good link</a>' in page


def test_public_verdict_page_links_an_https_article(client, reviewer, editor, world):
    verdict = publish(world["verdict"], reviewer=reviewer, editor=editor)
    article = world["article"]

    page = client.get(reverse("public-verdict", args=[verdict.pk])).content.decode()

    assert f'<a href="{article.url}" rel="noopener noreferrer">{article.title}</a>' in page


@pytest.mark.parametrize("url", STORABLE)
def test_article_page_links_the_original_only_when_http(client, reviewer, world, url):
    article = world["article"]
    client.force_login(reviewer)
    address = reverse("review:article", args=[article.pk])
    original = article.url
    linked = client.get(address).content.decode()
    article.url = url
    article.save(update_fields=["url"])

    page = client.get(address).content.decode()

    assert f'<a href="{original}" rel="noopener noreferrer">original</a>' in linked
    assert ">original</a>" not in page
    _no_dangerous_href(page)
