"""What the review screens read: the queue, an article with its highlighted attributions, a claim
with everything hanging from it, and the double-review ratings behind the agreement page.

Each selector runs a fixed number of queries whatever the number of rows (the tests pin them).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from claims.models import (
    Attribution,
    ChangeRecord,
    Claim,
    ClaimRelation,
    Evidence,
    Rating,
    ReviewRating,
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
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    min_checkworthiness: float | None = None
    assigned: str = ""  # "", "me" or "unassigned"
    text: str = ""
    sort: str = "-checkworthiness"


def _queue_filtered(*, user, filters: QueueFilters) -> QuerySet[Claim]:
    """Claims matching every filter but the status (the status tabs count within these)."""
    claims = Claim.objects.all()
    appearances = Attribution.objects.filter(claim=OuterRef("pk"))
    if filters.outlet:
        claims = claims.filter(Exists(appearances.filter(article__outlet=filters.outlet)))
    if filters.speaker:
        claims = claims.filter(Exists(appearances.filter(speaker__name__icontains=filters.speaker)))
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


def review_queue(*, user, filters: QueueFilters) -> QuerySet[Claim]:
    """The queue page's claims, one query per page: each row carries its appearance count and its
    first appearance (speaker, outlet, article, date) as subqueries rather than joins, so rows
    never repeat."""
    claims = _queue_filtered(user=user, filters=filters)
    if filters.status:
        claims = claims.filter(status=filters.status)
    first = Attribution.objects.filter(claim=OuterRef("pk")).order_by("article_id", "content_start")
    latest = Article.objects.filter(attributions__claim=OuterRef("pk")).order_by("-published_at")
    return (
        claims.select_related("assigned_to")
        .annotate(
            appearances=Count("attributions", distinct=True),
            first_speaker=Subquery(first.values("speaker__name")[:1]),
            first_outlet=Subquery(first.values("article__outlet")[:1]),
            first_article_id=Subquery(first.values("article_id")[:1]),
            latest_published=Subquery(latest.values("published_at")[:1]),
        )
        .order_by(*QUEUE_SORTS.get(filters.sort, QUEUE_SORTS["-checkworthiness"]))
    )


def queue_status_counts(*, user, filters: QueueFilters) -> dict[str, int]:
    """How many claims of each status match the other filters (one query)."""
    counts = _queue_filtered(user=user, filters=filters).aggregate(
        all=Count("pk"),
        **{value: Count("pk", filter=Q(status=value)) for value in Claim.Status.values},
    )
    return counts


def queue_outlets() -> list[str]:
    """The outlets articles came from, for the queue's outlet filter."""
    return list(
        Article.objects.exclude(outlet="")
        .order_by("outlet")
        .values_list("outlet", flat=True)
        .distinct()
    )


# Article page -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """One highlighted stretch of article text and the ``<mark>`` that wraps it."""

    start: int
    end: int
    attribution_id: int
    part: str  # "content", "mention" or "cue"
    classes: str = ""
    title: str = ""


def _open_tag(span: Span, continued: bool) -> str:
    classes = f"hl hl-{span.part} {span.classes}".strip() + (" hl-cont" if continued else "")
    return format_html(
        '<mark class="{}" data-attribution="{}" data-part="{}" title="{}">',
        classes,
        span.attribution_id,
        span.part,
        span.title,
    )


def highlight_text(text: str, spans: list[Span]) -> SafeString:
    """``text`` escaped, with every span wrapped in a ``<mark>``.

    The text is split at every span boundary and each piece escaped. Spans nest as elements must:
    a span inside another (a nested quote's content within the outer quote) becomes a child mark;
    two spans that cross are split where they cross, the second piece marked ``hl-cont``.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Span]] = defaultdict(list)
    for span in valid:
        starts[span.start].append(span)
    boundaries = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    stack: list[Span] = []
    position = 0
    for point in boundaries:
        if point > position:
            out.append(escape(text[position:point]))
            position = point
        ending = [s for s in stack if s.end == point]
        if ending:
            reopen = []
            while ending:
                top = stack.pop()
                out.append("</mark>")
                if top in ending:
                    ending.remove(top)
                else:
                    reopen.append(top)
            for span in reversed(reopen):
                out.append(_open_tag(span, continued=True))
                stack.append(span)
        # Longer spans open first so that the shorter ones starting here nest inside them.
        for span in sorted(starts.get(point, []), key=lambda s: (-s.end, s.part != "content")):
            out.append(_open_tag(span, continued=False))
            stack.append(span)
    return mark_safe("".join(out))  # every text piece above went through escape()


def attribution_spans(attributions: list[Attribution]) -> list[Span]:
    """The content, speaker-mention and cue spans of each attribution."""
    spans = []
    for attribution in attributions:
        who = attribution.speaker.name if attribution.speaker_id else "the article itself"
        nested = " hl-reported" if attribution.reported_by_id else ""
        state = f" hl-{attribution.review_state}"
        # Only the speaker's own words are marked when the cue interrupts the content.
        pieces = attribution.content_parts or [(attribution.content_start, attribution.content_end)]
        spans.extend(
            Span(
                start,
                end,
                attribution.pk,
                "content",
                f"hl-{attribution.kind}{nested}{state}",
                f"{attribution.get_kind_display()} by {who}",
            )
            for start, end in pieces
        )
        if attribution.mention_start is not None and attribution.mention_end is not None:
            spans.append(
                Span(
                    attribution.mention_start,
                    attribution.mention_end,
                    attribution.pk,
                    "mention",
                    nested.strip(),
                    f"Speaker: {who}",
                )
            )
        if attribution.cue_start is not None and attribution.cue_end is not None:
            spans.append(
                Span(attribution.cue_start, attribution.cue_end, attribution.pk, "cue", "", "Cue")
            )
    return spans


@dataclass
class ArticleReview:
    article: Article
    attributions: list[Attribution]
    highlighted: SafeString
    speakers: list


def article_for_review(*, article_id: int) -> ArticleReview:
    """An article, its attributions in text order and its text with them highlighted (2 queries)."""
    article = Article.objects.get(pk=article_id)
    attributions = list(
        Attribution.objects.filter(article=article)
        .select_related("claim", "speaker", "reported_by__speaker")
        .order_by("content_start", "-content_end", "id")
    )
    speakers = {a.speaker.pk: a.speaker for a in attributions if a.speaker_id}
    return ArticleReview(
        article=article,
        attributions=attributions,
        highlighted=highlight_text(article.text, attribution_spans(attributions)),
        speakers=sorted(speakers.values(), key=lambda s: s.name.casefold()),
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
    speakers: list


def claim_for_review(*, claim_id: int, user, history_limit: int = 300) -> ClaimReview:
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
    stances = list(claim.stances.select_related("source", "created_by", "evidence"))
    evidence = list(claim.evidence.select_related("added_by"))
    relations = []
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
        record.rows = change_rows(record.changes)
        record.action_label = record.action.replace("_", " ")
    speakers = {a.speaker.pk: a.speaker for a in attributions if a.speaker_id}
    speakers.update({s.source.pk: s.source for s in stances})
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
        speakers=sorted(speakers.values(), key=lambda s: s.name.casefold()),
    )


def change_rows(changes: dict) -> list[tuple[str, object, object, bool]]:
    """A change record as rows to show: (field, before, after, is_edit); for entries that are not
    before/after pairs, ``before`` is None and ``is_edit`` False."""
    rows = []
    for name, value in (changes or {}).items():
        label = name.replace("_", " ")
        if isinstance(value, dict) and set(value) == {"before", "after"}:
            rows.append((label, value["before"], value["after"], True))
        else:
            rows.append((label, None, value, False))
    return rows


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


def double_review_ratings() -> list[ReviewRating]:
    """Every blind rating with its reviewer and value, for the agreement page (1 query)."""
    return list(
        ReviewRating.objects.select_related("reviewer", "rating", "claim").order_by(
            "claim_id", "reviewer_id"
        )
    )


def published_verdict_of(*, claim_id: int) -> Verdict | None:
    """The claim's verdict that is published now, if any (1 query)."""
    return (
        Verdict.objects.filter(claim_id=claim_id, status=Verdict.Status.PUBLISHED)
        .order_by("-published_at")
        .first()
    )
