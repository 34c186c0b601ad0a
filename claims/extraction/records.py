"""What extraction returns: attributions with their speakers, and the article's own check-worthy
claims. All offsets are character offsets in the article text."""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.speakers import Speaker


@dataclass(frozen=True)
class Attribution:
    content: str
    content_start: int
    content_end: int
    kind: str  # direct | indirect | mixed
    cue: str
    cue_start: int | None
    cue_end: int | None
    speaker: Speaker | None
    reported_by: int | None = None
    subject: str = ""
    confidence: float = 0.5
    # Sub-spans of the content that are the speaker's words, when the content runs over words
    # that are not (“X,” he said. “Y.”); empty when the whole content is theirs.
    parts: tuple[tuple[int, int], ...] = ()
    cue_kind: str = "speech"  # see cues.CUE_KINDS
    # The statement as a claim: the speaker's words without a leading "that" and without the
    # punctuation and quote marks around them (the spans keep the exact words).
    claim_text: str = ""
    checkworthiness: float = 0.0


@dataclass(frozen=True)
class CheckworthyClaim:
    text: str
    start: int
    end: int
    checkworthiness: float


@dataclass(frozen=True)
class ExtractionResult:
    attributions: list[Attribution]
    claims: list[CheckworthyClaim]
