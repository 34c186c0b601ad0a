"""Regressions found by driving the desk in Chromium: a shortcut swallowed after Esc, pages whose
styles the Content-Security-Policy refused, and pages wider than a phone. Screenshots of each
screen land in test-artifacts/screenshots/qa/."""

import pytest

from claims.services import verdicts as verdict_services
from tests.browser.conftest import SCREENSHOTS, council_article, council_said, log_in
from tests.factories import (
    EvidenceFactory,
    RatingFactory,
    RatingScaleFactory,
    VerdictFactory,
)

QA_SHOTS = SCREENSHOTS / "qa"


@pytest.fixture
def desk(reviewer, editor):
    """An article with two attributed claims, one with a published verdict citing evidence."""
    article = council_article()
    rows = [council_said(article, "Jane Ortiz"), council_said(article, "Tom Reyes")]
    scale = RatingScaleFactory(name="Truth", slug="truth-qa")
    rating = RatingFactory(scale=scale, label="Mostly false", value=2)
    verdict = VerdictFactory(claim=rows[0].claim, rating=rating, summary="Taxes rose.")
    verdict.evidence.add(EvidenceFactory(claim=rows[0].claim, title="City budget book"))
    verdict_services.verdict_submit(verdict=verdict, actor=reviewer)
    verdict_services.verdict_publish(verdict=verdict, actor=editor)
    return {"article": article, "rows": rows, "verdict": verdict}


def test_escape_gives_the_focus_back_so_the_next_shortcut_works(live_server, browser_page, desk):
    page, base = browser_page, live_server.url
    log_in(page, base, "rita")
    page.goto(f"{base}/review/articles/{desk['article'].pk}/")
    page.keyboard.press("j")
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.name") == "reason"
    page.keyboard.press("Escape")
    # Before the fix the focus stayed in the hidden textarea and "m" was typed into it.
    assert page.evaluate("document.activeElement.classList.contains('claim-card')")
    page.keyboard.press("m")
    assert page.evaluate("document.activeElement.name") == "into"
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    selected = page.locator(".claim-card.is-selected").get_attribute("data-attribution")
    assert selected == str(desk["rows"][1].pk)
    assert page.errors == []


@pytest.mark.parametrize("width", [1400, 390])
def test_desk_screens_load_without_csp_refusals_and_fit_the_screen(
    live_server, browser_page, desk, width
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    QA_SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, base, "edna")
    claim_id, verdict_id = desk["rows"][0].claim_id, desk["verdict"].pk
    speaker_id = desk["rows"][0].speaker_id
    screens = {
        "queue": "/review/",
        "article": f"/review/articles/{desk['article'].pk}/",
        "claim": f"/review/claims/{claim_id}/",
        "verdicts": "/review/verdicts/",
        "exports": "/review/exports/",
        "agreement": "/review/agreement/",
        "scorecard": f"/sources/{speaker_id}/",
        "public-verdict": f"/verdicts/{verdict_id}/",
        "api-docs": "/api/docs/",
    }
    too_wide = {}
    for name, path in screens.items():
        response = page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        page.screenshot(path=str(QA_SHOTS / f"{name}-{width}.png"), full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if name != "api-docs" and scroll_width > width:
            too_wide[name] = scroll_width
    assert too_wide == {}
    assert page.locator(".opblock").count() > 0  # Swagger UI rendered its operations
    assert page.errors == []
