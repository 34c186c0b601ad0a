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

Modules: ``building`` (``claim_graph``, the walk), ``edges`` (one level's queries), ``nodes`` (node
fields), ``filters`` (id lists and text seeds), ``frontier`` (the walk's state), ``types`` (shapes).
"""

from claims.selectors.graph.building import (
    DEFAULT_LIMIT,
    MAX_DEPTH,
    MAX_LIMIT,
    MIN_DEPTH,
    GraphSeedNotFound,
    claim_graph,
)
from claims.selectors.graph.types import Edge, Graph, GraphDict, Node

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_DEPTH",
    "MAX_LIMIT",
    "MIN_DEPTH",
    "Edge",
    "Graph",
    "GraphDict",
    "GraphSeedNotFound",
    "Node",
    "claim_graph",
]
