"""``ids_filter``: the rows whose column is one of a set of ids, on either database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.selectors.graph.filters import ids_filter
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_ids_filter_selects_exactly_the_given_ids():
    claims = [ClaimFactory() for _ in range(5)]
    wanted = {claims[0].pk, claims[3].pk, claims[4].pk, 10**9}

    found = set(Claim.objects.filter(ids_filter("id", wanted)).values_list("pk", flat=True))

    assert found == wanted - {10**9}


def test_no_ids_select_nothing():
    ClaimFactory()

    assert not Claim.objects.filter(ids_filter("id", set())).exists()


def test_postgresql_gets_the_ids_as_one_array_parameter():
    if connection.vendor != "postgresql":
        pytest.skip("The array form is PostgreSQL's.")
    claims = [ClaimFactory() for _ in range(3)]
    ids = {claim.pk for claim in claims} | set(range(10**8, 10**8 + 5000))

    with CaptureQueriesContext(connection) as captured:
        found = set(Claim.objects.filter(ids_filter("id", ids)).values_list("pk", flat=True))

    assert found == {claim.pk for claim in claims}
    [query] = captured.captured_queries
    assert "= ANY('{" in query["sql"] and "::bigint[])" in query["sql"]
