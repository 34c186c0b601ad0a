"""Test data factories for every model the tests need."""

import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Feed
from claims.models import (
    Attribution,
    Claim,
    ClaimRelation,
    Evidence,
    Rating,
    RatingScale,
    Source,
    Stance,
    StanceChoice,
    Verdict,
)

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*[Group.objects.get(name=name) for name in extracted])
            self.is_staff = any(name in {"Reviewer", "Editor"} for name in extracted)
            self.save(update_fields=["is_staff"])


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/story-{n}")
    normalized_url = factory.LazyAttribute(lambda a: a.url.lower() if a.url else None)
    outlet = "Example News"
    text = factory.Sequence(lambda n: f"The mayor said the budget grew by {n} percent last year.")
    raw = factory.LazyAttribute(lambda a: a.text)
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.text.encode()).hexdigest())
    status = Article.Status.EXTRACTED
    published_at = factory.LazyFunction(timezone.now)


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    url = factory.Sequence(lambda n: f"https://news.example.org/feed-{n}.xml")
    title = factory.Sequence(lambda n: f"Feed {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Speaker {n}")
    kind = Source.Kind.PERSON


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Unemployment fell by {n} percent in the last quarter")
    checkworthiness = 0.5


class AttributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribution

    article = factory.SubFactory(ArticleFactory)
    claim = factory.SubFactory(ClaimFactory)
    speaker = factory.SubFactory(SourceFactory)
    kind = Attribution.Kind.INDIRECT
    cue = "said"
    content = factory.LazyAttribute(lambda a: a.article.text[: min(len(a.article.text), 40)])
    content_start = 0
    content_end = factory.LazyAttribute(lambda a: len(a.content))
    extractor_version = "test"


class RatingScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingScale

    name = factory.Sequence(lambda n: f"Scale {n}")
    slug = factory.Sequence(lambda n: f"scale-{n}")
    worst = 1
    best = 5


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    scale = factory.SubFactory(RatingScaleFactory)
    label = factory.Sequence(lambda n: f"Rating {n}")
    value = 1


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.SubFactory(RatingFactory)
    summary = "The figure is off by half."


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://stats.example.org/table-{n}")
    title = "Official statistics"
    stance = StanceChoice.REFUTES


class StanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stance

    source = factory.SubFactory(SourceFactory)
    claim = factory.SubFactory(ClaimFactory)
    stance = StanceChoice.SUPPORTS


class ClaimRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimRelation

    from_claim = factory.SubFactory(ClaimFactory)
    to_claim = factory.SubFactory(ClaimFactory)
    relation = ClaimRelation.Relation.CONTRADICTS


class ReviewRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "claims.ReviewRating"

    claim = factory.SubFactory(ClaimFactory, requires_double_review=True)
    reviewer = factory.SubFactory(UserFactory, groups=["Reviewer"])
    rating = factory.SubFactory(RatingFactory)


class WebhookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "claims.Webhook"

    owner = factory.SubFactory(UserFactory, groups=["API client"])
    url = factory.Sequence(lambda n: f"https://hooks.example.org/receiver-{n}")
    secret = "s3cret-for-tests"
    events = factory.LazyFunction(lambda: ["verdict.published"])


def said(article: Article, content: str, **fields) -> Attribution:
    """An attribution of ``content`` where it stands in the article's text, with a claim of it
    unless ``claim`` is given."""
    start = article.text.index(content)
    if "claim" not in fields:
        fields["claim"] = ClaimFactory(text=content)
    return AttributionFactory(
        article=article,
        content=content,
        content_start=start,
        content_end=start + len(content),
        **fields,
    )
