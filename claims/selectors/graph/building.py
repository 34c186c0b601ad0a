"""``claim_graph``: the seeds, the breadth-first walk from them and the nodes it reached."""

from collections.abc import Iterable

from claims.selectors.graph.edges import graph_level_expand
from claims.selectors.graph.filters import claim_seed_search
from claims.selectors.graph.frontier import GraphBuilder
from claims.selectors.graph.nodes import (
    article_node_list,
    claim_node_list,
    outlet_node_list,
    source_node_list,
)
from claims.selectors.graph.types import ROW_KINDS, Graph, Node, RowKind

MIN_DEPTH = 1
MAX_DEPTH = 3
DEFAULT_LIMIT = 2000
MAX_LIMIT = 10000


class GraphSeedNotFound(Exception):
    """A seed article, claim or source does not exist."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
    builder = GraphBuilder(limit=limit)
    seeds: list[tuple[RowKind, int]] = [
        *(("article", int(pk)) for pk in article_ids),
        *(("claim", int(pk)) for pk in claim_ids),
        *(("source", int(pk)) for pk in source_ids),
    ]
    if text.strip():
        matched, cut = claim_seed_search(text=text, limit=limit)
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
        graph_level_expand(builder=builder, frontier=frontier)
    # The last pass adds no node: it completes the edges between the nodes already reached.
    builder.growing = False
    frontier = builder.next_frontier()
    if any(frontier.values()):
        graph_level_expand(builder=builder, frontier=frontier)

    articles = article_node_list(ids=builder.ids["article"])
    claims = claim_node_list(ids=builder.ids["claim"])
    sources = source_node_list(ids=builder.ids["source"])
    found = {
        "article": {node["pk"] for node in articles},
        "claim": {node["pk"] for node in claims},
        "source": {node["pk"] for node in sources},
    }
    for kind in ROW_KINDS:
        missing = seed_ids[kind] - found[kind]
        if missing:
            raise GraphSeedNotFound(
                f"No {kind} with id {', '.join(str(pk) for pk in sorted(missing))}"
            )

    outlets, published_by = outlet_node_list(articles=articles)
    nodes: list[Node] = [*articles, *claims, *sources, *outlets]
    return Graph(
        nodes={node["id"]: node for node in nodes},
        edges=[*builder.edges, *published_by],
        truncated=builder.truncated,
    )
