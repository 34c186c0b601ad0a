"""Krippendorff's alpha for the blind double review: how far reviewers agree beyond chance.

alpha = 1 - D_o / D_e, computed from the coincidence matrix of the values each unit (claim) got:
D_o is the disagreement observed within units, D_e the disagreement expected if the same values
had been paired at random. Rating values are ordinal (or interval, when the scale's steps are
equally far apart). Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations, permutations


def _interval(c: float, k: float, totals: Mapping[float, float]) -> float:
    return (c - k) ** 2


def _ordinal(c: float, k: float, totals: Mapping[float, float]) -> float:
    low, high = min(c, k), max(c, k)
    between = sum(n for value, n in totals.items() if low <= value <= high)
    return (between - (totals[c] + totals[k]) / 2) ** 2


METRICS = {"interval": _interval, "ordinal": _ordinal}


def krippendorff_alpha(units: Iterable[Iterable[float]], metric: str = "ordinal") -> float | None:
    """Alpha over ``units``, each the values its coders gave (missing values simply absent).

    Units with fewer than two values carry no pairing information and are skipped. Returns None
    when alpha is undefined: no pairable values, or every value the same (no expected
    disagreement).
    """
    distance = METRICS[metric]
    coincidences: dict[tuple[float, float], float] = defaultdict(float)
    for unit in units:
        values = list(unit)
        if len(values) < 2:
            continue
        for c, k in permutations(values, 2):
            coincidences[(c, k)] += 1 / (len(values) - 1)
    totals: defaultdict[float, float] = defaultdict(float)
    for (c, _k), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    if n <= 1 or len(totals) < 2:
        return None
    observed = sum(w * distance(c, k, totals) for (c, k), w in coincidences.items())
    expected = sum(
        totals[c] * totals[k] * distance(c, k, totals) for c, k in permutations(totals, 2)
    )
    return 1 - (n - 1) * observed / expected


def pairwise_agreement(
    ratings: Iterable[tuple[int, object, float]], metric: str = "ordinal"
) -> list[dict]:
    """Alpha per pair of reviewers, over the claims both rated.

    ``ratings`` are (claim id, reviewer, value) triples; returns one dict per pair that shares at
    least one claim: ``{"reviewers": (a, b), "claims": n, "disagreements": d, "alpha": a|None}``.
    """
    by_claim: dict[int, dict[object, float]] = defaultdict(dict)
    for claim_id, reviewer, value in ratings:
        by_claim[claim_id][reviewer] = value
    shared: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for values in by_claim.values():
        for a, b in combinations(sorted(values, key=str), 2):
            shared[(a, b)].append((values[a], values[b]))
    return [
        {
            "reviewers": pair,
            "claims": len(units),
            "disagreements": sum(1 for x, y in units if x != y),
            "alpha": krippendorff_alpha(units, metric),
        }
        for pair, units in sorted(shared.items(), key=lambda item: [str(r) for r in item[0]])
    ]
