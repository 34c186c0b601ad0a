"""Claim and attribution extraction: the public API used by the services, tasks and commands."""

from claims.extraction.pipeline import (
    EXTRACTOR_VERSION,
    Attribution,
    CheckworthyClaim,
    ExtractionResult,
    extract,
    extract_many,
    load_nlp,
)
from claims.extraction.speakers import Speaker

__all__ = [
    "EXTRACTOR_VERSION",
    "Attribution",
    "CheckworthyClaim",
    "ExtractionResult",
    "Speaker",
    "extract",
    "extract_many",
    "load_nlp",
]
