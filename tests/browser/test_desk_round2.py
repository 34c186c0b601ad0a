"""The desk's second round, walked in headless Chromium as a reviewer and an editor would: adding an
article and seeing it extracted, following a queued article's status, finding it in the article
list, submitting an edited verdict in one step, a sent-back verdict waiting in My work, and a merge
target and a speaker found by typing.
Screenshots of each new screen, at 1400 and 390 px, land in test-artifacts/screenshots/desk/."""

from pathlib import Path

import pytest

from articles.models import Article
from claims.models import Verdict
from claims.services import claims as claim_services
from claims.services import verdicts as verdict_services
from claims.services.attributions import attribution_confirm
from tests.browser.conftest import (
    COUNCIL_TEXT,
    SCREENSHOTS,
    council_article,
    council_said,
    fill_verdict,
    log_in,
)
from tests.factories import (
    ArticleFactory,
    RatingFactory,
    RatingScaleFactory,
    SourceFactory,
    VerdictFactory,
)

DESK_SHOTS = SCREENSHOTS / "desk"
SAMPLE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "samples"


def shots(page, name: str) -> None:
    """The page as it is, at the desk's width and at a phone's."""
    DESK_SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1400, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(DESK_SHOTS / f"{name}-{width}.png"), full_page=True)
        if width == 390:
            # Nothing but the scrolling tables may be wider than the phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1, name
    page.set_viewport_size({"width": 1400, "height": 1000})


@pytest.fixture
def drafted(reviewer):
    """A claim with a draft verdict by the reviewer, and a rating scale."""
    article = council_article()
    row = council_said(article, "Jane Ortiz")
    scale = RatingScaleFactory(name="Truth", slug="truth-desk")
    ratings = {
        label: RatingFactory(scale=scale, label=label, value=value)
        for value, label in enumerate(["False", "Mostly false", "Half true"], 1)
    }
    verdict = VerdictFactory(
        claim=row.claim, rating=ratings["Half true"], summary="Old summary.", reviewer=reviewer
    )
    return {"article": article, "claim": row.claim, "verdict": verdict, "ratings": ratings}


def test_reviewer_adds_an_article_and_sees_it_extracted(live_server, browser_page, reviewer):
    page, base = browser_page, live_server.url
    text = (SAMPLE / "pentagon-belousov-call.txt").read_text()
    log_in(page, base, reviewer.username)

    page.click("nav.review-nav >> text=Add article")
    page.fill("#id_title", "Austin calls Belousov")
    page.fill("#id_text", text)
    shots(page, "01-add-article")
    with page.expect_navigation():
        page.click("button:has-text('Add the article')")

    article = Article.objects.get()
    assert page.url.endswith(f"/review/articles/{article.pk}/")
    assert "Article added: Austin calls Belousov." in page.locator(".messagelist").inner_text()
    # Extraction ran in-process (the embedded default): the page shows the attributions.
    assert page.locator(".article-status .badge").inner_text() == "Extracted"
    assert page.locator(".claim-card").count() > 3
    assert "0 of" in page.locator("[data-progress]").inner_text()
    shots(page, "02-added-article")

    # The same text again leads to the stored article.
    page.goto(f"{base}/review/articles/new/")
    page.fill("#id_text", text)
    with page.expect_navigation():
        page.click("button:has-text('Add the article')")
    assert page.url.endswith(f"/review/articles/{article.pk}/")
    assert "already on the desk (same content)" in page.locator(".messagelist").inner_text()
    assert Article.objects.count() == 1

    # The article list finds it by a word of its title, with its counts.
    page.click("nav.review-nav >> text=Articles")
    page.fill("input[name=q]", "belousov")
    with page.expect_navigation():
        page.click("button:has-text('Search')")
    row = page.locator(f"#article-row-{article.pk}")
    assert "Extracted" in row.inner_text()
    shots(page, "03-article-list")
    assert not page.errors


def test_a_queued_article_page_follows_its_status(live_server, browser_page, reviewer, editor):
    page, base = browser_page, live_server.url
    failed = ArticleFactory(
        title="Unreachable story", status="failed", error="Unreachable: timeout"
    )
    queued = ArticleFactory(title="Waiting story", status="queued", text=COUNCIL_TEXT)
    log_in(page, base, reviewer.username)

    page.goto(f"{base}/review/articles/{queued.pk}/")
    assert page.locator("[data-article-status]").inner_text() == "Queued"
    # The worker finishes meanwhile: the page reloads by itself and says so.
    Article.objects.filter(pk=queued.pk).update(status="extracted")
    page.wait_for_selector(".article-status .badge:has-text('Extracted')", timeout=10_000)
    assert page.locator("[data-article-status]").count() == 0

    # The editor sees the failure and its reason in the list, and retries it.
    log_in(page, base, editor.username)
    page.goto(f"{base}/review/articles/?status=failed")
    row = page.locator(f"#article-row-{failed.pk}")
    assert "Unreachable: timeout" in row.inner_text()
    failed.url = ""
    failed.save()
    with page.expect_navigation():
        row.locator("button:has-text('Retry')").click()
    assert "Queued again: Unreachable story." in page.locator(".messagelist").inner_text()
    failed.refresh_from_db()
    assert failed.status != "failed" or failed.error != "Unreachable: timeout"
    assert not page.errors


def test_edit_and_submit_a_verdict_in_one_step(
    live_server, browser_page, drafted, reviewer, editor
):
    page, base = browser_page, live_server.url
    log_in(page, base, reviewer.username)

    page.goto(f"{base}/review/claims/{drafted['claim'].pk}/")
    fill_verdict(
        page,
        rating="Mostly false (2, Truth)",
        summary="Taxes rose by 3 percent.",
        explanation="The city's budget book says so.",
        # No "Save draft" first.
        submit="button:has-text('Save and submit to an editor')",
    )

    assert "Verdict submitted to the editors." in page.locator(".messagelist").inner_text()
    verdict = Verdict.objects.get(pk=drafted["verdict"].pk)
    assert (verdict.status, verdict.summary, verdict.explanation, verdict.rating.label) == (
        "in_review",
        "Taxes rose by 3 percent.",
        "The city's budget book says so.",
        "Mostly false",
    )

    # The editor judges it on its own page: what changed since the saved draft.
    log_in(page, base, editor.username)
    page.goto(f"{base}/review/verdicts/{verdict.pk}/")
    diff = page.locator("section[aria-labelledby=diff-title]")
    assert "Old summary." in diff.inner_text() and "Taxes rose by 3 percent." in diff.inner_text()
    shots(page, "08-verdict-page")
    assert not page.errors


def test_a_sent_back_verdict_waits_in_my_work(live_server, browser_page, drafted, reviewer, editor):
    page, base = browser_page, live_server.url
    verdict = verdict_services.verdict_submit(verdict=drafted["verdict"], actor=reviewer)
    verdict_services.verdict_send_back(
        verdict=verdict, actor=editor, reason="Cite the council's budget book."
    )
    log_in(page, base, reviewer.username)

    nav = page.locator("nav.review-nav .my-work-link")
    assert "1 sent back" in nav.inner_text()
    with page.expect_navigation():
        nav.click()
    section = page.locator("section[aria-labelledby=sent-back-title]")
    assert "Cite the council's budget book." in section.inner_text()
    shots(page, "04-my-work")
    with page.expect_navigation():
        section.locator(f"a[href*='/review/claims/{drafted['claim'].pk}/']").click()
    assert page.locator("#verdict-form").is_visible()
    assert not page.errors


def test_start_page_for_visitors_and_for_the_desk(live_server, browser_page, reviewer):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/")
    assert page.locator("h1").inner_text() == "Who said what, and is it true"
    shots(page, "05-start-page")
    with page.expect_navigation():
        page.click("text=log in to the desk")
    assert "/admin/login/" in page.url
    log_in(page, base, reviewer.username)
    page.goto(f"{base}/")
    assert page.url.endswith("/review/")
    assert not page.errors


def test_messages_show_beside_the_card_and_a_conflict_keeps_the_reason(
    live_server, browser_page, drafted, reviewer
):
    page, base = browser_page, live_server.url
    article = drafted["article"]
    second = council_said(article, "Tom Reyes")
    first = drafted["claim"].attributions.get()
    log_in(page, base, reviewer.username)
    page.goto(f"{base}/review/articles/{article.pk}/")

    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("a")
    beside = page.locator(f"#attr-{first.pk} .inline-messages")
    beside.wait_for()
    assert "Accepted:" in beside.inner_text()
    assert beside.get_attribute("aria-live") == "polite"
    assert "1 of 2 reviewed" in page.locator("[data-progress]").inner_text()

    # Someone else rejects the second appearance while this reviewer types a reason.
    card = page.locator(f"#attr-{second.pk}")
    card.locator("summary:has-text('Reject this appearance')").click()
    card.locator("textarea[name=reason]").fill("Not what he said.")
    attribution_confirm(attribution=second, actor=reviewer)
    with page.expect_navigation():
        card.locator("button:has-text('Reject this appearance')").click()
    card = page.locator(f"#attr-{second.pk}")
    assert card.locator("textarea[name=reason]").input_value() == "Not what he said."
    assert "Someone else saved" in card.locator(".inline-messages").inner_text()
    shots(page, "06-conflict-beside-the-card")
    assert not page.errors


def test_find_a_merge_target_by_typing_then_undo_the_merge(
    live_server, browser_page, drafted, reviewer
):
    page, base = browser_page, live_server.url
    survivor = drafted["claim"]
    duplicate = council_said(drafted["article"], "Tom Reyes").claim
    log_in(page, base, reviewer.username)
    page.goto(f"{base}/review/claims/{duplicate.pk}/")

    page.keyboard.press("m")
    field = page.locator("input[name=into]")
    assert page.evaluate("document.activeElement.name") == "into"
    field.type("streets safe", delay=30)
    option = page.locator("[role=listbox] [role=option]").first
    option.wait_for()
    assert option.inner_text().startswith(f"#{survivor.pk} ")
    shots(page, "07-merge-picker")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert field.input_value().startswith(f"#{survivor.pk} ")
    with page.expect_navigation():
        page.click(".merge-form button:has-text('Merge')")

    assert page.url.endswith(f"/review/claims/{survivor.pk}/")
    history = page.locator("section[aria-labelledby=history-title]")
    assert f"rita merged claim #{duplicate.pk} into claim #{survivor.pk}" in history.inner_text()
    with page.expect_navigation():
        history.locator("button:has-text('Undo this merge')").click()
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.canonical_id) == ("candidate", None)
    assert "is no longer merged" in page.locator("body").inner_text()
    assert not page.errors


def test_pick_a_speaker_by_typing_part_of_a_name(live_server, browser_page, drafted, reviewer):
    page, base = browser_page, live_server.url
    row = drafted["claim"].attributions.get()
    # Not a speaker in this article, so not in the page's own list: found by search only.
    mayor = SourceFactory(name="Janet Ortiz-Whitfield", role="Mayor of Harbor City")
    SourceFactory(name="Harbor City council", kind="government")
    log_in(page, base, reviewer.username)
    page.goto(f"{base}/review/articles/{drafted['article'].pk}/?selected={row.pk}")

    page.keyboard.press("e")
    card = page.locator(f"#attr-{row.pk}")
    finder = card.locator(f"#speaker-{row.pk}-find")
    finder.focus()
    finder.type("whitf", delay=30)
    option = card.locator("[role=listbox] [role=option]").first
    option.wait_for()
    assert option.inner_text() == "Janet Ortiz-Whitfield (Mayor of Harbor City) (person)"
    assert finder.get_attribute("aria-expanded") == "true"
    shots(page, "09-speaker-picker")
    page.keyboard.press("ArrowDown")
    assert finder.get_attribute("aria-activedescendant") == f"speaker-{row.pk}-options-0"
    page.keyboard.press("Enter")
    picker = card.locator(f"#speaker-{row.pk}")
    assert picker.input_value() == str(mayor.pk)
    # The page's own list is kept beside the found source, each speaker once.
    assert picker.locator("option").all_inner_texts() == [
        "(keep current)",
        "Jane Ortiz",
        "Janet Ortiz-Whitfield (Mayor of Harbor City)",
    ]
    with page.expect_navigation():
        card.locator("button", has_text="Save correction").click()

    row.refresh_from_db()
    assert (row.speaker_id, row.review_state) == (mayor.pk, "corrected")
    assert not page.errors


def _luminance(rgb: str) -> float:
    """Relative luminance (WCAG) of a computed ``rgb(r, g, b)`` colour."""
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(page, selector: str) -> float:
    fg, bg = page.eval_on_selector(
        selector,
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]",
    )
    light, dark = sorted([_luminance(fg), _luminance(bg)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_phone_width_contrast_and_keyboard_focus(live_server, browser_page, drafted, reviewer):
    page, base = browser_page, live_server.url
    accept = claim_services.claim_accept(claim=drafted["claim"], actor=reviewer)
    log_in(page, base, reviewer.username)

    page.goto(f"{base}/review/?status=")
    assert _contrast(page, ".status-tab.is-current") >= 4.5
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.hasAttribute('data-nav-item')")

    page.set_viewport_size({"width": 390, "height": 900})
    assert page.locator("#queue-scroll-hint").is_visible()
    page.goto(f"{base}/review/claims/{accept.pk}/")
    widths = page.eval_on_selector_all(
        "table.history td", "cells => cells.map(c => c.getBoundingClientRect().width)"
    )
    assert widths and min(widths) >= 90  # no column squeezed to a character
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    assert not page.errors
