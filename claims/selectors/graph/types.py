"""The shapes of the claim graph: its nodes, its edges and the graph they make up."""

from dataclasses import dataclass, field
from typing import Literal, TypedDict

# Node types that are rows (an outlet is a name, not a row).
RowKind = Literal["article", "claim", "source"]
ROW_KINDS: tuple[RowKind, ...] = ("article", "claim", "source")


class ArticleNode(TypedDict):
    id: str
    type: Literal["article"]
    label: str
    pk: int
    title: str
    outlet: str
    url: str
    published_at: str | None
    language: str
    status: str


class ClaimNode(TypedDict):
    id: str
    type: Literal["claim"]
    label: str
    pk: int
    text: str
    status: str
    checkworthiness: float
    canonical: str | None
    verdict: int | None
    rating: str | None


class SourceNode(TypedDict):
    id: str
    type: Literal["source"]
    label: str
    pk: int
    name: str
    kind: str
    role: str
    disambiguation: str
    affiliation: str | None


class OutletNode(TypedDict):
    id: str
    type: Literal["outlet"]
    label: str
    name: str


Node = ArticleNode | ClaimNode | SourceNode | OutletNode


class SaidEdge(TypedDict):
    id: str
    type: Literal["said"]
    source: str
    target: str
    attribution: int
    kind: str
    cue: str
    article: str
    span: list[int]
    speaker_mention: str
    subject: str | None
    reported_by: int | None
    confidence: float
    review_state: str


class AppearsInEdge(TypedDict):
    id: str
    type: Literal["appears_in"]
    source: str
    target: str
    attributions: list[int]


class ReportedByEdge(TypedDict):
    id: str
    type: Literal["reported_by"]
    source: str
    target: str
    attribution: int
    reported_by: int
    claim: str
    article: str


class StanceEdge(TypedDict):
    id: str
    type: Literal["stance"]
    source: str
    target: str
    stance: str
    attribution: int | None
    evidence: int | None


class RelationEdge(TypedDict):
    id: str
    type: Literal["relation"]
    source: str
    target: str
    relation: str


class VariantOfEdge(TypedDict):
    id: str
    type: Literal["variant_of"]
    source: str
    target: str
    attribution: int
    base: int
    changes: list[str]
    severity: str
    drift: bool


class SimilarToEdge(TypedDict):
    id: str
    type: Literal["similar_to"]
    source: str
    target: str
    similarity: float


class AffiliatedWithEdge(TypedDict):
    id: str
    type: Literal["affiliated_with"]
    source: str
    target: str


class PublishedByEdge(TypedDict):
    id: str
    type: Literal["published_by"]
    source: str
    target: str


Edge = (
    SaidEdge
    | AppearsInEdge
    | ReportedByEdge
    | StanceEdge
    | RelationEdge
    | AffiliatedWithEdge
    | PublishedByEdge
    | VariantOfEdge
    | SimilarToEdge
)


class GraphDict(TypedDict):
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool


@dataclass
class Graph:
    """Nodes keyed by node id, edges in discovery order, and whether the limit cut it short."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False

    def as_dict(self) -> GraphDict:
        return {
            "nodes": list(self.nodes.values()),
            "edges": self.edges,
            "truncated": self.truncated,
        }


def node_id(kind: str, key: int | str) -> str:
    """The graph id of a node: ``"<type>:<key>"``."""
    return f"{kind}:{key}"
