"""Serializers of the claims API. They only shape output; writes go through services."""

from functools import cached_property
from typing import TYPE_CHECKING, Any, TypedDict

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article
from claims.models import (
    Attribution,
    Claim,
    ClaimSuggestion,
    ClaimVariant,
    Evidence,
    Rating,
    RatingScale,
    Source,
    Stance,
    Verdict,
)
from claims.selectors.claim_rows import (
    APPEARANCE_FIELDS,
    claim_appearance_rows,
    claim_published_verdict_rows,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


# A model serializer whose every field in ``Meta.fields`` is read-only (output only), as if
# ``Meta.read_only_fields`` repeated them. (A comment, not a docstring: the API schema would show a
# docstring as the description of every serializer without one of its own.)
class ReadOnlyModelSerializer(serializers.ModelSerializer):
    def get_extra_kwargs(self) -> dict:
        extra_kwargs = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra_kwargs[name] = {**extra_kwargs.get(name, {}), "read_only": True}
        return extra_kwargs


class ClaimLists(TypedDict):
    """What ``ClaimViewSet`` prefetches onto each claim."""

    appearances: list[Attribution]
    published_verdicts: list[Verdict]


class SourceBriefSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "kind", "role"]


class SourceSerializer(ReadOnlyModelSerializer):
    aliases = serializers.ManyRelatedField(
        child_relation=serializers.SlugRelatedField(read_only=True, slug_field="alias"),
        read_only=True,
    )
    affiliation = SourceBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "kind",
            "role",
            "affiliation",
            "disambiguation",
            "description",
            "url",
            "aliases",
            "created_at",
            "updated_at",
        ]


class ArticleBriefSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "outlet", "url", "published_at"]


class RatingSerializer(ReadOnlyModelSerializer):
    scale: serializers.SlugRelatedField[RatingScale] = serializers.SlugRelatedField(
        read_only=True, slug_field="slug"
    )
    worst = serializers.IntegerField(source="scale.worst", read_only=True)
    best = serializers.IntegerField(source="scale.best", read_only=True)

    class Meta:
        model = Rating
        fields = ["id", "label", "value", "scale", "worst", "best"]


class PublishedVerdictSerializer(ReadOnlyModelSerializer):
    rating = RatingSerializer(read_only=True)

    class Meta:
        model = Verdict
        fields = ["id", "rating", "summary", "published_at", "public_url"]


class AppearanceSerializer(ReadOnlyModelSerializer):
    """An attribution seen from its claim: where it appeared and who said it."""

    attribution = serializers.IntegerField(source="id", read_only=True)
    article = ArticleBriefSerializer(read_only=True)
    speaker = SourceBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Attribution
        fields = ["attribution", "article", "speaker", *APPEARANCE_FIELDS]


class ClaimListSerializer(serializers.ListSerializer):
    """A page of claims as ``ClaimSerializer`` shows each (a test compares the two), shaped from
    plain rows (``claims.selectors.claim_rows``, two queries): a model instance and a nested
    serializer's field machinery per appearance made most of a list page's time. Claims that come
    with their lists prefetched, or a subclass's serializer, go the model serializers' way."""

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        claims = list(data.all() if hasattr(data, "all") else data)
        if type(self.child) is not ClaimSerializer or any(
            hasattr(claim, "appearances") for claim in claims
        ):
            return super().to_representation(claims)
        ids = [claim.pk for claim in claims]
        appearances = claim_appearance_rows(claim_ids=ids)
        verdicts = claim_published_verdict_rows(claim_ids=ids)
        when = serializers.DateTimeField().to_representation
        return [
            _claim_dict(claim, appearances.get(claim.pk, []), verdicts.get(claim.pk), when)
            for claim in claims
        ]


def _claim_dict(
    claim: Claim, appearances: list[tuple], verdict: tuple | None, when: Any
) -> dict[str, Any]:
    """One claim from its row and its lists' rows, in ``ClaimSerializer``'s fields and order."""

    def moment(value: Any) -> Any:
        return None if value is None else when(value)

    shown = []
    speakers: dict[int, dict[str, Any]] = {}
    for (
        _claim,
        pk,
        article_id,
        title,
        outlet,
        url,
        published_at,
        speaker_id,
        name,
        kind,
        role,
        *rest,
    ) in appearances:
        speaker = None
        if speaker_id is not None:
            speaker = speakers.setdefault(
                speaker_id, {"id": speaker_id, "name": name, "kind": kind, "role": role}
            )
        shown.append(
            {
                "attribution": pk,
                "article": {
                    "id": article_id,
                    "title": title,
                    "outlet": outlet,
                    "url": url,
                    "published_at": moment(published_at),
                },
                "speaker": None if speaker is None else dict(speaker),
                **dict(zip(APPEARANCE_FIELDS, rest, strict=True)),
            }
        )
    return {
        "id": claim.pk,
        "text": claim.text,
        "status": claim.status,
        "canonical": claim.canonical_id,
        "checkworthiness": float(claim.checkworthiness),
        "appearances": shown,
        "speakers": list(speakers.values()),
        "verdict": None if verdict is None else _verdict_dict(verdict, moment),
        "created_at": moment(claim.created_at),
        "updated_at": moment(claim.updated_at),
    }


def _verdict_dict(row: tuple, moment: Any) -> dict[str, Any]:
    """A published verdict's row in ``PublishedVerdictSerializer``'s fields and order (a published
    verdict always has a rating: a CHECK constraint)."""
    _claim, pk, rating_id, label, value, scale, worst, best, summary, published_at, url = row
    return {
        "id": pk,
        "rating": {
            "id": rating_id,
            "label": label,
            "value": value,
            "scale": scale,
            "worst": worst,
            "best": best,
        },
        "summary": summary,
        "published_at": moment(published_at),
        "public_url": url,
    }


class ClaimSerializer(ReadOnlyModelSerializer):
    """A claim with its appearances, its speakers and its published verdict (null when none).

    Needs the queryset of ``claims.api.views.ClaimViewSet`` (appearances and published verdicts
    prefetched into ``appearances`` and ``published_verdicts``).
    """

    # (This docstring is the schema's description.) A list of claims reads its own rows instead:
    # ``Meta.list_serializer_class``.

    appearances = AppearanceSerializer(many=True, read_only=True)
    speakers = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "status",
            "canonical",
            "checkworthiness",
            "appearances",
            "speakers",
            "verdict",
            "created_at",
            "updated_at",
        ]
        list_serializer_class = ClaimListSerializer

    # One nested serializer each for the whole page: building a serializer's fields costs more
    # than using them, so a new one per speaker or verdict made most of a list page's time.
    @cached_property
    def _speaker(self) -> SourceBriefSerializer:
        return SourceBriefSerializer()

    @cached_property
    def _verdict(self) -> PublishedVerdictSerializer:
        return PublishedVerdictSerializer()

    @extend_schema_field(SourceBriefSerializer(many=True))
    def get_speakers(self, claim: "WithAnnotations[Claim, ClaimLists]") -> list[dict]:
        speakers = {a.speaker_id: a.speaker for a in claim.appearances if a.speaker_id}
        return [self._speaker.to_representation(speaker) for speaker in speakers.values()]

    @extend_schema_field(PublishedVerdictSerializer(allow_null=True))
    def get_verdict(self, claim: "WithAnnotations[Claim, ClaimLists]") -> dict | None:
        verdict = claim.published_verdicts[0] if claim.published_verdicts else None
        return self._verdict.to_representation(verdict) if verdict else None


class VariantSerializer(ReadOnlyModelSerializer):
    """An appearance whose words differ from the earlier one it is compared with: the claim's
    earliest appearance, or for a quote the same speaker's earliest quote."""

    attribution = serializers.IntegerField(source="attribution_id", read_only=True)
    article = ArticleBriefSerializer(source="attribution.article", read_only=True)
    outlet = serializers.CharField(source="attribution.article.outlet", read_only=True)
    speaker = SourceBriefSerializer(source="attribution.speaker", read_only=True, allow_null=True)
    kind = serializers.CharField(source="attribution.kind", read_only=True)
    words = serializers.CharField(
        source="attribution.content",
        read_only=True,
        help_text="The exact words of this appearance.",
    )
    base = serializers.IntegerField(
        source="base_id", read_only=True, help_text="The appearance compared with (attribution id)."
    )
    base_words = serializers.CharField(source="base.content", read_only=True)
    diff = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2),
        read_only=True,
        help_text='[op, text] pairs, op one of "equal", "insert", "delete": the earlier words '
        "turned into these.",
    )
    changes = serializers.ListField(
        child=serializers.ChoiceField(choices=ClaimVariant.CHANGES), read_only=True
    )

    class Meta:
        model = ClaimVariant
        fields = [
            "id",
            "attribution",
            "article",
            "outlet",
            "speaker",
            "kind",
            "words",
            "base",
            "base_words",
            "diff",
            "changes",
            "severity",
            "is_drift",
            "created_at",
        ]


class ClaimDetailSerializer(ClaimSerializer):
    """A claim as ``ClaimSerializer`` shows it, with its variants (most severe first)."""

    variants = VariantSerializer(source="variant_list", many=True, read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "variants"]


class AttributionSerializer(ReadOnlyModelSerializer):
    speaker = SourceBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Attribution
        fields = [
            "id",
            "article",
            "claim",
            "speaker",
            "subject",
            "speaker_mention",
            "mention_start",
            "mention_end",
            "kind",
            "cue",
            "cue_kind",
            "cue_start",
            "cue_end",
            "content",
            "content_start",
            "content_end",
            "confidence",
            "reported_by",
            "review_state",
            "extractor_version",
            "created_at",
            "updated_at",
        ]


class ClaimBriefSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "text"]


class SuggestionSerializer(ReadOnlyModelSerializer):
    """``claim`` looks like the older ``similar``; a reviewer confirms or dismisses it."""

    claim = ClaimBriefSerializer(read_only=True)
    similar = ClaimBriefSerializer(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ClaimSuggestion
        fields = ["id", "claim", "similar", "similarity", "reasons", "state", "created_at"]


class DriftSerializer(VariantSerializer):
    """An altered quote, with the claim it belongs to."""

    claim = ClaimBriefSerializer(read_only=True)

    class Meta(VariantSerializer.Meta):
        fields = [*VariantSerializer.Meta.fields, "claim"]


class VerdictSerializer(ReadOnlyModelSerializer):
    claim = ClaimBriefSerializer(read_only=True)
    rating = RatingSerializer(read_only=True, allow_null=True)
    evidence = serializers.ManyRelatedField(
        child_relation=serializers.PrimaryKeyRelatedField(read_only=True), read_only=True
    )

    class Meta:
        model = Verdict
        fields = [
            "id",
            "claim",
            "rating",
            "summary",
            "explanation",
            "evidence",
            "status",
            "published_at",
            "retracted_at",
            "public_url",
            "version",
            "created_at",
            "updated_at",
        ]


class StanceSerializer(ReadOnlyModelSerializer):
    source = SourceBriefSerializer(read_only=True)  # type: ignore[assignment]  # a declared field, not Field's attribute

    class Meta:
        model = Stance
        fields = [
            "id",
            "source",
            "claim",
            "stance",
            "basis",
            "attribution",
            "evidence",
            "created_at",
        ]


class EvidenceSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "claim", "url", "title", "excerpt", "stance", "created_at"]


# --- Scorecards -------------------------------------------------------------------------------


class RatingCountSerializer(serializers.Serializer):
    rating = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field's attribute
    value = serializers.IntegerField()
    scale = serializers.CharField()
    worst = serializers.IntegerField()
    best = serializers.IntegerField()
    count = serializers.IntegerField()


class ScorecardVerdictSerializer(ReadOnlyModelSerializer):
    claim = ClaimBriefSerializer(read_only=True)
    rating = RatingSerializer(read_only=True)

    class Meta:
        model = Verdict
        fields = ["id", "claim", "rating", "summary", "published_at", "public_url"]


class ScorecardSerializer(serializers.Serializer):
    source = SourceBriefSerializer()  # type: ignore[assignment]  # a declared field, not Field's attribute
    claims = serializers.IntegerField(help_text="Distinct claims the source said.")
    articles = serializers.IntegerField(help_text="Distinct articles quoting the source.")
    published_verdicts = serializers.IntegerField()
    ratings = RatingCountSerializer(many=True, help_text="Published verdicts per rating.")
    recent_verdicts = ScorecardVerdictSerializer(many=True)
