"""Property-based run of the OpenAPI schema against the live app: no request gets a 5xx.

Every GET operation of /api/v1/ is exercised with a few generated examples (valid and invalid
parameters alike), authenticated with an API client's token. Article submission (POST) is left out:
a generated URL makes the app fetch it from the network and a generated text runs the NLP pipeline
in-process, neither of which belongs in a bounded unit-test run.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from tests.claims.api.samples import build_sample_article
from tests.factories import UserFactory

EXAMPLES_PER_OPERATION = 6


@pytest.mark.django_db(transaction=True)
def test_no_operation_answers_a_server_error(live_server):
    build_sample_article()
    token = Token.objects.create(user=UserFactory(username="fuzz-bot", groups=["API client"]))
    headers = {"Authorization": f"Token {token.key}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/", headers=headers)
    operations = [
        result.ok()
        for result in schema.include(method="GET", path_regex="^/api/v1/").get_all_operations()
    ]
    assert len(operations) >= 15

    statuses = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            response = case.call(base_url=live_server.url, headers=headers)
            statuses.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])

        run()
    assert len(statuses) >= len(operations) * 2
    assert 200 in statuses
