"""Appearances of claims: confirm, reject and correct, each with its record."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import ChangeRecord
from claims.services import attributions, sources
from tests.claims.audit import records
from tests.factories import ArticleFactory, AttributionFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_attribution_confirm_accepts_its_candidate_claim(reviewer):
    attribution = AttributionFactory()

    attributions.attribution_confirm(attribution=attribution, actor=reviewer, expected_version=1)

    attribution.refresh_from_db()
    attribution.claim.refresh_from_db()
    assert attribution.review_state == "confirmed" and attribution.reviewed_by == reviewer
    assert attribution.claim.status == "accepted"
    assert [r.action for r in ChangeRecord.objects.filter(claim=attribution.claim)] == [
        "accepted",
        "confirmed",
    ]


def test_attribution_correct_rederives_content_from_the_span(reviewer):
    article = ArticleFactory(text="The mayor said the budget grew by 4 percent last year.")
    attribution = AttributionFactory(
        article=article, content="The mayor", content_start=0, content_end=9
    )
    start = article.text.index("the budget")
    end = article.text.index(" last")

    attributions.attribution_correct(
        attribution=attribution,
        actor=reviewer,
        expected_version=1,
        content_start=start,
        content_end=end,
        kind="indirect",
        cue="said",
    )

    attribution.refresh_from_db()
    assert attribution.content == "the budget grew by 4 percent"
    assert (attribution.review_state, attribution.version) == ("corrected", 2)
    [record] = records(attribution, "corrected")
    assert record.changes["content"] == {"before": article.text[:9], "after": attribution.content}
    assert record.claim_id == attribution.claim_id


@pytest.mark.parametrize("span", [(5, 5), (10, 9999), (-1, 4)])
def test_attribution_correct_refuses_a_span_outside_the_text(reviewer, span):
    attribution = AttributionFactory()
    with pytest.raises(ValidationError, match="within the article text"):
        attributions.attribution_correct(
            attribution=attribution, actor=reviewer, content_start=span[0], content_end=span[1]
        )
    attribution.refresh_from_db()
    assert attribution.review_state == "auto"


def test_speaker_correction_creates_or_reuses_a_source(reviewer):
    attribution = AttributionFactory()
    existing = SourceFactory(name="Dmitry Peskov", kind="person")

    source = sources.source_get_or_create(
        name="Mr. Dmitry Peskov", kind="person", role="Kremlin spokesman"
    )
    attributions.attribution_correct(attribution=attribution, actor=reviewer, speaker=source)

    assert source == existing
    existing.refresh_from_db()
    assert existing.role == "Kremlin spokesman"
    attribution.refresh_from_db()
    assert attribution.speaker == existing
    new = sources.source_get_or_create(name="Maria Zakharova", kind="person")
    assert new.pk != existing.pk and new.normalized_name == "maria zakharova"


def test_unattributed_appearance_cannot_get_a_speaker(reviewer):
    attribution = AttributionFactory()
    with pytest.raises(ValidationError, match="no speaker"):
        attributions.attribution_correct(
            attribution=attribution, actor=reviewer, kind="unattributed"
        )


def test_attribution_reject_keeps_the_reason(reviewer):
    attribution = AttributionFactory()
    attributions.attribution_reject(
        attribution=attribution, actor=reviewer, reason="Headline, not speech"
    )
    attribution.refresh_from_db()
    assert (attribution.review_state, attribution.rejection_reason) == (
        "rejected",
        "Headline, not speech",
    )
    assert records(attribution, "rejected")
