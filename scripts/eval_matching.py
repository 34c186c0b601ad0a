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
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from claims.matching.drift import Change, drift
    from claims.matching.similarity import compare
    from claims.matching.words import Words

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


if __name__ == "__main__":
    main()
