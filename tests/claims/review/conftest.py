"""The review screens' tests: fast password hashing for the users they make themselves, the world
grown for the query-count tests, and publishing a verdict."""

import pytest

from claims.models import ChangeRecord, Verdict
from claims.services import verdicts as verdict_services
from tests.factories import AttributionFactory, EvidenceFactory, StanceFactory


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    """Users made inside a test hash their password fast as well."""


@pytest.fixture(params=[0, 18])
def grown(request, world) -> int:
    """How many more attributions the world's article and its claim got, each with a stance, a
    piece of evidence and a history row on the claim: a page's query count must not move."""
    article = world["article"]
    for i in range(request.param):
        attribution = AttributionFactory(
            article=article, content=article.text[:10], content_start=0, content_end=10
        )
        StanceFactory(claim=world["claim"])
        EvidenceFactory(claim=world["claim"])
        AttributionFactory(claim=world["claim"])
        ChangeRecord.objects.create(
            claim=world["claim"], action="edited", target_type="claims.claim", target_id=i
        )
        assert attribution.pk
    return request.param


def publish(verdict: Verdict, *, reviewer, editor, evidence=()) -> Verdict:
    """Take the world's draft through the workflow to a published verdict."""
    verdict.evidence.add(*evidence)
    verdict_services.verdict_submit(verdict=verdict, actor=reviewer)
    return verdict_services.verdict_publish(verdict=verdict, actor=editor)
