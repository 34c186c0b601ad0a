"""The claim graph: who said what, where it appeared, who supports or refutes it, what contradicts it.

Nodes (ids are ``"<type>:<key>"``):

- ``article:<id>``, ``claim:<id>``, ``source:<id>`` with a label and a few key fields;
- ``outlet:<name>``, one per outlet name of the articles in the graph.

Edges (``type``, from -> to):

- ``said``: source -> claim, one per attribution with a speaker (attribution id, kind, cue, article,
  content span, speaker mention, subject, reported_by);
- ``appears_in``: claim -> article, one per claim and article (the attributions carrying it);
- ``reported_by``: reporter -> reported, one per attribution that has an outer attribution
  (``reported_by``). It goes from the outer attribution's speaker (the spokesman) to the inner
  attribution's speaker (the minister) or, when the inner one has no speaker, to its claim; it names
  the inner and outer attributions and the claim. Read "Ryder reported Austin saying claim 5".
- ``stance``: source -> claim (``stance``: supports, refutes, discusses);
- ``relation``: claim -> claim (``relation``: contradicts, supports, same_as);
- ``affiliated_with``: source -> source (member -> organization);
- ``published_by``: article -> outlet.

Rejected attributions and rejected claims are left out.

Expansion is breadth-first from the seeds. One level takes a fixed number of queries whatever the
frontier's size (attributions, stances, relations, affiliations touching any node of the frontier),
and adds every node those rows reach. ``depth`` levels add nodes; one more pass over the last
frontier adds only the edges between nodes already in the graph, so edges among the nodes shown are
complete. Then one query per node type loads the node fields. With depth bounded to 1..3 the number of
queries is bounded too (at most 1 + 4 x 4 + 3 = 20). When ``limit`` nodes are reached no new node is
added, edges to nodes left out are dropped and ``truncated`` is set. ``limit`` counts articles,
claims and sources; outlet nodes (one per outlet name, no query) come on top.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Lookup, OuterRef, Q, Subquery

from articles.models import Article
from claims.models import Attribution, Claim, ClaimRelation, Source, Stance, Verdict
from claims.selectors.search import claim_search

MIN_DEPTH = 1
MAX_DEPTH = 3
DEFAULT_LIMIT = 2000
MAX_LIMIT = 10000


class GraphSeedNotFound(Exception):
    """A seed article, claim or source does not exist."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Graph:
    """Nodes keyed by node id, edges in discovery order, and whether the limit cut it short."""

    nodes: dict[str, dict] = field(default_factory=dict)
    edges: list[dict] = field(default_factory=list)
    truncated: bool = False

    def as_dict(self) -> dict:
        return {
            "nodes": list(self.nodes.values()),
            "edges": self.edges,
            "truncated": self.truncated,
        }


def node_id(kind: str, key) -> str:
    return f"{kind}:{key}"


class _Builder:
    """Keeps the node ids reached so far, the frontier per type and the edges seen."""

    def __init__(self, *, limit: int):
        self.limit = limit
        self.ids: dict[str, set[int]] = {"article": set(), "claim": set(), "source": set()}
        self.frontier: dict[str, set[int]] = {"article": set(), "claim": set(), "source": set()}
        self.edges: list[dict] = []
        self.seen_edges: set[tuple] = set()
        self.appears_in: dict[tuple[int, int], dict] = {}
        self.truncated = False
        self.growing = True
        self.size = 0  # articles, claims and sources reached: len() of every set, kept up to date

    def reach(self, refs: Iterable[tuple[str, int | None]]) -> bool:
        """Add the nodes ``refs`` together, or none of them; True when all are in the graph."""
        ids = self.ids
        # Most rows touch nodes already reached: check before building anything.
        new = None
        for kind, key in refs:
            if key is not None and key not in ids[kind]:
                if new is None:
                    new = set()
                new.add((kind, key))
        if new is None:
            return True
        if not self.growing:
            return False
        if self.size + len(new) > self.limit:
            self.truncated = True
            return False
        self.size += len(new)
        for kind, key in new:
            self.ids[kind].add(key)
            self.frontier[kind].add(key)
        return True

    def add_edge(self, key: tuple, edge: dict) -> None:
        if key not in self.seen_edges:
            self.seen_edges.add(key)
            self.edges.append(edge)

    def next_frontier(self) -> dict[str, set[int]]:
        frontier = self.frontier
        self.frontier = {"article": set(), "claim": set(), "source": set()}
        return frontier


class _AnyOf(Lookup):
    """``column = ANY(%s::<column type>[])`` with the ids as one array parameter (PostgreSQL).

    ``__in`` writes one placeholder per id; with tens of thousands of ids psycopg spends longer
    splitting and quoting the query than PostgreSQL spends running it. The cast matters: psycopg
    sends small ints as ``int2[]``, and ``bigint = ANY(int2[])`` is a cross-type comparison that
    PostgreSQL cannot hash, so a scan would search the array linearly for every row.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        array_type = self.lhs.output_field.cast_db_type(connection)
        return f"{lhs} = ANY(%s::{array_type}[])", [*params, self.rhs]


def _one_of(column: str, ids: set[int]) -> Q:
    """Rows whose ``column`` is one of ``ids``, in the cheapest form the database offers."""
    # An empty ``__in`` lets Django skip a query that cannot match; keep that for no ids.
    if ids and connection.vendor == "postgresql":
        return Q(_AnyOf(F(column), sorted(ids)))
    return Q(**{f"{column}__in": ids})


ATTRIBUTION_FIELDS = (
    "id",
    "article_id",
    "claim_id",
    "speaker_id",
    "subject_id",
    "kind",
    "cue",
    "content_start",
    "content_end",
    "speaker_mention",
    "confidence",
    "review_state",
    "reported_by_id",
    "reported_by__speaker_id",
)


def _expand(builder: _Builder, frontier: dict[str, set[int]]) -> None:
    """One breadth-first level: four queries, whatever the frontier's size."""
    articles, claims, sources = frontier["article"], frontier["claim"], frontier["source"]

    touching = _one_of("article_id", articles) | _one_of("claim_id", claims)
    touching |= _one_of("speaker_id", sources) | _one_of("subject_id", sources)
    attributions = (
        Attribution.objects.filter(touching)
        .exclude(review_state=Attribution.ReviewState.REJECTED)
        .exclude(claim__status=Claim.Status.REJECTED)
        .order_by("article_id", "content_start", "id")
        .values_list(*ATTRIBUTION_FIELDS)
    )
    for row in attributions:
        _add_attribution(builder, row)

    stances = (
        Stance.objects.filter(_one_of("claim_id", claims) | _one_of("source_id", sources))
        .exclude(claim__status=Claim.Status.REJECTED)
        .order_by("id")
        .values_list("id", "source_id", "claim_id", "stance", "attribution_id", "evidence_id")
    )
    for stance_id, source_id, claim_id, position, attribution_id, evidence_id in stances:
        if builder.reach([("source", source_id), ("claim", claim_id)]):
            builder.add_edge(
                ("stance", stance_id),
                {
                    "id": f"stance:{stance_id}",
                    "type": "stance",
                    "source": node_id("source", source_id),
                    "target": node_id("claim", claim_id),
                    "stance": position,
                    "attribution": attribution_id,
                    "evidence": evidence_id,
                },
            )

    relations = (
        ClaimRelation.objects.filter(
            _one_of("from_claim_id", claims) | _one_of("to_claim_id", claims)
        )
        .exclude(from_claim__status=Claim.Status.REJECTED)
        .exclude(to_claim__status=Claim.Status.REJECTED)
        .order_by("id")
        .values_list("id", "from_claim_id", "to_claim_id", "relation")
    )
    for relation_id, from_id, to_id, relation in relations:
        if builder.reach([("claim", from_id), ("claim", to_id)]):
            builder.add_edge(
                ("relation", relation_id),
                {
                    "id": f"relation:{relation_id}",
                    "type": "relation",
                    "source": node_id("claim", from_id),
                    "target": node_id("claim", to_id),
                    "relation": relation,
                },
            )

    affiliations = (
        Source.objects.filter(
            (_one_of("id", sources) & Q(affiliation_id__isnull=False))
            | _one_of("affiliation_id", sources)
        )
        .order_by("id")
        .values_list("id", "affiliation_id")
    )
    for member_id, organization_id in affiliations:
        if builder.reach([("source", member_id), ("source", organization_id)]):
            builder.add_edge(
                ("affiliated_with", member_id),
                {
                    "id": f"affiliated_with:{member_id}:{organization_id}",
                    "type": "affiliated_with",
                    "source": node_id("source", member_id),
                    "target": node_id("source", organization_id),
                },
            )


def _add_attribution(builder: _Builder, row: tuple) -> None:
    """The edges of one attribution row (``ATTRIBUTION_FIELDS``), when its nodes fit the graph."""
    (
        attribution_id,
        article_id,
        claim_id,
        speaker_id,
        subject_id,
        kind,
        cue,
        content_start,
        content_end,
        speaker_mention,
        confidence,
        review_state,
        reported_by_id,
        reporter_id,
    ) = row
    refs = (
        ("article", article_id),
        ("claim", claim_id),
        ("source", speaker_id),
        ("source", subject_id),
    )
    if not builder.reach(refs):
        return
    claim = f"claim:{claim_id}"
    article = f"article:{article_id}"
    speaker = f"source:{speaker_id}" if speaker_id is not None else None

    pair = (claim_id, article_id)
    appears = builder.appears_in.get(pair)
    if appears is None:
        appears = {
            "id": f"appears_in:{claim_id}:{article_id}",
            "type": "appears_in",
            "source": claim,
            "target": article,
            "attributions": [],
        }
        builder.appears_in[pair] = appears
        builder.add_edge(("appears_in", *pair), appears)
    if attribution_id not in appears["attributions"]:
        appears["attributions"].append(attribution_id)

    # An attribution comes back at every level that touches it: build its edges once.
    said = ("said", attribution_id)
    if speaker is not None and said not in builder.seen_edges:
        builder.add_edge(
            said,
            {
                "id": f"said:{attribution_id}",
                "type": "said",
                "source": speaker,
                "target": claim,
                "attribution": attribution_id,
                "kind": kind,
                "cue": cue,
                "article": article,
                "span": [content_start, content_end],
                "speaker_mention": speaker_mention,
                "subject": f"source:{subject_id}" if subject_id else None,
                "reported_by": reported_by_id,
                "confidence": confidence,
                "review_state": review_state,
            },
        )

    reported = ("reported_by", attribution_id)
    if (
        reported_by_id is not None
        and reporter_id is not None
        and reported not in builder.seen_edges
    ):
        if not builder.reach((("source", reporter_id),)):
            return
        builder.add_edge(
            reported,
            {
                "id": f"reported_by:{attribution_id}",
                "type": "reported_by",
                "source": f"source:{reporter_id}",
                "target": speaker if speaker is not None else claim,
                "attribution": attribution_id,
                "reported_by": reported_by_id,
                "claim": claim,
                "article": article,
            },
        )


def _article_nodes(ids: set[int]) -> list[dict]:
    rows = (
        Article.objects.filter(_one_of("id", ids))
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


def _claim_nodes(ids: set[int]) -> list[dict]:
    published = Verdict.objects.filter(
        claim=OuterRef("pk"), status=Verdict.Status.PUBLISHED
    ).order_by("-published_at")
    rows = (
        Claim.objects.filter(_one_of("id", ids))
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


def _source_nodes(ids: set[int]) -> list[dict]:
    rows = (
        Source.objects.filter(_one_of("id", ids))
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


def _seed_claims(text: str, limit: int) -> tuple[list[int], bool]:
    matches = claim_search(
        queryset=Claim.objects.exclude(status__in=[Claim.Status.REJECTED, Claim.Status.MERGED]),
        text=text,
    ).order_by("-checkworthiness", "-id")
    ids = list(matches.values_list("id", flat=True)[: limit + 1])
    return ids[:limit], len(ids) > limit


def claim_graph(
    *,
    article_ids: Iterable[int] = (),
    claim_ids: Iterable[int] = (),
    source_ids: Iterable[int] = (),
    text: str = "",
    depth: int = 1,
    limit: int = DEFAULT_LIMIT,
) -> Graph:
    """The graph around the seeds (articles, claims, sources, and claims matching ``text``).

    Seeds that do not exist raise GraphSeedNotFound (a missing seed is an error, not an empty
    graph). ``depth`` (1..3) and ``limit`` (1..MAX_LIMIT nodes) must be checked by the caller.
    """
    if not MIN_DEPTH <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must lie between {MIN_DEPTH} and {MAX_DEPTH}")
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must lie between 1 and {MAX_LIMIT}")
    builder = _Builder(limit=limit)
    seeds = [
        *(("article", int(pk)) for pk in article_ids),
        *(("claim", int(pk)) for pk in claim_ids),
        *(("source", int(pk)) for pk in source_ids),
    ]
    if text.strip():
        matched, cut = _seed_claims(text, limit)
        seeds.extend(("claim", pk) for pk in matched)
        builder.truncated = cut
    for kind, pk in seeds:
        if not builder.reach([(kind, pk)]):
            break
    seed_ids = {kind: set(ids) for kind, ids in builder.ids.items()}

    for _level in range(depth):
        frontier = builder.next_frontier()
        if not any(frontier.values()):
            break
        _expand(builder, frontier)
    # The last pass adds no node: it completes the edges between the nodes already reached.
    builder.growing = False
    frontier = builder.next_frontier()
    if any(frontier.values()):
        _expand(builder, frontier)

    articles = _article_nodes(builder.ids["article"])
    claims = _claim_nodes(builder.ids["claim"])
    sources = _source_nodes(builder.ids["source"])
    for kind, nodes in (("article", articles), ("claim", claims), ("source", sources)):
        missing = seed_ids[kind] - {node["pk"] for node in nodes}
        if missing:
            raise GraphSeedNotFound(
                f"No {kind} with id {', '.join(str(pk) for pk in sorted(missing))}"
            )

    graph = Graph(truncated=builder.truncated)
    for node in [*articles, *claims, *sources]:
        graph.nodes[node["id"]] = node
    outlet_edges = []
    for article in articles:
        if article["outlet"]:
            outlet = node_id("outlet", article["outlet"])
            graph.nodes.setdefault(
                outlet,
                {
                    "id": outlet,
                    "type": "outlet",
                    "label": article["outlet"],
                    "name": article["outlet"],
                },
            )
            outlet_edges.append(
                {
                    "id": f"published_by:{article['pk']}",
                    "type": "published_by",
                    "source": article["id"],
                    "target": outlet,
                }
            )
    graph.edges = [*builder.edges, *outlet_edges]
    return graph
