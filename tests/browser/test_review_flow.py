"""A reviewer and an editor drive the review screens in headless Chromium (Debian's, via
Playwright): highlights, keyboard accept, speaker correction, verdict draft, publication."""

from pathlib import Path

import pytest

from claims.models import Attribution, Verdict
from tests.browser.conftest import SCREENSHOTS, fill_verdict, log_in
from tests.factories import (
    ArticleFactory,
    RatingFactory,
    RatingScaleFactory,
    SourceFactory,
    said,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "samples" / "pentagon-belousov-call.txt"

# (speaker, mention, content, kind, cue) at their exact places in the sample text.
ATTRIBUTIONS = [
    (
        "Pat Ryder",
        "Pentagon spokesman Pat Ryder",
        "emphasized the importance of maintaining lines of communication amid Russia’s ongoing war "
        "against Ukraine",
        "mixed",
        "said",
    ),
    (
        "Dmitry Peskov",
        "Kremlin spokesman Dmitry Peskov",
        "We understand perfectly well who is behind this,",
        "direct",
        "told reporters",
    ),
    (
        "Russian government",
        "Moscow",
        "no amount of foreign aid can stop its troops in Ukraine",
        "indirect",
        "has maintained",
    ),
]


@pytest.fixture
def sample():
    text = SAMPLE.read_text()
    article = ArticleFactory(
        text=text, title="Pentagon chief speaks with Russia’s new defense minister"
    )
    rows = []
    for speaker, mention, content, kind, cue in ATTRIBUTIONS:
        mention_start = text.index(mention)
        rows.append(
            said(
                article,
                content,
                speaker=SourceFactory(name=speaker),
                speaker_mention=mention,
                mention_start=mention_start,
                mention_end=mention_start + len(mention),
                kind=kind,
                cue=cue,
            )
        )
    scale = RatingScaleFactory(name="Truth", slug="truth-browser")
    for value, label in enumerate(["False", "Mostly false", "Half true", "Mostly true", "True"], 1):
        RatingFactory(scale=scale, label=label, value=value)
    return article, rows


def shot(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_reviewer_and_editor_workflow(live_server, browser_page, sample, reviewer, editor):
    page, base = browser_page, live_server.url
    article, rows = sample

    log_in(page, base, reviewer.username)
    assert page.locator("table.queue tbody tr[data-nav-item]").count() == 3
    shot(page, "01-queue")

    page.goto(f"{base}/review/articles/{article.pk}/")
    content_marks = page.locator('mark[data-part="content"][data-attribution]')
    assert content_marks.count() == len(rows)
    assert page.locator('mark[data-part="mention"]').count() == len(rows)
    assert "Pentagon spokesman Pat Ryder" in page.locator("#article-text").inner_text()
    shot(page, "02-article")

    # j selects the first claim card, a accepts it.
    page.keyboard.press("j")
    assert page.locator(".claim-card.is-selected").get_attribute("data-attribution") == str(
        rows[0].pk
    )
    with page.expect_navigation():
        page.keyboard.press("a")
    assert page.locator(".messagelist .success").count() == 1
    assert Attribution.objects.get(pk=rows[0].pk).review_state == "confirmed"
    assert rows[0].claim.__class__.objects.get(pk=rows[0].claim_id).status == "accepted"

    # The help overlay opens with ?.
    page.keyboard.press("?")
    assert page.locator("#help-dialog").is_visible()
    shot(page, "03-help")
    page.keyboard.press("Escape")

    # Clicking a highlight selects its card; e opens the editor; correct the speaker.
    page.locator(f'mark[data-part="content"][data-attribution="{rows[2].pk}"]').click()
    card = page.locator(f"#attr-{rows[2].pk}")
    assert "is-selected" in card.get_attribute("class")
    page.keyboard.press("e")
    card.locator("input[name=new_speaker_name]").fill("Russian Ministry of Defense")
    card.locator("select[name=new_speaker_kind]").select_option("government")
    shot(page, "04-correct-speaker")
    with page.expect_navigation():
        card.locator("button", has_text="Save correction").click()
    corrected = Attribution.objects.select_related("speaker").get(pk=rows[2].pk)
    assert corrected.speaker.name == "Russian Ministry of Defense"
    assert corrected.review_state == "corrected"

    # The picker renders only its own speaker; opening the editor offers every speaker on the
    # page (from the page's one shared list), and picking one of them saves it.
    page.locator(f'mark[data-part="content"][data-attribution="{rows[1].pk}"]').click()
    picker = page.locator(f"#speaker-{rows[1].pk}")
    assert picker.locator("option").count() == 2  # "(keep current)" and Peskov
    page.keyboard.press("e")
    names = picker.locator("option").all_inner_texts()[1:]
    assert sorted(names) == sorted(
        str(a.speaker)
        for a in Attribution.objects.filter(article=article).select_related("speaker")
    )
    assert picker.input_value() == str(rows[1].speaker_id)
    picker.select_option(str(rows[0].speaker_id))
    with page.expect_navigation():
        page.locator(f"#attr-{rows[1].pk} button", has_text="Save correction").click()
    assert Attribution.objects.get(pk=rows[1].pk).speaker_id == rows[0].speaker_id

    # Draft a verdict on the accepted claim and submit it.
    page.goto(f"{base}/review/claims/{rows[0].claim_id}/")
    fill_verdict(
        page,
        rating="Mostly true (4, Truth)",
        summary="The readout says so.",
        explanation="The Pentagon readout of the call.",
        submit="button[type=submit]",
    )
    with page.expect_navigation():
        page.click("text=Submit to an editor")
    assert page.locator("button", has_text="Publish").count() == 0  # reviewers cannot publish
    shot(page, "05-claim-reviewer")
    verdict = Verdict.objects.get(claim_id=rows[0].claim_id)
    assert (verdict.status, verdict.rating.label) == ("in_review", "Mostly true")

    # The editor publishes it.
    log_in(page, base, editor.username)
    page.goto(f"{base}/review/verdicts/")
    shot(page, "06-verdict-inbox")
    # On the verdict's own page: the claim, its appearances, what changed; no evidence is cited,
    # so publishing takes a reason, and the editor stays on the page.
    page.goto(f"{base}/review/verdicts/{verdict.pk}/")
    assert "Not yet shown to readers: at least one piece of evidence." in page.inner_text("body")
    with page.expect_navigation():
        page.click("button:has-text('Publish')")
    assert "Publishing needs at least one piece of evidence" in page.inner_text("body")
    page.fill("textarea[name=note]", "The readout itself is the source.")
    with page.expect_navigation():
        page.click("button:has-text('Publish')")
    assert page.url.endswith(f"/review/verdicts/{verdict.pk}/")
    shot(page, "07-verdict-published")
    verdict.refresh_from_db()
    assert verdict.status == "published" and verdict.published_at is not None
    assert verdict.editor == editor

    page.goto(f"{base}/verdicts/{verdict.pk}/")
    assert "Mostly true" in page.content()
    shot(page, "08-public-verdict")
    assert page.errors == []
