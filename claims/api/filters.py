"""Query-string filters of the claims API.

Filters that follow a claim's appearances (outlet, speaker, article dates) are ``EXISTS`` subqueries
rather than joins, so a claim carried by several matching articles is listed once and pagination
needs no DISTINCT.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from articles.models import Article
from claims.models import (
    MAX_ID,
    Attribution,
    Claim,
    ClaimVariant,
    Evidence,
    Rating,
    Source,
    SourceAlias,
    Stance,
    Verdict,
)
from claims.selectors.search import claim_search

# The longest text a filter takes (a longer one is a 400): past the longest stored value nothing can
# match, and SQLite refuses a LIKE pattern past 50,000 bytes with an error (a 500).
OUTLET_MAX = Article._meta.get_field("outlet").max_length
RATING_MAX = Rating._meta.get_field("label").max_length
SEARCH_MAX = 500  # as the graph's ``q``


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number from 1 to MAX_ID, or a clear 400 (never a database overflow)."""

    # The stubs allow only NumberFilter's own DecimalField; django-filter takes any number field.
    field_class = forms.IntegerField  # type: ignore[assignment]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def search_filter(help_text: str) -> django_filters.CharFilter:
    """The ``q`` parameter: text search by the FilterSet's ``filter_q``."""
    return django_filters.CharFilter(method="filter_q", max_length=SEARCH_MAX, help_text=help_text)


def date_bounds(field_name: str) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """``published_after`` and ``published_before``: the date of ``field_name``, inclusive."""
    return (
        django_filters.DateFilter(field_name=field_name, lookup_expr="date__gte"),
        django_filters.DateFilter(field_name=field_name, lookup_expr="date__lte"),
    )


def _appearing(**lookups) -> Exists:
    return Exists(
        Attribution.objects.filter(claim=OuterRef("pk"), **lookups).exclude(
            review_state=Attribution.ReviewState.REJECTED
        )
    )


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Claim.Status.choices)
    outlet = django_filters.CharFilter(
        method="filter_outlet",
        max_length=OUTLET_MAX,
        help_text="Appears in an article of this outlet (exact, any case).",
    )
    speaker = IdFilter(method="filter_speaker", help_text="Said by this source (id).")
    article = IdFilter(method="filter_article", help_text="Appears in this article (id).")
    published_after = django_filters.DateFilter(
        method="filter_published_after",
        help_text="Appears in an article published on or after this date (YYYY-MM-DD).",
    )
    published_before = django_filters.DateFilter(
        method="filter_published_before",
        help_text="Appears in an article published on or before this date (YYYY-MM-DD).",
    )
    rating = django_filters.CharFilter(
        method="filter_rating",
        max_length=RATING_MAX,
        help_text="Its published verdict has this rating label (any case).",
    )
    q = search_filter("Full-text search over the claim text and the text of articles carrying it.")

    class Meta:
        model = Claim
        fields = ["status"]

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(_appearing(article__outlet__iexact=value))

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(_appearing(speaker_id=value))

    def filter_article(self, queryset, name, value):
        return queryset.filter(_appearing(article_id=value))

    def filter_published_after(self, queryset, name, value):
        return queryset.filter(_appearing(article__published_at__date__gte=value))

    def filter_published_before(self, queryset, name, value):
        return queryset.filter(_appearing(article__published_at__date__lte=value))

    def filter_rating(self, queryset, name, value):
        published = Verdict.objects.filter(
            claim=OuterRef("pk"), status=Verdict.Status.PUBLISHED, rating__label__iexact=value
        )
        return queryset.filter(Exists(published))

    def filter_q(self, queryset, name, value):
        return claim_search(queryset=queryset, text=value)


class AttributionFilter(django_filters.FilterSet):
    article = IdFilter(field_name="article_id")
    claim = IdFilter(field_name="claim_id")
    speaker = IdFilter(field_name="speaker_id")
    kind = django_filters.MultipleChoiceFilter(choices=Attribution.Kind.choices)
    cue_kind = django_filters.MultipleChoiceFilter(choices=Attribution.CueKind.choices)
    review_state = django_filters.MultipleChoiceFilter(choices=Attribution.ReviewState.choices)
    outlet = django_filters.CharFilter(
        field_name="article__outlet", lookup_expr="iexact", max_length=OUTLET_MAX
    )
    published_after, published_before = date_bounds("article__published_at")
    q = search_filter("Full-text search over the claim and article text.")

    class Meta:
        model = Attribution
        fields = ["article", "claim", "speaker", "kind", "cue_kind", "review_state"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(claim__in=claim_search(text=value).values("pk"))


class SourceFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Source.Kind.choices)
    affiliation = IdFilter(field_name="affiliation_id")
    q = search_filter("Name or alias contains this text (any case).")

    class Meta:
        model = Source
        fields = ["kind", "affiliation"]

    def filter_q(self, queryset, name, value):
        aliased = SourceAlias.objects.filter(source=OuterRef("pk"), alias__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Exists(aliased))


class VerdictFilter(django_filters.FilterSet):
    claim = IdFilter(field_name="claim_id")
    status = django_filters.MultipleChoiceFilter(choices=Verdict.Status.choices)
    rating = django_filters.CharFilter(
        field_name="rating__label", lookup_expr="iexact", max_length=RATING_MAX
    )
    published_after, published_before = date_bounds("published_at")
    speaker = IdFilter(method="filter_speaker", help_text="On a claim said by this source (id).")

    class Meta:
        model = Verdict
        fields = ["claim", "status"]

    def filter_speaker(self, queryset, name, value):
        said = Attribution.objects.filter(claim=OuterRef("claim_id"), speaker_id=value).exclude(
            review_state=Attribution.ReviewState.REJECTED
        )
        return queryset.filter(Exists(said))


class StanceFilter(django_filters.FilterSet):
    claim = IdFilter(field_name="claim_id")
    source = IdFilter(field_name="source_id")
    stance = django_filters.MultipleChoiceFilter(choices=Stance.Position.choices)

    class Meta:
        model = Stance
        fields = ["claim", "source", "stance"]


class EvidenceFilter(django_filters.FilterSet):
    claim = IdFilter(field_name="claim_id")
    stance = django_filters.MultipleChoiceFilter(choices=Evidence.StanceChoice.choices)

    class Meta:
        model = Evidence
        fields = ["claim", "stance"]


class DriftFilter(django_filters.FilterSet):
    speaker = IdFilter(
        field_name="attribution__speaker_id", help_text="Quotes of this source (id)."
    )
    outlet = django_filters.CharFilter(
        field_name="attribution__article__outlet",
        lookup_expr="iexact",
        max_length=OUTLET_MAX,
        help_text="Quotes in articles of this outlet (exact, any case).",
    )
    severity = django_filters.MultipleChoiceFilter(
        choices=ClaimVariant.Severity.choices, help_text="Only variants of these severities."
    )

    class Meta:
        model = ClaimVariant
        fields = ["severity"]
