"""Check-worthy claims the article makes in its own voice: sentences outside every attribution
and quote that the check-worthiness model scores above its threshold."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from claims.extraction.checkworthiness import score_sentence, span_at, threshold
from claims.extraction.layout import in_spans, sentence_spans
from claims.extraction.records import Attribution, CheckworthyClaim


def own_claims(
    text: str,
    attributions: list[Attribution],
    headlines: list[tuple[int, int]],
    docs: Sequence[tuple[int, Doc]] = (),
) -> list[CheckworthyClaim]:
    """Sentences in the article's own voice worth checking."""
    covered = [(a.content_start, a.content_end) for a in attributions]
    covered += [
        (a.cue_start, a.cue_end)
        for a in attributions
        if a.cue_start is not None and a.cue_end is not None
    ]
    covered.sort()
    # Sentences come in text order, so one sweep keeps the covered spans that may still reach
    # the current sentence: linear in the article's length rather than sentences x spans.
    active: list[tuple[int, int]] = []
    taken = 0
    out = []
    for start, end in sentence_spans(text):
        while taken < len(covered) and covered[taken][0] < end:
            active.append(covered[taken])
            taken += 1
        active = [(s, e) for s, e in active if e > start]
        if end - start < 20 or in_spans(start, headlines):
            continue
        inside = [s for s, e in active if s < end]
        if inside:
            # "Chiefs spoke on Tuesday, discussing ...": the clause before the report is the
            # article's own statement.
            clause_end = text.rfind(",", start, min(inside))
            if clause_end == -1 or len(text[start:clause_end].split()) < 6:
                continue
            end = clause_end
        sentence = text[start:end]
        if any(c in sentence for c in '"“”'):
            continue
        parsed = span_at(docs, start, end)
        score = score_sentence(parsed if parsed is not None else sentence)
        if score >= threshold():
            out.append(CheckworthyClaim(sentence, start, end, round(score, 3)))
    return out
