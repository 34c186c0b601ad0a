"""The state of the breadth-first walk: nodes reached, the frontier to expand next, edges seen."""

from collections.abc import Hashable, Iterable

from claims.selectors.graph.types import AppearsInEdge, Edge, RowKind

Frontier = dict[RowKind, set[int]]


def frontier_empty() -> Frontier:
    return {"article": set(), "claim": set(), "source": set()}


class GraphBuilder:
    """Keeps the node ids reached so far, the frontier per type and the edges seen."""

    def __init__(self, *, limit: int):
        self.limit = limit
        self.ids: Frontier = frontier_empty()
        self.frontier: Frontier = frontier_empty()
        self.edges: list[Edge] = []
        self.seen_edges: set[Hashable] = set()
        self.appears_in: dict[tuple[int, int], AppearsInEdge] = {}
        self.attributions_done: set[int] = set()  # attributions with all their edges built
        self.truncated = False
        self.growing = True
        self.size = 0  # articles, claims and sources reached: len() of every set, kept up to date

    def reach(self, refs: Iterable[tuple[RowKind, int | None]]) -> bool:
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

    def add_edge(self, key: Hashable, edge: Edge) -> None:
        if key not in self.seen_edges:
            self.seen_edges.add(key)
            self.edges.append(edge)

    def next_frontier(self) -> Frontier:
        frontier = self.frontier
        self.frontier = frontier_empty()
        return frontier
