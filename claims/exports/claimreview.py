"""Verdicts as schema.org ClaimReview JSON-LD, checked against Google's required fields.

Only published verdicts become ClaimReview documents: a draft has no public URL or publication
date, and handing an unapproved rating to Google Fact Check Tools would publish it. Every export
path therefore reads published verdicts only for this format (the editor page says so).

A document missing a field Google requires is never dropped silently: ``claimreview_problems``
names each one ("verdict 12: missing reviewRating.alternateName") and exports stop before writing
anything (``ClaimReviewInvalid``).
"""

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import orjson
from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.functions import Greatest, Least
from django.utils.safestring import SafeString, mark_safe

from claims.exports.csv import PIECE_SIZE
from claims.exports.rows import (
    AppearanceRow,
    SourceRow,
    VerdictRow,
    as_row,
    as_rows,
    verdict_rows_iter,
)
from claims.models import Source, Verdict

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


# A property with one of these values is left out (0 and False are values). Tested as
# ``value or value not in EMPTY``: most values are truthy and skip the comparisons.
EMPTY: tuple[object, ...] = (None, "", [], {})


def _compact(mapping: dict) -> dict:
    """Drop empty values: schema.org properties are optional unless validation says otherwise."""
    return {key: value for key, value in mapping.items() if value or value not in EMPTY}


def _organization(name: str, url: str = "") -> dict:
    return _compact({"@type": "Organization", "name": name, "url": url})


def _speaker(source: SourceRow) -> dict:
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


def _creative_work(appearance: AppearanceRow) -> dict:
    return _compact(
        {
            "@type": "CreativeWork",
            "url": appearance.url or appearance.canonical_url,
            "headline": appearance.title,
            "datePublished": appearance.published_at,
            "publisher": _organization(appearance.outlet) if appearance.outlet else None,
        }
    )


def _claim_author(appearances: Sequence[AppearanceRow]) -> dict | None:
    """The first speaker; for a claim only ever made in an article's own voice, its outlet."""
    for appearance in appearances:
        if appearance.speaker:
            return _speaker(appearance.speaker)
    outlets = [a.outlet for a in appearances if a.outlet]
    return _organization(outlets[0]) if outlets else None


def claimreview_document(verdict: Verdict | VerdictRow) -> dict:
    """One ClaimReview for a verdict loaded by ``verdict_export_queryset``, or its row."""
    row = as_row(verdict)
    appearances = row.appearances
    rating = row.rating
    review_rating = None
    if rating is not None:
        review_rating = _compact(
            {
                "@type": "Rating",
                "ratingValue": rating.value,
                "bestRating": rating.best,
                "worstRating": rating.worst,
                "alternateName": rating.label,
                "name": rating.label,
            }
        )
    # Every article once, however many times it carries the claim (a quote split by its cue).
    first_in_article = {a.article_id: a for a in reversed(appearances)}
    works = [_creative_work(a) for a in appearances if first_in_article[a.article_id] is a]
    item_reviewed = _compact(
        {
            "@type": "Claim",
            "author": _claim_author(appearances),
            "datePublished": appearances[0].published_at if appearances else None,
            "firstAppearance": works[0] if works else None,
            "appearance": works,
        }
    )
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "url": row.public_url,
            "claimReviewed": row.claim_text,
            "datePublished": row.published_at,
            "author": _organization(settings.PUBLISHER_NAME, settings.PUBLISHER_URL),
            "reviewRating": review_rating,
            "reviewBody": row.summary,
            "itemReviewed": item_reviewed,
        }
    )


def _missing(document: dict, keys: list[str]) -> bool:
    value: Any = document
    for key in keys:
        if not isinstance(value, dict):
            return True
        value = value.get(key)
        if not value and value in EMPTY:
            return True
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
_REQUIRED_KEYS = [(path, path.split(".")) for path in REQUIRED]


# Printable ASCII without brackets or backslash after "http(s)://" and a host character: what
# ``urlsplit`` reads as an http(s) URL with a host, known without calling it (most URLs).
PLAIN_HTTP_URL = re.compile(r"https?://(?![/?#])[!-Z^-~]+")


def _absolute_http_url(url: str) -> bool:
    if PLAIN_HTTP_URL.fullmatch(url):
        return True
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def claimreview_problems(document: dict, *, label: str) -> list[str]:
    """What keeps ``document`` from being a valid ClaimReview for Google, prefixed by ``label``.

    Required: the fields in ``REQUIRED``; an absolute http(s) ``url``; ``itemReviewed`` typed
    Claim; and a numeric rating given whole (``ratingValue`` with ``bestRating`` and
    ``worstRating``) and within its range.
    """
    problems = [
        f"{label}: missing {path}" for path, keys in _REQUIRED_KEYS if _missing(document, keys)
    ]
    url = document.get("url")
    if url and not _absolute_http_url(url):
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


def verdict_problems(verdict: Verdict | VerdictRow, document: dict | None = None) -> list[str]:
    """Problems of one verdict's ClaimReview (built unless given), labelled "verdict <id>"."""
    document = claimreview_document(verdict) if document is None else document
    problems = claimreview_problems(document, label=f"verdict {verdict.pk}")
    if verdict.status != Verdict.Status.PUBLISHED:
        problems.insert(0, f"verdict {verdict.pk}: not published (status {verdict.status})")
    return problems


def claimreview_validate(verdicts: Iterable[Verdict | VerdictRow]) -> list[str]:
    """Every problem of every verdict, in order; empty when all are valid."""
    return [problem for verdict in as_rows(verdicts) for problem in verdict_problems(verdict)]


# ``PLAIN_HTTP_URL`` anchored, without its lookahead, for PostgreSQL's and Python's regular
# expressions alike (Django's SQLite REGEXP is Python's): the first host character is any of the
# class but "#", "/" and "?".
PLAIN_HTTP_URL_SQL = r'^https?://[!"$-.0->@-Z^-~][!-Z^-~]*$'


def claimreview_suspects() -> Q:
    """Verdicts a ClaimReview rule might refuse, as a filter; every other verdict passes them all.

    Each rule of ``verdict_problems`` read as a column test: not published, no claim text, a URL
    that is not plainly absolute http(s), no publication date, no rating or rating label, a rating
    outside its scale. ``author.name`` is the publisher's, the same for every verdict: without one
    every verdict is suspect. ``itemReviewed`` is always a Claim, so it needs no test.
    """
    if not settings.PUBLISHER_NAME:
        return Q()
    scale_low = Least("rating__scale__worst", "rating__scale__best")
    scale_high = Greatest("rating__scale__worst", "rating__scale__best")
    return (
        ~Q(status=Verdict.Status.PUBLISHED)
        | Q(claim__text="")
        | ~Q(public_url__regex=PLAIN_HTTP_URL_SQL)
        # Python's "$" also matches before a final newline.
        | Q(public_url__contains="\n")
        | Q(published_at__isnull=True)
        | Q(rating__isnull=True)
        | Q(rating__label="")
        | Q(rating__value__lt=scale_low)
        | Q(rating__value__gt=scale_high)
    )


def claimreview_check(queryset: QuerySet[Verdict]) -> list[str]:
    """``claimreview_validate`` for a whole export, run on its suspects only.

    The database picks out the verdicts some rule might refuse (``claimreview_suspects``); those
    are read (verdict columns only, one query per chunk) and checked in Python, which words the
    problems. A valid export costs one query that finds nothing. ``claimreview_chunks`` checks
    each full document again as it writes.
    """
    suspects = queryset.filter(claimreview_suspects())
    return claimreview_validate(verdict_rows_iter(suspects, appearances=False, lean=True))


def claimreview_chunks(verdicts: Iterable[Verdict | VerdictRow]) -> Iterator[str]:
    """A JSON array of ClaimReview documents, in pieces of about ``PIECE_SIZE`` characters.

    Callers validate first (``claimreview_validate``); an invalid verdict met here anyway (changed
    in between) stops the export rather than being left out.
    """
    pieces = [b"["]
    size = 0
    separator = b"\n"
    for row in as_rows(verdicts):
        document = claimreview_document(row)
        problems = verdict_problems(row, document)
        if problems:
            raise ClaimReviewInvalid(problems)
        text = orjson.dumps(document)
        pieces += [separator, text]
        separator = b",\n"
        size += len(text)
        if size >= PIECE_SIZE:
            yield b"".join(pieces).decode()
            pieces, size = [], 0
    pieces.append(b"\n]\n")
    yield b"".join(pieces).decode()


def claimreview_script(document: dict) -> SafeString:
    """``document`` as a ``<script type="application/ld+json">`` element, safe inside HTML."""
    text = json.dumps(document, ensure_ascii=False).translate(HTML_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
