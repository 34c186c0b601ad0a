"""Full-text search over claims and the articles they appear in, behind one selector.

On PostgreSQL this is real full-text search (``websearch_to_tsquery`` against English tsvectors, so
"missiles" finds "missile" and ``"exact phrase" -word`` works); on SQLite, which has no such thing
built in, every word of the query must appear (case-insensitive substring) in the claim text or in
the text of an article carrying the claim.
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
        in_articles = (
            Attribution.objects.filter(claim=OuterRef("pk"))
            .annotate(_article_search=SearchVector("article__text", config=SEARCH_CONFIG))
            .filter(_article_search=query)
        )
        return queryset.annotate(_claim_search=SearchVector("text", config=SEARCH_CONFIG)).filter(
            Q(_claim_search=query) | Exists(in_articles)
        )
    words = text.split()
    in_claim = Q()
    in_article = Q()
    for word in words:
        in_claim &= Q(text__icontains=word)
        in_article &= Q(article__text__icontains=word)
    return queryset.filter(
        in_claim | Exists(Attribution.objects.filter(in_article, claim=OuterRef("pk")))
    )
