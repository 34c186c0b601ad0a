"""Which articles the extractor reads: the rule ingestion (every way in) and extraction share."""

from django.conf import settings

from articles.language import is_english, not_english_reason


def too_long_reason(length: int) -> str:
    """What a skipped article's ``error`` says when its text is over ``EXTRACT_MAX_CHARS``."""
    return (
        f"The text is {length:,} characters long; the extractor reads at most "
        f"{settings.EXTRACT_MAX_CHARS:,} (EXTRACT_MAX_CHARS). It is stored but not extracted."
    )


def skip_reason(*, text: str, language: str) -> str | None:
    """Why an article with this clean text and language is skipped, or None if it is read."""
    if not is_english(language):
        return not_english_reason(language)
    if len(text) > settings.EXTRACT_MAX_CHARS:
        return too_long_reason(len(text))
    return None
