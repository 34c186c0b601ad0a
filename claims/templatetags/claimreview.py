"""``{% load claimreview %}{% claimreview_jsonld verdict %}``: a published verdict's ClaimReview
as a ``<script type="application/ld+json">`` element, for the public verdict page.

Renders nothing for a verdict that is not published, or whose ClaimReview would be invalid (that
is logged, naming the missing fields): search engines must never get a half-filled fact-check.
"""

import logging

from django import template

from claims.exports.claimreview import claimreview_document, claimreview_script, verdict_problems
from claims.exports.selectors import verdict_for_claimreview
from claims.models import Verdict

logger = logging.getLogger(__name__)
register = template.Library()


@register.simple_tag
def claimreview_jsonld(verdict: Verdict | None) -> str:
    if verdict is None or verdict.status != Verdict.Status.PUBLISHED:
        return ""
    # Re-read with the export prefetches: two queries, whatever the caller loaded.
    loaded = verdict_for_claimreview(verdict_id=verdict.pk)
    if loaded is None:
        return ""
    document = claimreview_document(loaded)
    problems = verdict_problems(loaded, document)
    if problems:
        logger.warning("ClaimReview markup left out: %s", "; ".join(problems))
        return ""
    return claimreview_script(document)
