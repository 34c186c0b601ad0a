"""One breadth-first level of the graph: the rows touching the frontier, turned into edges.

Six queries whatever the frontier's size (attributions, stances, relations, affiliations, variants
and open match suggestions touching any node of the frontier); every node those rows reach is added unless the builder stops growing.
"""

from typing import TypedDict, TypeVar

from django.db.models import Model, Q, QuerySet

from claims.models import (
    Attribution,
    Claim,
    ClaimRelation,
    ClaimSuggestion,
    ClaimVariant,
    Source,
    Stance,
)
from claims.selectors.graph.filters import ids_filter
from claims.selectors.graph.frontier import Frontier, GraphBuilder
from claims.selectors.graph.types import RowKind, node_id

M = TypeVar("M", bound=Model)

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
AttributionRow = tuple[
    int,
    int,
    int,
    int | None,
    int | None,
    str,
    str,
    int,
    int,
    str,
    float,
    str,
    int | None,
    int | None,
]


class EdgeEnds(TypedDict):
    """What every edge between two row nodes carries besides its type."""

    id: str
    source: str
    target: str


def _linked(
    builder: GraphBuilder,
    key: tuple[str, *tuple[int, ...]],
    source: tuple[RowKind, int],
    target: tuple[RowKind, int],
) -> EdgeEnds | None:
    """The id and ends of the edge ``key`` (its id is the key joined by colons) from ``source`` to
    ``target``, or None when the two nodes do not fit the graph."""
    if not builder.reach([source, target]):
        return None
    return {"id": ":".join(map(str, key)), "source": node_id(*source), "target": node_id(*target)}


def graph_level_expand(*, builder: GraphBuilder, frontier: Frontier) -> None:
    """Add the edges (and, while growing, the nodes) of every row touching ``frontier``."""
    attribution_edges_add(builder=builder, frontier=frontier)
    stance_edges_add(builder=builder, frontier=frontier)
    relation_edges_add(builder=builder, frontier=frontier)
    affiliation_edges_add(builder=builder, frontier=frontier)
    variant_edges_add(builder=builder, frontier=frontier)
    similar_edges_add(builder=builder, frontier=frontier)


def attribution_edges_add(*, builder: GraphBuilder, frontier: Frontier) -> None:
    """``appears_in``, ``said`` and ``reported_by`` edges of the attributions touching
    ``frontier``; rejected attributions and those of rejected claims are left out."""
    articles, claims, sources = frontier["article"], frontier["claim"], frontier["source"]
    touching = ids_filter("article_id", articles) | ids_filter("claim_id", claims)
    touching |= ids_filter("speaker_id", sources) | ids_filter("subject_id", sources)
    attributions = (
        Attribution.objects.filter(touching)
        .exclude(review_state=Attribution.ReviewState.REJECTED)
        .exclude(claim__status=Claim.Status.REJECTED)
        .order_by("article_id", "content_start", "id")
        .values_list(*ATTRIBUTION_FIELDS)
    )
    # Every level re-reads the attributions touching its frontier: most rows come back having had
    # all their edges built at an earlier level, and are skipped before being unpacked.
    done = builder.attributions_done
    for row in attributions:
        if row[0] not in done:
            _attribution_row_add(builder, row)


def _attribution_row_add(builder: GraphBuilder, row: AttributionRow) -> None:
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
    ids = builder.ids
    sources = ids["source"]
    # Most rows touch nodes already reached: test the sets before building the references.
    if not (
        article_id in ids["article"]
        and claim_id in ids["claim"]
        and (speaker_id is None or speaker_id in sources)
        and (subject_id is None or subject_id in sources)
    ) and not builder.reach(
        (
            ("article", article_id),
            ("claim", claim_id),
            ("source", speaker_id),
            ("source", subject_id),
        )
    ):
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
            return  # not done: tried again if the row comes back
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
    builder.attributions_done.add(attribution_id)


def stance_edges_add(*, builder: GraphBuilder, frontier: Frontier) -> None:
    """``stance`` edges (source -> claim) touching ``frontier``, but not on rejected claims."""
    stances = _on_unrejected_claims(
        Stance.objects.all(), "source_id", "source", frontier
    ).values_list("id", "source_id", "claim_id", "stance", "attribution_id", "evidence_id")
    for stance_id, source_id, claim_id, position, attribution_id, evidence_id in stances:
        key = ("stance", stance_id)
        if ends := _linked(builder, key, ("source", source_id), ("claim", claim_id)):
            builder.add_edge(
                key,
                {
                    **ends,
                    "type": "stance",
                    "stance": position,
                    "attribution": attribution_id,
                    "evidence": evidence_id,
                },
            )


def relation_edges_add(*, builder: GraphBuilder, frontier: Frontier) -> None:
    """``relation`` edges (claim -> claim) touching ``frontier``, between unrejected claims."""
    rejected = Claim.Status.REJECTED
    unrejected = ClaimRelation.objects.exclude(from_claim__status=rejected).exclude(
        to_claim__status=rejected
    )
    relations = _touching_claims(unrejected, "from_claim_id", "to_claim_id", frontier).values_list(
        "id", "from_claim_id", "to_claim_id", "relation"
    )
    for relation_id, from_id, to_id, relation in relations:
        key = ("relation", relation_id)
        if ends := _linked(builder, key, ("claim", from_id), ("claim", to_id)):
            builder.add_edge(key, {**ends, "type": "relation", "relation": relation})


def _on_unrejected_claims(
    rows: QuerySet[M], other: str, kind: RowKind, frontier: Frontier
) -> QuerySet[M]:
    """The ``rows`` (each on one claim) whose claim, or whose ``other`` end (a ``kind`` node), is in
    ``frontier``, leaving out rejected claims, in id order."""
    touching = ids_filter("claim_id", frontier["claim"]) | ids_filter(other, frontier[kind])
    return rows.filter(touching).exclude(claim__status=Claim.Status.REJECTED).order_by("id")


def _touching_claims(rows: QuerySet[M], first: str, second: str, frontier: Frontier) -> QuerySet[M]:
    """The ``rows`` linking two claims (``first`` and ``second``) either of which is in
    ``frontier``, in id order."""
    claims = frontier["claim"]
    return rows.filter(ids_filter(first, claims) | ids_filter(second, claims)).order_by("id")


def affiliation_edges_add(*, builder: GraphBuilder, frontier: Frontier) -> None:
    """``affiliated_with`` edges (member -> organization) of the sources of ``frontier``, either
    way round."""
    sources = frontier["source"]
    affiliations = (
        Source.objects.filter(
            (ids_filter("id", sources) & Q(affiliation_id__isnull=False))
            | ids_filter("affiliation_id", sources)
        )
        .order_by("id")
        .values_list("id", "affiliation_id")
    )
    for member_id, organization_id in affiliations:
        key = ("affiliated_with", member_id, organization_id)
        if ends := _linked(builder, key, ("source", member_id), ("source", organization_id)):
            builder.add_edge(key, {**ends, "type": "affiliated_with"})


def variant_edges_add(*, builder: GraphBuilder, frontier: Frontier) -> None:
    """``variant_of`` edges (article -> claim): the article carries the claim in other words,
    with what changed from the earlier wording it is compared with."""
    variants = _on_unrejected_claims(
        ClaimVariant.objects.all(), "attribution__article_id", "article", frontier
    ).values_list(
        "attribution_id",
        "attribution__article_id",
        "claim_id",
        "base_id",
        "changes",
        "severity",
        "is_drift",
    )
    for attribution_id, article_id, claim_id, base_id, changes, severity, is_drift in variants:
        key = ("variant_of", attribution_id)
        if ends := _linked(builder, key, ("article", article_id), ("claim", claim_id)):
            builder.add_edge(
                key,
                {
                    **ends,
                    "type": "variant_of",
                    "attribution": attribution_id,
                    "base": base_id,
                    "changes": changes,
                    "severity": severity,
                    "drift": is_drift,
                },
            )


def similar_edges_add(*, builder: GraphBuilder, frontier: Frontier) -> None:
    """``similar_to`` edges (claim -> older claim) of open match suggestions."""
    open_suggestions = ClaimSuggestion.objects.filter(state=ClaimSuggestion.State.OPEN)
    suggestions = _touching_claims(
        open_suggestions, "claim_id", "similar_id", frontier
    ).values_list("id", "claim_id", "similar_id", "similarity")
    for suggestion_id, claim_id, similar_id, similarity in suggestions:
        key = ("similar_to", suggestion_id)
        if ends := _linked(builder, key, ("claim", claim_id), ("claim", similar_id)):
            builder.add_edge(key, {**ends, "type": "similar_to", "similarity": similarity})
