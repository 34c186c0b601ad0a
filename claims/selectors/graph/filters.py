"""Which rows the graph reads: rows whose column is one of a set of ids, and claims matching text."""

from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Lookup, Q
from django.db.models.sql.compiler import SQLCompiler

from claims.models import Claim
from claims.selectors.search import claim_search


class AnyOf(Lookup):
    """``column = ANY(%s::<column type>[])`` with the ids as one array parameter (PostgreSQL).

    ``__in`` writes one placeholder per id; with tens of thousands of ids psycopg spends longer
    splitting and quoting the query than PostgreSQL spends running it. The cast matters: psycopg
    sends small ints as ``int2[]``, and ``bigint = ANY(int2[])`` is a cross-type comparison that
    PostgreSQL cannot hash, so a scan would search the array linearly for every row. The array
    goes as its text form (``{1,2,3}``), which PostgreSQL's cast reads: psycopg quotes one string
    far faster than it dumps a list of ten thousand ints element by element.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        array_type = self.lhs.output_field.cast_db_type(connection)
        ids = "{" + ",".join(map(str, map(int, self.rhs))) + "}"
        return f"{lhs} = ANY(%s::{array_type}[])", (*params, ids)


def ids_filter(column: str, ids: set[int]) -> Q:
    """Rows whose ``column`` is one of ``ids``, in the cheapest form the database offers."""
    # An empty ``__in`` lets Django skip a query that cannot match; keep that for no ids.
    if ids and connection.vendor == "postgresql":
        return Q(AnyOf(F(column), sorted(ids)))
    return Q(**{f"{column}__in": ids})


def claim_seed_search(*, text: str, limit: int) -> tuple[list[int], bool]:
    """Ids of up to ``limit`` claims matching ``text`` (most checkworthy first), and whether
    there were more. Rejected and merged claims are not seeds."""
    matches = claim_search(
        queryset=Claim.objects.exclude(status__in=[Claim.Status.REJECTED, Claim.Status.MERGED]),
        text=text,
    ).order_by("-checkworthiness", "-id")
    ids = list(matches.values_list("id", flat=True)[: limit + 1])
    return ids[:limit], len(ids) > limit
