"""What the desk reads besides the queue and the review pages: the article list with each
article's progress, a person's own work, the article to go to next, and the start page's verdicts.

Each selector runs a fixed number of queries whatever the number of rows (the tests pin them).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from articles.models import Article
from claims.models import (
    Attribution,
    ChangeRecord,
    Claim,
    Evidence,
    ReviewRating,
    Source,
    SourceAlias,
    Stance,
    Verdict,
)
from claims.naming import normalize_name

# Claims still waiting for a reviewer's decision.
OPEN_CLAIM_STATUSES = [Claim.Status.CANDIDATE]
# Articles whose processing has not ended yet (their page follows the status live).
ARTICLE_IN_PROGRESS = [Article.Status.QUEUED, Article.Status.FETCHING, Article.Status.EXTRACTING]


@dataclass(frozen=True)
class ArticleFilters:
    """The article list's search and filters, as the form cleaned them (empty means "any")."""

    text: str = ""
    status: str = ""
    outlet: str = ""


def _count_of(rows: QuerySet, outer: str) -> Coalesce:
    """How many of ``rows`` point at the outer row through ``outer``, as a subquery (no join, so
    several counts never multiply each other)."""
    counted = (
        rows.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _articles_filtered(filters: ArticleFilters) -> QuerySet[Article]:
    """Articles matching the search and the outlet (the status tabs count within these)."""
    articles = Article.objects.all()
    if filters.outlet:
        articles = articles.filter(outlet=filters.outlet)
    if filters.text:
        articles = articles.filter(
            Q(title__icontains=filters.text)
            | Q(outlet__icontains=filters.text)
            | Q(text__icontains=filters.text)
        )
    return articles


def desk_articles(*, filters: ArticleFilters) -> QuerySet[Article]:
    """The article list, newest first, one query per page: each article with its counts of
    attributions, attributions still unreviewed, and open claims (subqueries, no large columns)."""
    articles = _articles_filtered(filters)
    if filters.status:
        articles = articles.filter(status=filters.status)
    open_claims = (
        Attribution.objects.filter(article=OuterRef("pk"), claim__status__in=OPEN_CLAIM_STATUSES)
        .order_by()
        .values("article")
        .annotate(n=Count("claim", distinct=True))
        .values("n")
    )
    return (
        articles.defer("raw", "text")
        .annotate(
            attribution_count=_count_of(Attribution.objects.all(), "article"),
            unreviewed_count=_count_of(
                Attribution.objects.filter(review_state=Attribution.ReviewState.AUTO), "article"
            ),
            open_claim_count=Coalesce(Subquery(open_claims, output_field=IntegerField()), Value(0)),
        )
        .order_by("-created_at", "-id")
    )


def article_status_counts(*, filters: ArticleFilters) -> dict[str, int]:
    """How many articles of each status match the search and the outlet (one query)."""
    return _articles_filtered(filters).aggregate(
        all=Count("pk"),
        **{value: Count("pk", filter=Q(status=value)) for value in Article.Status.values},
    )


def article_after(*, article: Article) -> Article | None:
    """The article to review next: the next older one with attributions nobody reviewed yet, else
    the newest such one (1 query)."""
    unreviewed = Attribution.objects.filter(
        article=OuterRef("pk"), review_state=Attribution.ReviewState.AUTO
    )
    older = Q(created_at__lt=article.created_at) | Q(
        created_at=article.created_at, pk__lt=article.pk
    )
    return (
        Article.objects.filter(Exists(unreviewed))
        .exclude(pk=article.pk)
        .defer("raw", "text")
        .annotate(is_older=Case(When(older, then=Value(1)), default=Value(0)))
        .order_by("-is_older", "-created_at", "-id")
        .first()
    )


# My work ------------------------------------------------------------------------------------------


@dataclass
class MyWork:
    assigned: list[Claim]  # each with ``appearances``
    drafts: list[Verdict]
    in_review: list[Verdict]
    sent_back: list[Verdict]


SENT_BACK = Q(status=Verdict.Status.DRAFT) & ~Q(editor_note="")
DRAFTING = Q(status=Verdict.Status.DRAFT, editor_note="")
IN_REVIEW = Q(status__in=[Verdict.Status.IN_REVIEW, Verdict.Status.APPROVED])
OPEN_ASSIGNED = Q(status__in=[Claim.Status.CANDIDATE, Claim.Status.ACCEPTED])


def my_work(*, user: User, limit: int = 100) -> MyWork:
    """Claims assigned to ``user`` that are still open, their verdict drafts, their verdicts with
    an editor, and those an editor sent back (with the note), newest first (2 queries)."""
    assigned: list[Claim] = list(
        Claim.objects.filter(OPEN_ASSIGNED, assigned_to=user)
        .annotate(appearances=Count("attributions"))
        .order_by("-updated_at", "-id")[:limit]
    )
    verdicts = list(
        Verdict.objects.filter(reviewer=user)
        .filter(DRAFTING | SENT_BACK | IN_REVIEW)
        .select_related("claim", "rating", "editor")
        .order_by("-updated_at", "-id")[: limit * 3]
    )
    sent_back = [v for v in verdicts if v.status == Verdict.Status.DRAFT and v.editor_note]
    return MyWork(
        assigned=assigned,
        drafts=[v for v in verdicts if v.status == Verdict.Status.DRAFT and not v.editor_note],
        in_review=[v for v in verdicts if v.status != Verdict.Status.DRAFT],
        sent_back=sent_back,
    )


def my_work_counts(*, user: User) -> dict[str, int]:
    """The counts behind "My work" in the desk's navigation, in one query."""

    def verdicts(condition: Q) -> Coalesce:
        return _count_of(Verdict.objects.filter(condition), "reviewer")

    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            assigned=_count_of(Claim.objects.filter(OPEN_ASSIGNED), "assigned_to"),
            drafts=verdicts(DRAFTING),
            in_review=verdicts(IN_REVIEW),
            sent_back=verdicts(SENT_BACK),
        )
        .values("assigned", "drafts", "in_review", "sent_back")
        .first()
    )
    if row is None:
        return {"assigned": 0, "drafts": 0, "in_review": 0, "sent_back": 0}
    return {
        "assigned": row["assigned"],
        "drafts": row["drafts"],
        "in_review": row["in_review"],
        "sent_back": row["sent_back"],
    }


# Start page ---------------------------------------------------------------------------------------


def verdicts_for_start_page(*, limit: int = 20) -> list[Verdict]:
    """The latest published verdicts with their claim and rating (1 query)."""
    return list(
        Verdict.objects.filter(status=Verdict.Status.PUBLISHED)
        .select_related("claim", "rating")
        .order_by("-published_at", "-id")[:limit]
    )


# Merge and speaker pickers -----------------------------------------------------------------------

PICKER_SEARCH_MAX = 200


def claims_for_picker(
    *, text: str, exclude_id: int | None = None, limit: int = 10
) -> list[dict[str, Any]]:
    """Claims a merge may go into, for search-as-you-type (1 query): by number ("12", "#12") or by
    words of their text; merged duplicates are left out (their survivor is the target). Each as
    ``id``, ``text``, ``status`` (its label) and ``appearances``."""
    text = text.strip()[:PICKER_SEARCH_MAX]
    if not text:
        return []
    claims = Claim.objects.exclude(status=Claim.Status.MERGED)
    if exclude_id is not None:
        claims = claims.exclude(pk=exclude_id)
    number = text.removeprefix("#")
    if number.isascii() and number.isdigit() and len(number) < 10:
        matching = claims.filter(Q(pk=int(number)) | Q(text__icontains=text))
    else:
        matching = claims.filter(text__icontains=text)
    rows = (
        matching.annotate(appearances=Count("attributions"))
        .order_by("-appearances", "-checkworthiness", "-id")
        .values("pk", "text", "status", "appearances")[:limit]
    )
    return [
        {
            "id": row["pk"],
            "text": row["text"],
            "status": Claim.Status(row["status"]).label,
            "appearances": row["appearances"],
        }
        for row in rows
    ]


def sources_for_picker(*, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Sources a speaker or stance holder may be, for search-as-you-type (1 query): by part of
    their name or of an alias, compared as names are stored (no titles, accents folded), those
    whose name starts with it first. Each as ``id``, ``name``, ``label`` (with role and
    disambiguation) and ``kind`` (its label)."""
    text = text.strip()[:PICKER_SEARCH_MAX]
    if not text:
        return []
    normalized = normalize_name(text)
    if normalized:
        aliased = SourceAlias.objects.filter(
            source=OuterRef("pk"), normalized_alias__contains=normalized
        )
        matching = Source.objects.filter(
            Q(normalized_name__contains=normalized) | Q(name__icontains=text) | Exists(aliased)
        )
    else:  # only a title or punctuation ("Dr."): the name as written
        matching = Source.objects.filter(name__icontains=text)
    prefix = normalized or text.lower()
    sources = (
        matching.annotate(
            starts=Case(
                When(normalized_name__startswith=prefix, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .only("pk", "name", "role", "disambiguation", "kind")
        .order_by("starts", "name", "pk")[:limit]
    )
    return [
        {
            "id": source.pk,
            "name": source.name,
            "label": str(source),
            "kind": Source.Kind(source.kind).label,
        }
        for source in sources
    ]


# The editor's verdict page ----------------------------------------------------------------------


@dataclass
class VerdictReview:
    verdict: Verdict
    appearances: list[Attribution]
    evidence: list[Evidence]  # the claim's, ``cited`` set on those the verdict cites
    stances: list[Stance]
    ratings: list[ReviewRating]  # the blind ratings with their reviewers' notes
    history: list[ChangeRecord]  # the verdict's own changes, newest first
    changed: dict[str, dict[str, Any]]  # the last edit: field -> before / after


def verdict_for_editor(*, verdict_id: int, appearances_shown: int = 50) -> VerdictReview:
    """A verdict with what an editor judges it by: its claim's appearances, evidence (which are
    cited), stances, the blind ratings' notes, and its changes, the last edit as a diff
    (7 queries)."""
    verdict = Verdict.objects.select_related("claim", "rating__scale", "reviewer", "editor").get(
        pk=verdict_id
    )
    claim = verdict.claim
    cited = set(verdict.evidence.values_list("pk", flat=True))
    evidence = list(claim.evidence.order_by("id"))
    for item in evidence:
        item.cited = item.pk in cited  # type: ignore[attr-defined]
    history = list(
        ChangeRecord.objects.filter(target_type="claims.verdict", target_id=verdict.pk)
        .select_related("actor")
        .order_by("-created_at", "-id")[:50]
    )
    last_edit = next(
        (r for r in history if r.action in {"verdict_edited", "verdict_drafted"}), None
    )
    return VerdictReview(
        verdict=verdict,
        appearances=list(
            claim.attributions.select_related("article", "speaker").order_by(
                "article_id", "content_start"
            )[:appearances_shown]
        ),
        evidence=evidence,
        stances=list(claim.stances.select_related("source").order_by("id")),
        ratings=list(ReviewRating.objects.filter(claim=claim).select_related("reviewer", "rating")),
        history=history,
        changed={
            name: value
            for name, value in (last_edit.changes if last_edit else {}).items()
            if isinstance(value, dict) and set(value) == {"before", "after"}
        },
    )


def claims_left_without_appearances(*, claim_ids: set[int]) -> set[int]:
    """Those of ``claim_ids`` still open whose every appearance is rejected: the desk offers to
    reject the claim itself (1 query)."""
    if not claim_ids:
        return set()
    standing = Attribution.objects.filter(claim=OuterRef("pk")).exclude(
        review_state=Attribution.ReviewState.REJECTED
    )
    return set(
        Claim.objects.filter(pk__in=claim_ids)
        .exclude(status__in=[Claim.Status.REJECTED, Claim.Status.MERGED])
        .exclude(Exists(standing))
        .values_list("pk", flat=True)
    )
