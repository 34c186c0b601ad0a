"""Headless Debian Chromium driven by Playwright, shared by the browser tests."""

import os
from pathlib import Path

import pytest

from articles.models import Article
from claims.models import Attribution
from tests.factories import PASSWORD, ArticleFactory, SourceFactory, said
from tests.services import unavailable


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test, in transactions the live server's thread sees."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# A council story with two attributed statements, for the desk's screens.
COUNCIL_TEXT = (
    "Harbor City council voted 7 to 2 to raise police spending by 12 percent. "
    "“This budget keeps our streets safe without raising a single tax,” Mayor Jane Ortiz said. "
    "Council member Tom Reyes warned that the library cuts would hit the poorest "
    "neighborhoods hardest."
)


def council_article() -> Article:
    """The council story, as the Harbor Daily published it."""
    return ArticleFactory(text=COUNCIL_TEXT, title="Council passes budget", outlet="Harbor Daily")


# The council story's two statements, by speaker: the words and how they are reported.
COUNCIL_STATEMENTS = {
    "Jane Ortiz": ("This budget keeps our streets safe without raising a single tax,", "direct"),
    "Tom Reyes": ("the library cuts would hit the poorest neighborhoods hardest", "indirect"),
}


def council_said(article: Article, speaker: str) -> Attribution:
    """``speaker``'s statement (one of ``COUNCIL_STATEMENTS``) in the council story."""
    content, kind = COUNCIL_STATEMENTS[speaker]
    return said(article, content, speaker=SourceFactory(name=speaker), kind=kind)


@pytest.fixture
def browser_page():
    if not os.path.exists(CHROMIUM):
        unavailable("Debian chromium is not installed (make browser-deps)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        # Script errors and CSP refusals fail the test (a missing favicon does not).
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on(
            "console",
            lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.errors = errors
        yield page
        context.close()
        browser.close()


def fill_verdict(page, *, rating: str, summary: str, explanation: str, submit: str) -> None:
    """Type a verdict into the claim page's verdict form (``rating`` is the option's label), then
    press its button ``submit`` (a selector inside the form) and wait for the page it leads to."""
    page.select_option("#verdict-form select[name=rating]", label=rating)
    page.fill("#verdict-form textarea[name=summary]", summary)
    page.fill("#verdict-form textarea[name=explanation]", explanation)
    with page.expect_navigation():
        page.click(f"#verdict-form {submit}")


def log_in(page, base: str, username: str) -> None:
    """Log ``username`` in through the admin's login page, which sends them to the queue."""
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/?next=/review/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url.endswith("/review/")
