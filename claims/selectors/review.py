"""What the review screens read: the queue, an article with its attributions, a claim with
everything hanging from it, and the verdicts editors and the public see.

Each selector runs a fixed number of queries whatever the number of rows (the tests pin them).
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article
from claims.models import (
    Attribution,
    ChangeRecord,
    Claim,
    ClaimRelation,
    Evidence,
    Rating,
    ReviewRating,
    Source,
    Stance,
    Verdict,
    VerdictQuerySet,
)

QUEUE_SORTS = {
    "-checkworthiness": ("-checkworthiness", "-created_at", "-id"),
    "checkworthiness": ("checkworthiness", "created_at", "id"),
    "-created_at": ("-created_at", "-id"),
    "created_at": ("created_at", "id"),
    "-appearances": ("-appearances", "-checkworthiness", "-id"),
    "-latest_published": ("-latest_published", "-id"),
    "latest_published": ("latest_published", "id"),
}


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters, as the filter form cleaned them (empty means "any")."""

    status: str = Claim.Status.CANDIDATE
    outlet: str = ""
    speaker: str = ""
    cue_kind: str = ""  # one of Attribution.CueKind: claims with an appearance of that kind
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    min_checkworthiness: float | None = None
    assigned: str = ""  # "", "me" or "unassigned"
    text: str = ""
    sort: str = "-checkworthiness"


def _queue_filtered(*, user: User, filters: QueueFilters) -> QuerySet[Claim]:
    """Claims matching every filter but the status (the status tabs count within these)."""
    claims = Claim.objects.all()
    appearances = Attribution.objects.filter(claim=OuterRef("pk"))
    if filters.outlet:
        claims = claims.filter(Exists(appearances.filter(article__outlet=filters.outlet)))
    if filters.speaker:
        claims = claims.filter(Exists(appearances.filter(speaker__name__icontains=filters.speaker)))
    if filters.cue_kind:
        claims = claims.filter(Exists(appearances.filter(cue_kind=filters.cue_kind)))
    if filters.date_from or filters.date_to:
        dated = appearances
        if filters.date_from:
            dated = dated.filter(article__published_at__date__gte=filters.date_from)
        if filters.date_to:
            dated = dated.filter(article__published_at__date__lte=filters.date_to)
        claims = claims.filter(Exists(dated))
    if filters.min_checkworthiness is not None:
        claims = claims.filter(checkworthiness__gte=filters.min_checkworthiness)
    if filters.assigned == "me":
        claims = claims.filter(assigned_to=user)
    elif filters.assigned == "unassigned":
        claims = claims.filter(assigned_to__isnull=True)
    if filters.text:
        claims = claims.filter(text__icontains=filters.text)
    return claims


def review_queue(*, user: User, filters: QueueFilters) -> QuerySet[Claim]:
    """The queue page's claims, one query per page: each row carries its appearance count and its
    first appearance (speaker, outlet, article, date) as subqueries rather than joins, so rows
    never repeat and, sorted by an indexed column, only the page's rows compute them. The latest
    article date is a column the database keeps (``claims.db_dates``)."""
    claims = _queue_filtered(user=user, filters=filters)
    if filters.status:
        claims = claims.filter(status=filters.status)
    first = Attribution.objects.filter(claim=OuterRef("pk")).order_by("article_id", "content_start")
    counted = (
        Attribution.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        claims.select_related("assigned_to")
        .annotate(
            appearances=Coalesce(Subquery(counted), 0),
            first_speaker=Subquery(first.values("speaker__name")[:1]),
            first_outlet=Subquery(first.values("article__outlet")[:1]),
            first_article_id=Subquery(first.values("article_id")[:1]),
            latest_published=F("latest_published_at"),
        )
        .order_by(*QUEUE_SORTS.get(filters.sort, QUEUE_SORTS["-checkworthiness"]))
    )


def queue_status_counts(*, user: User, filters: QueueFilters) -> dict[str, int]:
    """How many claims of each status match the other filters (one query)."""
    return _queue_filtered(user=user, filters=filters).aggregate(
        all=Count("pk"),
        **{value: Count("pk", filter=Q(status=value)) for value in Claim.Status.values},
    )


def queue_outlets() -> list[str]:
    """The outlets articles came from, for the queue's outlet filter."""
    return list(
        Article.objects.exclude(outlet="")
        .order_by("outlet")
        .values_list("outlet", flat=True)
        .distinct()
    )


# Article page -----------------------------------------------------------------------------------


def _speakers_of(attributions: list[Attribution]) -> dict[int, Source]:
    return {a.speaker.pk: a.speaker for a in attributions if a.speaker is not None}


def _by_name(sources: dict[int, Source]) -> list[Source]:
    return sorted(sources.values(), key=lambda s: s.name.casefold())


@dataclass
class ArticleReview:
    article: Article
    attributions: list[Attribution]
    speakers: list[Source]


def article_for_review(*, article_id: int) -> ArticleReview:
    """An article, its attributions in text order and their speakers (2 queries)."""
    article = Article.objects.get(pk=article_id)
    attributions = list(
        Attribution.objects.filter(article=article)
        .select_related("claim", "speaker", "reported_by__speaker")
        .order_by("content_start", "-content_end", "id")
    )
    return ArticleReview(
        article=article,
        attributions=attributions,
        speakers=_by_name(_speakers_of(attributions)),
    )


def attribution_next_in_article(*, attribution: Attribution) -> int | None:
    """The attribution after this one in the article's text, if any (1 query)."""
    return (
        Attribution.objects.filter(
            article_id=attribution.article_id, content_start__gt=attribution.content_start
        )
        .order_by("content_start", "id")
        .values_list("pk", flat=True)
        .first()
    )


# Claim page --------------------------------------------------------------------------------------


@dataclass
class ClaimReview:
    claim: Claim
    attributions: list[Attribution]
    stances: list[Stance]
    evidence: list[Evidence]
    relations: list[tuple[str, ClaimRelation, Claim]]
    verdict: Verdict | None
    past_verdicts: list[Verdict]
    duplicates: list[Claim]
    possible_duplicates: list[Claim]
    review_ratings: list[ReviewRating]
    ratings_hidden: bool
    history: list[ChangeRecord]
    speakers: list[Source]  # who said it or holds a stance on it: the pickers' choices
    said_by: list[Source]  # the speakers of its appearances
    stance_holders: list[Source]


def claim_for_review(*, claim_id: int, user: User, history_limit: int = 300) -> ClaimReview:
    """A claim with its appearances, stances, evidence, relations, verdicts and history.

    Under blind double review a reviewer sees only their own rating (and not the verdict's rating
    or its history) until both ratings are in; editors see everything.
    """
    claim = Claim.objects.select_related("canonical", "assigned_to").get(pk=claim_id)
    attributions = list(
        claim.attributions.select_related("article", "speaker", "reported_by__speaker").order_by(
            "article__published_at", "article_id", "content_start"
        )
    )
    stances = list(claim.stances.select_related("source"))
    evidence = list(claim.evidence.select_related("added_by"))
    relations: list[tuple[str, ClaimRelation, Claim]] = []
    for relation in ClaimRelation.objects.filter(
        Q(from_claim=claim) | Q(to_claim=claim)
    ).select_related("from_claim", "to_claim"):
        if relation.from_claim_id == claim.pk:
            relations.append(("out", relation, relation.to_claim))
        else:
            relations.append(("in", relation, relation.from_claim))
    verdicts = list(
        claim.verdicts.select_related("rating__scale", "reviewer", "editor")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
        .order_by("-created_at")
    )
    current = next(filter(VerdictQuerySet.is_current, verdicts), None)
    duplicates = list(claim.duplicates.order_by("id"))
    possible = list(
        Claim.objects.filter(fingerprint=claim.fingerprint)
        .exclude(pk=claim.pk)
        .exclude(status=Claim.Status.MERGED)
        .order_by("id")[:10]
    )
    ratings = list(claim.review_ratings.select_related("reviewer", "rating"))
    is_editor = user.has_perm("claims.publish_verdict")
    hidden = claim.requires_double_review and len(ratings) < 2 and not is_editor
    if hidden:
        ratings = [r for r in ratings if r.reviewer_id == user.pk]
    history = list(
        ChangeRecord.objects.filter(claim_id__in=[claim.pk, *(d.pk for d in duplicates)])
        .select_related("actor")
        .order_by("-created_at", "-id")[:history_limit]
    )
    for record in history:
        if hidden and record.target_type == "claims.verdict" and record.actor_id != user.pk:
            record.changes = {"hidden": "until both independent ratings are in"}
    said_by = _speakers_of(attributions)
    holders = {s.source.pk: s.source for s in stances}
    return ClaimReview(
        claim=claim,
        attributions=attributions,
        stances=stances,
        evidence=evidence,
        relations=relations,
        verdict=current,
        past_verdicts=[v for v in verdicts if v is not current],
        duplicates=duplicates,
        possible_duplicates=possible,
        review_ratings=ratings,
        ratings_hidden=hidden,
        history=history,
        speakers=_by_name({**said_by, **holders}),
        said_by=_by_name(said_by),
        stance_holders=_by_name(holders),
    )


def rating_choices() -> QuerySet[Rating]:
    return Rating.objects.select_related("scale").order_by("scale__name", "value")


# Editors ------------------------------------------------------------------------------------------


def verdicts_waiting_for_editor() -> QuerySet[Verdict]:
    """Verdicts submitted or approved but not yet published, the longest waiting first."""
    return (
        Verdict.objects.filter(status__in=[Verdict.Status.IN_REVIEW, Verdict.Status.APPROVED])
        .select_related("claim", "rating", "reviewer", "editor")
        .order_by("updated_at", "id")
    )


def verdicts_recently_published() -> QuerySet[Verdict]:
    """Published verdicts, the latest first."""
    return (
        Verdict.objects.filter(status=Verdict.Status.PUBLISHED)
        .select_related("claim", "rating", "reviewer", "editor")
        .order_by("-published_at", "-id")
    )


# Public -------------------------------------------------------------------------------------------


def published_verdict_of(*, claim_id: int) -> Verdict | None:
    """The claim's verdict that is published now, if any (1 query)."""
    return (
        Verdict.objects.filter(claim_id=claim_id, status=Verdict.Status.PUBLISHED)
        .order_by("-published_at")
        .first()
    )


@dataclass(frozen=True)
class PublicVerdict:
    verdict: Verdict
    appearances: list[Attribution]
    evidence: list[Evidence]
    current: Verdict | None  # when ``verdict`` was retracted: the claim's verdict published now


def verdict_for_public(*, verdict_id: int, appearances_shown: int = 20) -> PublicVerdict:
    """A verdict the public may see: published, or retracted after it was published (its address
    stays known). A published one comes with its claim's first appearances and the evidence it
    cites (3 queries); a retracted one with the claim's current verdict instead (2 queries).

    Raises ``Verdict.DoesNotExist`` for anything never published.
    """
    verdict = (
        Verdict.objects.select_related("claim", "rating__scale", "editor")
        .filter(
            Q(status=Verdict.Status.PUBLISHED)
            | Q(status=Verdict.Status.RETRACTED, published_at__isnull=False)
        )
        .get(pk=verdict_id)
    )
    if verdict.status == Verdict.Status.RETRACTED:
        return PublicVerdict(
            verdict=verdict,
            appearances=[],
            evidence=[],
            current=published_verdict_of(claim_id=verdict.claim_id),
        )
    appearances = verdict.claim.attributions.select_related("article", "speaker").order_by(
        "article__published_at", "id"
    )
    return PublicVerdict(
        verdict=verdict,
        appearances=list(appearances[:appearances_shown]),
        evidence=list(verdict.evidence.order_by("id")),
        current=None,
    )
