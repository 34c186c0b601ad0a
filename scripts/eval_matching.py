"""Quality of claim matching and drift on controlled edits of real quotes.

Usage: ``DEBUG=1 .venv/bin/python scripts/eval_matching.py [--split dev|train] [--limit 600]``

The quotes are the annotated attribution contents of ``../shared/eval-<split>/gold.jsonl``
(PolNeAR; 8 to 40 words). Each quote is paired with edits made here, each with the outcome and
drift class it should get:

- a word of no weight dropped (an article, "that", "very"): the same claim, other wording;
- a qualifier dropped ("about", "nearly", "only", ...): the same claim, qualifier dropped;
- a number changed: a suggestion, number; a negation added (or dropped): a suggestion, negation;
- a capitalized name swapped for another quote's name: a suggestion, named entity;
- the same words from another speaker: a suggestion;
- another quote of the corpus: unrelated.

Precision and recall are printed for "same claim", for suggestions, and for each drift class.

With ``--index`` the quotes are also stored as claims in the configured database (in a
transaction rolled back at the end) and each edit that should be the same claim or a suggestion
is looked up through the matching index: the share for which the index proposes the quote's claim
among its candidates (its recall), and the same for looser rewordings (every third word dropped,
every fourth word dropped and the quote's second half cut).

With ``--recurring`` it measures real recurrences instead: annotated statements of ``eval-train``
and ``eval-dev`` that come back in another article (PolNeAR's outlets covering the same events),
found by rapidfuzz's token-set ratio (at least 80) among statements sharing four or more
uncommon words. Those with the same words (case, punctuation and quote marks aside) should be the
same claim; for the others it prints what matching makes of them and which changes drift flags,
and ``--show N`` prints N of them to read.
"""

import argparse
import json
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LIGHT = ["the", "a", "an", "that", "very", "really", "also"]
QUALIFIERS = ["about", "nearly", "almost", "only", "around", "roughly", "more than", "probably"]
NUMBER = re.compile(r"\b\d[\d,.]*\b")


def quotes(split: str, limit: int) -> list[str]:
    found = []
    with open(SHARED / f"eval-{split}" / "gold.jsonl", encoding="utf-8") as lines:
        for line in lines:
            for attribution in json.loads(line)["attributions"]:
                words = attribution["content"].split()
                if 8 <= len(words) <= 40:
                    found.append(" ".join(words))
    random.Random(5).shuffle(found)
    return found[:limit]


def edits(quote: str, other: str, rng: random.Random) -> list[tuple[str, str, str, bool]]:
    """(kind, edited text, expected outcome, same speaker) for each edit that applies."""
    words = quote.split()
    made = []
    light = [i for i, w in enumerate(words) if w.lower() in LIGHT]
    if light:
        i = rng.choice(light)
        made.append(("other_wording", " ".join(words[:i] + words[i + 1 :]), "same", True))
    for qualifier in QUALIFIERS:
        if f" {qualifier} " in f" {quote} ":
            dropped = f" {quote} ".replace(f" {qualifier} ", " ", 1).strip()
            made.append(("qualifier_dropped", dropped, "same", True))
            break
    number = NUMBER.search(quote)
    if number:
        value = number.group().replace(",", "")
        changed = str(int(float(value)) + 7) if value.replace(".", "").isdigit() else "12"
        made.append(
            ("number", quote[: number.start()] + changed + quote[number.end() :], "similar", True)
        )
    for verb in (" is ", " are ", " was ", " will ", " would ", " can ", " has ", " have "):
        if verb in quote:
            made.append(("negation", quote.replace(verb, f"{verb}not ", 1), "similar", True))
            break
    names = [w for w in words[1:] if w[:1].isupper() and w.isalpha() and len(w) > 3]
    others = [w for w in other.split()[1:] if w[:1].isupper() and w.isalpha() and len(w) > 3]
    swaps = [o for o in others if o not in names]
    if names and swaps:
        made.append(
            ("named_entity", quote.replace(names[0], rng.choice(swaps), 1), "similar", True)
        )
    made.append(("speaker", quote, "similar", False))
    made.append(("unrelated", other, "unrelated", True))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--index", action="store_true", help="measure the index's recall too")
    parser.add_argument("--recurring", action="store_true", help="real recurrences across articles")
    parser.add_argument("--show", type=int, default=0, help="with --recurring: pairs to print")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from claims.matching.drift import Change, drift
    from claims.matching.similarity import compare
    from claims.matching.words import Words

    if args.recurring:
        recurring(args.show)
        return
    rng = random.Random(9)
    found = quotes(args.split, args.limit)
    outcomes: Counter[tuple[str, str]] = Counter()  # (expected, got)
    classes: Counter[tuple[str, str]] = Counter()  # (class, tp/fp/fn)
    for index, quote in enumerate(found):
        other = found[(index + 1) % len(found)]
        for kind, edited, expected, same_speaker in edits(quote, other, rng):
            got = compare(Words.of(quote), Words.of(edited), same_speaker=same_speaker).outcome
            outcomes[(expected, got.value)] += 1
            if kind in ("speaker", "unrelated"):
                continue
            changes = set(drift(quote, edited).changes)
            for change in Change:
                wanted, flagged = change.value == kind, change.value in changes
                if wanted and flagged:
                    classes[(change.value, "tp")] += 1
                elif flagged:
                    classes[(change.value, "fp")] += 1
                elif wanted:
                    classes[(change.value, "fn")] += 1
    if args.index:
        index_recall(found, rng)
    total = sum(outcomes.values())
    print(f"{len(found)} quotes of the {args.split} split, {total} pairs")
    for outcome, label in (("same", "same claim"), ("similar", "suggestion")):
        tp = outcomes[(outcome, outcome)]
        predicted = sum(n for (_e, g), n in outcomes.items() if g == outcome)
        actual = sum(n for (e, _g), n in outcomes.items() if e == outcome)
        print(f"{label:22} P {tp / max(predicted, 1):.3f}  R {tp / max(actual, 1):.3f}  ({actual})")
    merged_wrongly = sum(n for (e, g), n in outcomes.items() if e == "similar" and g == "same")
    print(f"hard differences merged as the same claim: {merged_wrongly}")
    for change in Change:
        tp, fp, fn = (classes[(change.value, k)] for k in ("tp", "fp", "fn"))
        if tp + fp + fn:
            print(
                f"drift {change.value:16} P {tp / max(tp + fp, 1):.3f}  "
                f"R {tp / max(tp + fn, 1):.3f}  ({tp + fn})"
            )


class _RolledBack(Exception):
    pass


def index_recall(found: list[str], rng: random.Random) -> None:
    """Print the share of wanted edits whose quote the matching index proposes as a candidate."""
    from django.conf import settings
    from django.db import connection, transaction

    from claims.matching.index import candidate_ids
    from claims.matching.words import match_key
    from claims.models import Claim

    probes: list[tuple[str, int, str]] = []  # (kind, claim index, text)
    for index, quote in enumerate(found):
        other = found[(index + 1) % len(found)]
        for kind, edited, expected, _same in edits(quote, other, rng):
            if expected != "unrelated":
                probes.append((kind, index, edited))
        words = quote.split()
        probes.append(("third_dropped", index, " ".join(w for i, w in enumerate(words) if i % 3)))
        half = [w for i, w in enumerate(words) if i % 4][: max(4, len(words) // 2)]
        probes.append(("half_kept", index, " ".join(half)))
    hits: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    try:
        with transaction.atomic():
            ids = []
            for quote in found:
                claim = Claim(text=quote)
                claim.save()
                ids.append(claim.pk)
            keys = [match_key(text) for _kind, _index, text in probes]
            proposed = candidate_ids(keys, k=settings.MATCH_CANDIDATES)
            for (kind, index, _text), candidates in zip(probes, proposed, strict=True):
                tried[kind] += 1
                hits[kind] += ids[index] in candidates
            raise _RolledBack
    except _RolledBack:
        pass
    print(f"index recall ({connection.vendor}, top {settings.MATCH_CANDIDATES}):")
    for kind in tried:
        print(f"  {kind:22} {hits[kind] / tried[kind]:.3f}  ({tried[kind]})")


def _statements() -> list[tuple[str, str]]:
    """(article id, content) of every annotated statement of 8 to 60 words, train and dev."""
    found = []
    for split in ("train", "dev"):
        with open(SHARED / f"eval-{split}" / "gold.jsonl", encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                for attribution in article["attributions"]:
                    if 8 <= len(attribution["content"].split()) <= 60:
                        found.append((article["id"], attribution["content"]))
    return found


def recurrences(statements: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of statements of different articles saying nearly the same words."""
    from rapidfuzz import fuzz

    words = [{w.lower() for w in re.findall(r"\w+", text) if len(w) > 3} for _a, text in statements]
    texts = [text for _a, text in statements]
    holders: dict[str, list[int]] = {}
    for index, found in enumerate(words):
        for word in found:
            holders.setdefault(word, []).append(index)
    pairs = []
    for i, found in enumerate(words):
        shared: Counter[int] = Counter()
        for word in found:
            if len(holders[word]) < 200:  # uncommon words only
                shared.update(j for j in holders[word] if j > i)
        for j, n in shared.items():
            other_article = statements[i][0] != statements[j][0]
            if n >= 4 and other_article and fuzz.token_set_ratio(texts[i], texts[j]) >= 80:
                pairs.append((i, j))
    return sorted(set(pairs))


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'")))


def recurring(show: int) -> None:
    from claims.matching.drift import drift
    from claims.matching.similarity import compare
    from claims.matching.words import Words

    statements = _statements()
    pairs = recurrences(statements)
    exact = [(i, j) for i, j in pairs if _plain(statements[i][1]) == _plain(statements[j][1])]
    reworded = [(i, j) for i, j in pairs if (i, j) not in set(exact)]
    print(f"{len(statements)} statements, {len(pairs)} recurring across articles:")
    for label, group in (("same words", exact), ("other words", reworded)):
        got = Counter(
            compare(
                Words.of(statements[i][1]), Words.of(statements[j][1]), same_speaker=True
            ).outcome.value
            for i, j in group
        )
        shares = ", ".join(f"{k} {n / max(len(group), 1):.3f}" for k, n in sorted(got.items()))
        print(f"  {label:12} ({len(group)}): {shares}")
    changes: Counter[str] = Counter(
        c for i, j in reworded for c in drift(statements[i][1], statements[j][1]).changes
    )
    print(
        "  drift flagged on the reworded: "
        + ", ".join(f"{c} {n}" for c, n in changes.most_common())
    )
    for i, j in random.Random(3).sample(reworded, min(show, len(reworded))):
        result = compare(Words.of(statements[i][1]), Words.of(statements[j][1]), same_speaker=True)
        print(
            f"\n[{result.outcome.value} {result.score:.2f}] {', '.join(drift(statements[i][1], statements[j][1]).changes)}"
        )
        print(f"  {statements[i][1]}\n  {statements[j][1]}")


if __name__ == "__main__":
    main()
