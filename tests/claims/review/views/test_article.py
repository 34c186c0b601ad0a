"""The article page: highlighted attributions, escaped text, accepting and correcting an
attribution, and the stale-save conflict (its query count: test_query_counts.py)."""

import pytest
from django.urls import reverse

from claims.models import ChangeRecord, Claim
from factcheck.csp import POLICY
from tests.factories import ArticleFactory, AttributionFactory

pytestmark = pytest.mark.django_db


def test_article_page_highlights_each_attribution_with_nested_reporting(client, reviewer, world):
    client.force_login(reviewer)
    response = client.get(reverse("review:article", args=[world["article"].pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    for key in ("outer", "inner", "own"):
        assert f'data-attribution="{world[key].pk}" data-part="content"' in page
    assert 'data-part="mention"' in page
    # The quote nests inside the spokesman's report; quotes in the text are escaped.
    outer, inner = world["outer"].pk, world["inner"].pk
    assert (
        f'data-attribution="{outer}" data-part="content" title="Mixed (partial quote) by Pat Ryder">'
        f'Austin &quot;<mark class="hl hl-content hl-direct hl-reported'
    ) in page
    assert f'data-attribution="{inner}"' in page
    assert "Reported by Pat Ryder" in page
    assert "<script>" not in page


def test_article_text_is_escaped_never_rendered_as_html(client, reviewer):
    text = 'He said <script>alert(1)</script> & "more".'
    article = ArticleFactory(text=text)
    AttributionFactory(article=article, content=text[8:33], content_start=8, content_end=33)
    client.force_login(reviewer)
    page = client.get(reverse("review:article", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_accept_from_the_article_page_confirms_and_moves_to_the_next(client, reviewer, world):
    client.force_login(reviewer)
    outer = world["outer"]
    response = client.post(reverse("review:attribution-confirm", args=[outer.pk]), {"version": 1})

    assert response.status_code == 302
    assert response["Location"].endswith(f"?selected={world['inner'].pk}")
    outer.refresh_from_db()
    assert outer.review_state == "confirmed"
    assert Claim.objects.get(pk=outer.claim_id).status == "accepted"


def test_correct_span_and_create_speaker_through_the_form(client, reviewer, world):
    client.force_login(reviewer)
    inner = world["inner"]
    text = world["article"].text
    start = text.index("talks")
    response = client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {
            "version": 1,
            "content_start": start,
            "content_end": start + len("talks must go on"),
            "new_speaker_name": "Lloyd J. Austin",
            "new_speaker_kind": "person",
            "new_speaker_role": "Secretary of Defense",
            "kind": "direct",
            "cue": "stressed",
        },
    )
    assert response.status_code == 302
    inner.refresh_from_db()
    assert inner.content == "talks must go on"
    assert inner.speaker.name == "Lloyd J. Austin" and inner.speaker.role == "Secretary of Defense"
    record = ChangeRecord.objects.get(action="corrected", target_id=inner.pk)
    assert record.changes["content"]["after"] == "talks must go on"


def test_bad_span_comes_back_with_the_input_kept(client, reviewer, world):
    client.force_login(reviewer)
    inner = world["inner"]
    response = client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {
            "version": 1,
            "content_start": 5,
            "content_end": 99999,
            "kind": "direct",
            "cue": "kept cue",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "must lie within the article text" in page
    assert 'value="99999"' in page and 'value="kept cue"' in page


def test_stale_attribution_correction_shows_both_and_keeps_input(
    client, reviewer, other_reviewer, world
):
    inner = world["inner"]
    client.force_login(other_reviewer)
    client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {"version": 1, "kind": "direct", "cue": "insisted"},
    )
    client.force_login(reviewer)
    response = client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {"version": 1, "kind": "direct", "cue": "claimed"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved first" in page
    assert "insisted" in page and 'value="claimed"' in page
    assert 'name="version" value="2"' in page
    inner.refresh_from_db()
    assert inner.cue == "insisted"


def test_a_stale_reject_keeps_the_reason_and_says_so_beside_the_card(client, reviewer, world):
    """Someone accepted the appearance meanwhile: the page comes back with the reject panel open,
    the reason still typed, and the message naming the card."""
    outer = world["outer"]
    client.force_login(reviewer)
    client.post(reverse("review:attribution-confirm", args=[outer.pk]), {"version": 1})

    response = client.post(
        reverse("review:attribution-reject", args=[outer.pk]),
        {"version": 1, "reason": "The span cuts the quote in half."},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "The span cuts the quote in half.</textarea>" in page
    assert f'data-for="attr-{outer.pk}"' in page
    assert "Someone else saved this" in page
    outer.refresh_from_db()
    assert outer.review_state == "confirmed"


def test_a_stale_claim_reject_keeps_the_reason(client, reviewer, world):
    claim = world["claim"]
    client.force_login(reviewer)
    client.post(reverse("review:claim-accept", args=[claim.pk]), {"version": 1})

    response = client.post(
        reverse("review:claim-reject", args=[claim.pk]), {"version": 1, "reason": "Not a claim."}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Not a claim.</textarea>" in page
    assert 'data-for="decide"' in page


def test_accepting_puts_the_message_beside_the_card(client, reviewer, world):
    outer = world["outer"]
    client.force_login(reviewer)

    response = client.post(
        reverse("review:attribution-confirm", args=[outer.pk]), {"version": 1}, follow=True
    )

    page = response.content.decode()
    assert 'aria-live="polite"' in page
    assert f'<li class="success" data-for="attr-{outer.pk}">Accepted:' in page


def test_rejecting_the_last_appearance_offers_to_reject_the_claim(client, reviewer, world):
    own = world["own"]  # the budget claim's only appearance
    client.force_login(reviewer)

    page = client.post(
        reverse("review:attribution-reject", args=[own.pk]),
        {"version": 1, "reason": "Not a claim of fact."},
        follow=True,
    ).content.decode()

    assert f"Every appearance of claim #{own.claim_id} is rejected." in page
    offered = client.post(
        reverse("review:claim-reject", args=[own.claim_id]),
        {"version": 1, "reason": "Not a claim of fact.", "next": "/review/"},
    )
    assert offered.status_code == 302
    assert Claim.objects.get(pk=own.claim_id).status == "rejected"
    page = client.get(reverse("review:article", args=[own.article_id])).content.decode()
    assert "Every appearance of claim" not in page  # nothing more to offer


def test_a_corrected_span_offers_to_update_the_claim_text(client, reviewer, world):
    inner = world["inner"]
    text = world["article"].text
    start = text.index("that talks") if "that talks" in text else text.index("talks")
    client.force_login(reviewer)
    client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {
            "version": 1,
            "content_start": start,
            "content_end": text.index("talks") + len("talks must go on,"),
            "kind": "direct",
            "cue": "stressed",
        },
    )

    page = client.get(reverse("review:article", args=[inner.article_id])).content.decode()

    assert "update the claim's text?" in page
    assert ">talks must go on</textarea>" in page  # clean: no "that", no trailing comma
    claim = Claim.objects.get(pk=inner.claim_id)
    updated = client.post(
        reverse("review:claim-edit", args=[claim.pk]),
        {
            "version": claim.version,
            "checkworthiness": claim.checkworthiness,
            "text": "talks must go on",
        },
    )
    assert updated.status_code == 302
    assert Claim.objects.get(pk=claim.pk).text == "talks must go on"
    page = client.get(reverse("review:article", args=[inner.article_id])).content.decode()
    assert "update the claim's text?" not in page


def _shared_list_and_rest(page: str) -> tuple[str, str]:
    """The page's one list of speaker choices, and the page without it."""
    start = page.index('<template id="speaker-choices">')
    end = page.index("</template>", start)
    return page[start:end], page[:start] + page[end:]


def test_the_speakers_are_listed_once_and_each_picker_shows_only_its_own(client, reviewer, world):
    article = world["article"]
    for _ in range(5):  # more cards with the same speakers: the list does not grow with them
        AttributionFactory(article=article, speaker=world["inner"].speaker)
    client.force_login(reviewer)
    page = client.get(reverse("review:article", args=[article.pk])).content.decode()

    shared, rest = _shared_list_and_rest(page)
    ryder, austin = world["outer"].speaker, world["inner"].speaker
    assert shared.count("<option") == 2
    assert f'<option value="{austin.pk}">Lloyd Austin</option>' in shared
    assert rest.count('data-speaker-choices="speaker-choices"') == 8
    # Each card's picker holds its own speaker, selected; the article's own voice holds none.
    assert rest.count(f'<option value="{austin.pk}" selected>') == 6
    assert rest.count(f'<option value="{ryder.pk}" selected>') == 1
    assert rest.count(f'<option value="{austin.pk}"') == 6


def test_a_correction_sent_back_shows_the_speaker_that_was_picked(client, reviewer, world):
    client.force_login(reviewer)
    inner, ryder = world["inner"], world["outer"].speaker
    response = client.post(
        reverse("review:attribution-correct", args=[inner.pk]),
        {
            "version": 1,
            "content_start": 5,
            "content_end": 99999,
            "speaker": ryder.pk,
            "kind": "direct",
            "cue": "stressed",
        },
    )
    assert response.status_code == 400
    _, rest = _shared_list_and_rest(response.content.decode())
    card = rest[rest.index(f'id="attr-{inner.pk}"') :]
    card = card[: card.index("</li>")]
    assert f'<option value="{ryder.pk}" selected>Pat Ryder' in card
