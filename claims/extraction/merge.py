"""The attributions of a whole article put together: one per content span, and each cue that
stands inside another attribution's content linked to it as reported by that speaker."""

from __future__ import annotations

from dataclasses import replace

from claims.extraction.records import Attribution


def dedupe(attributions: list[Attribution]) -> list[Attribution]:
    """The surest attribution of each content span, in text order."""
    seen: dict[tuple[int, int], Attribution] = {}
    for att in attributions:
        key = (att.content_start, att.content_end)
        if key not in seen or att.confidence > seen[key].confidence:
            seen[key] = att
    return sorted(seen.values(), key=lambda a: (a.content_start, a.content_end))


def fold_nested(attributions: list[Attribution]) -> list[Attribution]:
    """One attribution per stretch of text: content lying inside another attribution's content
    ("X said Y has promised to Z", a cue inside a quote) is part of that report, not a report of
    its own; the inner speaker is kept as the outer one's subject. One sweep in order of start
    (longest first) with the span reaching furthest right so far finds every container."""
    kept: list[Attribution] = []
    widest = -1  # index in `kept` of the span reaching furthest right
    for att in sorted(attributions, key=lambda a: (a.content_start, -a.content_end)):
        if widest >= 0 and att.content_end <= kept[widest].content_end:
            outer = kept[widest]
            inner_name = att.speaker.name if att.speaker else ""
            outer_name = outer.speaker.name if outer.speaker else ""
            if inner_name and inner_name != outer_name and not outer.subject:
                kept[widest] = replace(outer, subject=inner_name)
            continue
        kept.append(att)
        widest = len(kept) - 1
    return kept


def _length(att: Attribution) -> int:
    return att.content_end - att.content_start


def _reporters(attributions: list[Attribution]) -> dict[int, int]:
    """Index of each attribution whose cue lies inside a longer one's content -> the index of
    the shortest such content. One sweep over the cues in text order keeps only the contents
    that span the current cue, so a long article costs no more per cue than a short one."""
    by_start = sorted(range(len(attributions)), key=lambda k: attributions[k].content_start)
    cues = sorted(
        (att.cue_start, i) for i, att in enumerate(attributions) if att.cue_start is not None
    )
    found: dict[int, int] = {}
    active: list[int] = []
    taken = 0
    for cue, i in cues:
        while taken < len(by_start) and attributions[by_start[taken]].content_start <= cue:
            active.append(by_start[taken])
            taken += 1
        active = [k for k in active if attributions[k].content_end > cue]
        length = _length(attributions[i])
        outers = [k for k in active if k != i and _length(attributions[k]) > length]
        if outers:
            found[i] = min(outers, key=lambda k: (_length(attributions[k]), k))
    return found


def link_nested(attributions: list[Attribution]) -> list[Attribution]:
    """A cue inside another attribution's content is reported by it (the spokesman's)."""
    out = list(attributions)
    reporters = _reporters(out)
    for i in sorted(reporters):
        inner, j = out[i], reporters[i]
        # Second-hand speech is less sure than what the outer speaker said.
        out[i] = replace(out[i], reported_by=j, confidence=round(out[i].confidence * 0.8, 3))
        outer = out[j]
        inner_name = inner.speaker.name if inner.speaker else ""
        outer_name = outer.speaker.name if outer.speaker else ""
        if inner_name and inner_name != outer_name and not outer.subject:
            out[j] = replace(outer, subject=inner_name)
    return out
