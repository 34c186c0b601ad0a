"""Every database rule on claims is violated once and refused by the database itself."""

import pytest
from django.db import IntegrityError, transaction

from claims.extraction.cues import CUE_KINDS
from claims.models import Attribution, Claim, Verdict
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    ClaimRelationFactory,
    RatingFactory,
    RatingScaleFactory,
    SourceFactory,
    StanceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def refused(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_attribution_span_start_must_precede_end():
    attribution = AttributionFactory()
    refused(
        lambda: Attribution.objects.filter(pk=attribution.pk).update(
            content_start=10, content_end=10
        )
    )


def test_attribution_mention_span_must_be_ordered():
    attribution = AttributionFactory()
    refused(
        lambda: Attribution.objects.filter(pk=attribution.pk).update(mention_start=5, mention_end=2)
    )


def test_unattributed_attribution_cannot_have_a_speaker():
    refused(lambda: AttributionFactory(kind=Attribution.Kind.UNATTRIBUTED))


def test_claim_checkworthiness_lies_between_0_and_1():
    refused(lambda: ClaimFactory(checkworthiness=1.5))


def test_merged_claim_must_name_its_survivor():
    refused(lambda: ClaimFactory(status=Claim.Status.MERGED))


def test_claim_with_canonical_must_be_marked_merged():
    survivor = ClaimFactory()
    refused(lambda: ClaimFactory(canonical=survivor, status=Claim.Status.CANDIDATE))


def test_claim_cannot_be_merged_into_itself():
    claim = ClaimFactory()
    refused(lambda: Claim.objects.filter(pk=claim.pk).update(canonical=claim, status="merged"))


def test_merged_claim_cannot_be_the_survivor_of_another():
    survivor = ClaimFactory()
    merged = ClaimFactory(canonical=survivor, status=Claim.Status.MERGED)
    refused(lambda: ClaimFactory(canonical=merged, status=Claim.Status.MERGED))


def test_claim_with_duplicates_cannot_itself_be_merged():
    survivor, other = ClaimFactory(), ClaimFactory()
    ClaimFactory(canonical=survivor, status=Claim.Status.MERGED)
    refused(lambda: Claim.objects.filter(pk=survivor.pk).update(canonical=other, status="merged"))


def test_merge_into_an_unmerged_survivor_is_allowed():
    survivor = ClaimFactory()
    merged = ClaimFactory(canonical=survivor, status=Claim.Status.MERGED)
    assert list(survivor.duplicates.all()) == [merged]


def test_rating_scale_range_must_be_ordered():
    refused(lambda: RatingScaleFactory(worst=5, best=5))


def test_rating_value_must_lie_in_its_scale_range():
    scale = RatingScaleFactory(worst=1, best=5)
    RatingFactory(scale=scale, value=5, label="True")
    refused(lambda: RatingFactory(scale=scale, value=6, label="Beyond true"))


def test_rating_values_are_unique_within_a_scale():
    scale = RatingScaleFactory()
    RatingFactory(scale=scale, value=2, label="Mostly false")
    refused(lambda: RatingFactory(scale=scale, value=2, label="Other"))


def test_one_current_verdict_per_claim():
    verdict = VerdictFactory()
    refused(lambda: VerdictFactory(claim=verdict.claim))


def test_retracted_verdict_leaves_room_for_a_new_one():
    verdict = VerdictFactory(status=Verdict.Status.RETRACTED)
    assert VerdictFactory(claim=verdict.claim).pk != verdict.pk


def test_published_verdict_needs_a_publication_date():
    refused(lambda: VerdictFactory(status=Verdict.Status.PUBLISHED, published_at=None))


def test_stance_is_one_per_source_and_claim():
    stance = StanceFactory()
    refused(lambda: StanceFactory(source=stance.source, claim=stance.claim))


def test_claim_relation_cannot_point_at_itself():
    claim = ClaimFactory()
    refused(lambda: ClaimRelationFactory(from_claim=claim, to_claim=claim))


def test_source_identity_is_unique_after_normalization():
    SourceFactory(name="Dr. Anthony Fauci")
    refused(lambda: SourceFactory(name="anthony  FAUCI"))


def test_claim_text_is_normalized_for_matching():
    one = ClaimFactory(text="“Crime is up 20%,” he said")
    other = ClaimFactory(text='"Crime is up 20%" he said')
    assert one.fingerprint == other.fingerprint


def test_str_is_readable():
    attribution = AttributionFactory(speaker=SourceFactory(name="Pat Ryder", role="spokesman"))
    assert str(attribution.speaker) == "Pat Ryder (spokesman)"
    assert str(attribution).startswith("Pat Ryder: “")


def test_the_default_install_offers_the_context_scale_beside_the_truth_scale(db):
    from claims.models import Rating

    labels = dict(
        Rating.objects.filter(scale__slug__in=["truth-5", "context-3"])
        .values_list("label", "scale__slug")
        .order_by("scale__slug", "value")
    )
    assert labels == {
        "Misleading": "context-3",
        "Missing context": "context-3",
        "Unproven": "context-3",
        "False": "truth-5",
        "Mostly false": "truth-5",
        "Half true": "truth-5",
        "Mostly true": "truth-5",
        "True": "truth-5",
    }


def test_attribution_cue_kinds_are_the_extractor_s():
    assert tuple(Attribution.CueKind.values) == CUE_KINDS
