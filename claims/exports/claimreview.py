"""Verdicts as schema.org ClaimReview JSON-LD, checked against Google's required fields.

Only published verdicts become ClaimReview documents: a draft has no public URL or publication
date, and handing an unapproved rating to Google Fact Check Tools would publish it. Every export
path therefore reads published verdicts only for this format (the editor page says so).

A document missing a field Google requires is never dropped silently: ``claimreview_problems``
names each one ("verdict 12: missing reviewRating.alternateName") and exports stop before writing
anything (``ClaimReviewInvalid``).
"""

import json
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from claims.exports.csv import PIECE_SIZE
from claims.exports.records import iso
from claims.models import Attribution, Source, Verdict

CONTEXT = "https://schema.org"
# Characters that could end the <script> element or open an HTML comment inside it; JSON lets
# them be written as \u escapes with the same meaning (as Django's json_script does).
HTML_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


class ClaimReviewInvalid(Exception):
    """Some verdicts cannot become valid ClaimReview; ``problems`` names each missing field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} ClaimReview problem(s): {shown}{more}")


def _compact(mapping: dict) -> dict:
    """Drop empty values: schema.org properties are optional unless validation says otherwise."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def _organization(name: str, url: str = "") -> dict:
    return _compact({"@type": "Organization", "name": name, "url": url})


def _speaker(source: Source) -> dict:
    if source.kind == Source.Kind.PERSON:
        return _compact({"@type": "Person", "name": source.name, "jobTitle": source.role})
    # Organizations have no job title; what they are goes in the description.
    return _compact(
        {
            "@type": "Organization",
            "name": source.name,
            "description": source.role,
            "url": source.url,
        }
    )


def _creative_work(attribution: Attribution) -> dict:
    article = attribution.article
    return _compact(
        {
            "@type": "CreativeWork",
            "url": article.url or article.canonical_url,
            "headline": article.title,
            "datePublished": iso(article.published_at),
            "publisher": _organization(article.outlet) if article.outlet else None,
        }
    )


def _claim_author(appearances: list[Attribution]) -> dict | None:
    """The first speaker; for a claim only ever made in an article's own voice, its outlet."""
    for attribution in appearances:
        if attribution.speaker:
            return _speaker(attribution.speaker)
    outlets = [a.article.outlet for a in appearances if a.article.outlet]
    return _organization(outlets[0]) if outlets else None


def claimreview_document(verdict: Verdict) -> dict:
    """One ClaimReview for a verdict loaded by ``verdict_export_queryset``."""
    appearances = verdict.claim.export_appearances
    rating = verdict.rating
    review_rating = None
    if rating is not None:
        review_rating = _compact(
            {
                "@type": "Rating",
                "ratingValue": rating.value,
                "bestRating": rating.scale.best,
                "worstRating": rating.scale.worst,
                "alternateName": rating.label,
                "name": rating.label,
            }
        )
    first = appearances[0] if appearances else None
    item_reviewed = _compact(
        {
            "@type": "Claim",
            "author": _claim_author(appearances),
            "datePublished": iso(first.article.published_at) if first else None,
            "firstAppearance": _creative_work(first) if first else None,
            "appearance": [_creative_work(a) for a in appearances],
        }
    )
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "url": verdict.public_url,
            "claimReviewed": verdict.claim.text,
            "datePublished": iso(verdict.published_at),
            "author": _organization(settings.PUBLISHER_NAME, settings.PUBLISHER_URL),
            "reviewRating": review_rating,
            "reviewBody": verdict.summary,
            "itemReviewed": item_reviewed,
        }
    )


def _missing(document: dict, path: str) -> bool:
    value = document
    for key in path.split("."):
        if not isinstance(value, dict) or value.get(key) in (None, "", [], {}):
            return True
        value = value[key]
    return False


REQUIRED = [
    "claimReviewed",
    "url",
    "datePublished",
    "author.name",
    "reviewRating",
    "reviewRating.alternateName",
    "itemReviewed",
]


def claimreview_problems(document: dict, *, label: str) -> list[str]:
    """What keeps ``document`` from being a valid ClaimReview for Google, prefixed by ``label``.

    Required: the fields in ``REQUIRED``; an absolute http(s) ``url``; ``itemReviewed`` typed
    Claim; and a numeric rating given whole (``ratingValue`` with ``bestRating`` and
    ``worstRating``) and within its range.
    """
    problems = [f"{label}: missing {path}" for path in REQUIRED if _missing(document, path)]
    url = document.get("url")
    if url and (urlsplit(url).scheme not in {"http", "https"} or not urlsplit(url).netloc):
        problems.append(f"{label}: url {url!r} is not an absolute http(s) URL")
    item = document.get("itemReviewed")
    if item and item.get("@type") != "Claim":
        problems.append(f"{label}: itemReviewed must be a Claim")
    rating = document.get("reviewRating") or {}
    numbers: dict[str, Any] = {
        key: rating.get(key) for key in ("ratingValue", "bestRating", "worstRating")
    }
    given = [key for key, value in numbers.items() if value is not None]
    if given and len(given) < len(numbers):
        problems += [
            f"{label}: missing reviewRating.{key}"
            for key, value in numbers.items()
            if value is None
        ]
    elif given and not (
        min(numbers["worstRating"], numbers["bestRating"])
        <= numbers["ratingValue"]
        <= max(numbers["worstRating"], numbers["bestRating"])
    ):
        problems.append(
            f"{label}: reviewRating.ratingValue {numbers['ratingValue']} lies outside "
            f"{numbers['worstRating']}..{numbers['bestRating']}"
        )
    return problems


def verdict_problems(verdict: Verdict, document: dict | None = None) -> list[str]:
    """Problems of one verdict's ClaimReview (built unless given), labelled "verdict <id>"."""
    document = claimreview_document(verdict) if document is None else document
    problems = claimreview_problems(document, label=f"verdict {verdict.pk}")
    if verdict.status != Verdict.Status.PUBLISHED:
        problems.insert(0, f"verdict {verdict.pk}: not published (status {verdict.status})")
    return problems


def claimreview_validate(verdicts: Iterable[Verdict]) -> list[str]:
    """Every problem of every verdict, in order; empty when all are valid."""
    return [problem for verdict in verdicts for problem in verdict_problems(verdict)]


def claimreview_chunks(verdicts: Iterable[Verdict]) -> Iterator[str]:
    """A JSON array of ClaimReview documents, in pieces of about ``PIECE_SIZE`` characters.

    Callers validate first (``claimreview_validate``); an invalid verdict met here anyway (changed
    in between) stops the export rather than being left out.
    """
    pieces = ["["]
    size = 0
    separator = "\n"
    for verdict in verdicts:
        document = claimreview_document(verdict)
        problems = verdict_problems(verdict, document)
        if problems:
            raise ClaimReviewInvalid(problems)
        text = json.dumps(document, ensure_ascii=False)
        pieces += [separator, text]
        separator = ",\n"
        size += len(text)
        if size >= PIECE_SIZE:
            yield "".join(pieces)
            pieces, size = [], 0
    pieces.append("\n]\n")
    yield "".join(pieces)


def claimreview_script(document: dict) -> SafeString:
    """``document`` as a ``<script type="application/ld+json">`` element, safe inside HTML."""
    text = json.dumps(document, ensure_ascii=False).translate(HTML_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
