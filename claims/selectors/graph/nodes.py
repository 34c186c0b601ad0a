"""The fields of the graph's nodes: one query per row type, and outlets taken from the articles."""

from django.db.models import OuterRef, Subquery

from articles.models import Article
from claims.models import Claim, Source, Verdict
from claims.selectors.graph.filters import ids_filter
from claims.selectors.graph.types import (
    ArticleNode,
    ClaimNode,
    OutletNode,
    PublishedByEdge,
    SourceNode,
    node_id,
)


def article_node_list(*, ids: set[int]) -> list[ArticleNode]:
    """The articles ``ids`` that exist, by id."""
    rows = (
        Article.objects.filter(ids_filter("id", ids))
        .order_by("id")
        .values("id", "title", "outlet", "url", "published_at", "language", "status")
    )
    return [
        {
            "id": node_id("article", row["id"]),
            "type": "article",
            "label": row["title"] or row["url"] or f"Article {row['id']}",
            "pk": row["id"],
            "title": row["title"],
            "outlet": row["outlet"],
            "url": row["url"],
            "published_at": row["published_at"].isoformat() if row["published_at"] else None,
            "language": row["language"],
            "status": row["status"],
        }
        for row in rows
    ]


def claim_node_list(*, ids: set[int]) -> list[ClaimNode]:
    """The claims ``ids`` that exist, by id, each with its latest published verdict's rating."""
    published = Verdict.objects.filter(
        claim=OuterRef("pk"), status=Verdict.Status.PUBLISHED
    ).order_by("-published_at")
    rows = (
        Claim.objects.filter(ids_filter("id", ids))
        .annotate(
            verdict_id=Subquery(published.values("id")[:1]),
            verdict_rating=Subquery(published.values("rating__label")[:1]),
        )
        .order_by("id")
        .values(
            "id",
            "text",
            "status",
            "checkworthiness",
            "canonical_id",
            "verdict_id",
            "verdict_rating",
        )
    )
    return [
        {
            "id": node_id("claim", row["id"]),
            "type": "claim",
            "label": row["text"] if len(row["text"]) <= 80 else row["text"][:77] + "...",
            "pk": row["id"],
            "text": row["text"],
            "status": row["status"],
            "checkworthiness": row["checkworthiness"],
            "canonical": node_id("claim", row["canonical_id"]) if row["canonical_id"] else None,
            "verdict": row["verdict_id"],
            "rating": row["verdict_rating"],
        }
        for row in rows
    ]


def source_node_list(*, ids: set[int]) -> list[SourceNode]:
    """The sources ``ids`` that exist, by id."""
    rows = (
        Source.objects.filter(ids_filter("id", ids))
        .order_by("id")
        .values("id", "name", "kind", "role", "disambiguation", "affiliation_id")
    )
    return [
        {
            "id": node_id("source", row["id"]),
            "type": "source",
            "label": row["name"],
            "pk": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "role": row["role"],
            "disambiguation": row["disambiguation"],
            "affiliation": node_id("source", row["affiliation_id"])
            if row["affiliation_id"]
            else None,
        }
        for row in rows
    ]


def outlet_node_list(
    *, articles: list[ArticleNode]
) -> tuple[list[OutletNode], list[PublishedByEdge]]:
    """One node per outlet name of ``articles`` and a ``published_by`` edge per article with one
    (no query: the name is all an outlet has)."""
    outlets: dict[str, OutletNode] = {}
    edges: list[PublishedByEdge] = []
    for article in articles:
        if article["outlet"]:
            outlet = node_id("outlet", article["outlet"])
            outlets.setdefault(
                outlet,
                {
                    "id": outlet,
                    "type": "outlet",
                    "label": article["outlet"],
                    "name": article["outlet"],
                },
            )
            edges.append(
                {
                    "id": f"published_by:{article['pk']}",
                    "type": "published_by",
                    "source": article["id"],
                    "target": outlet,
                }
            )
    return list(outlets.values()), edges
