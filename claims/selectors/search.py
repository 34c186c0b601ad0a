"""Full-text search over claims and the articles they appear in, behind one selector.

On PostgreSQL this is real full-text search (``websearch_to_tsquery`` against English tsvectors, so
"missiles" finds "missile" and ``"exact phrase" -word`` works); on SQLite, which has no such thing
built in, every word of the query must appear (case-insensitive substring) in the claim text or in
the text of an article carrying the claim.

The PostgreSQL expressions are exactly those of the GIN indexes the claims migration creates
(``to_tsvector('english'::regconfig, COALESCE(text, ''))``), which is what
``SearchVector("text", config="english")`` compiles to: change one, change the other, or the planner
falls back to computing a tsvector for every row.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Attribution, Claim

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 500


def claim_search(*, queryset: QuerySet[Claim] | None = None, text: str) -> QuerySet[Claim]:
    """Claims of ``queryset`` whose text, or the text of an article carrying them, matches."""
    queryset = Claim.objects.all() if queryset is None else queryset
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        # A UNION of two index lookups rather than "claim matches OR EXISTS(article matches)":
        # under an OR PostgreSQL can use neither GIN index and computes both tsvectors per claim.
        in_claims = (
            Claim.objects.annotate(_search=SearchVector("text", config=SEARCH_CONFIG))
            .filter(_search=query)
            .order_by()
            .values("pk")
        )
        in_articles = (
            Attribution.objects.annotate(
                _search=SearchVector("article__text", config=SEARCH_CONFIG)
            )
            .filter(_search=query)
            .order_by()
            .values("claim_id")
        )
        return queryset.filter(pk__in=in_claims.union(in_articles))
    words = text.split()
    in_claim = Q()
    in_article = Q()
    for word in words:
        in_claim &= Q(text__icontains=word)
        in_article &= Q(article__text__icontains=word)
    return queryset.filter(
        in_claim | Exists(Attribution.objects.filter(in_article, claim=OuterRef("pk")))
    )
