"""What cleaning produces, and the one error it raises."""

import datetime
from dataclasses import dataclass

# Paragraphs of the clean text are joined with this; offsets everywhere count it.
PARAGRAPH_SEPARATOR = "\n\n"


class CleaningError(ValueError):
    """The document cannot be turned into text; the message says why, for a person to read."""


class EmptyDocument(CleaningError):
    pass


class BinaryDocument(CleaningError):
    pass


class UndecodableDocument(CleaningError):
    pass


@dataclass(frozen=True)
class CleanedDocument:
    title: str
    byline: str
    published: datetime.date | None
    text: str
    language: str  # ISO 639-1, or "" when it cannot be told
    outlet: str
    canonical_url: str
