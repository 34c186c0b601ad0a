"""Property-based run of the OpenAPI schema against the live app: no request gets a 5xx.

Every operation of /api/v1/ (reads and writes: article submission, webhook registration, change and
deletion) is exercised with generated examples, valid and invalid alike (wrong types, odd strings,
big numbers, missing and extra fields), once with the token of an API client allowed to write and
once with a read-only token, which must get 403 on every unsafe method. Half the examples of an
operation on one object use an id that exists, so that its handler runs past the lookup.

Nothing leaves the process: queued fetch and extraction tasks stay on the in-memory broker (their
own tests run them), and host names resolve to one public address without asking DNS.
"""

import re
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from factcheck.api_permissions import READ_ONLY_GROUP
from tests.claims.api.samples import build_sample_article
from tests.factories import (
    EvidenceFactory,
    StanceFactory,
    UserFactory,
    VerdictFactory,
    WebhookFactory,
)

EXAMPLES_PER_OPERATION = 40
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_ID_RE = re.compile(r"\d+")  # the routers' lookup_value_regex


def _existing_ids(owner) -> dict[str, int]:
    """The id of one object of each resource, by the path segment naming the resource."""
    sample = build_sample_article()
    claim = next(iter(sample.claims.values()))
    source = next(iter(sample.sources.values()))
    verdict = VerdictFactory(claim=claim, status="published", published_at=timezone.now())
    return {
        "articles": sample.article.pk,
        "claims": claim.pk,
        "sources": source.pk,
        "attributions": next(iter(sample.attributions.values())).pk,
        "verdicts": verdict.pk,
        "stances": StanceFactory(claim=claim, source=source).pk,
        "evidence": EvidenceFactory(claim=claim).pk,
        "webhooks": WebhookFactory(owner=owner).pk,
    }


def _with_an_existing_id(ids: dict[str, int]) -> Callable[[Any], Any]:
    def existing(case: Any) -> Any:
        resource = case.operation.path.split("/")[3]
        if case.path_parameters and "id" in case.path_parameters and resource in ids:
            case.path_parameters = {**case.path_parameters, "id": ids[resource]}
        return case

    return existing


def _exercise(
    operation: Any,
    *,
    ids: dict[str, int],
    base_url: str,
    headers: dict[str, str],
    read_only: bool,
    seen: list[int],
) -> None:
    """Call ``operation`` with generated cases; a 5xx (or a write a read-only token got through
    with) fails. Statuses are appended to ``seen``."""
    # Valid cases reach the handlers; invalid ones (wrong types, out-of-range values, missing and
    # extra fields, bodies that break the schema) exercise every refusal.
    generated = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=st.one_of(generated, generated.map(_with_an_existing_id(ids))))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, headers=headers)
        seen.append(response.status_code)
        case.validate_response(response, checks=[not_a_server_error])
        # An id that is not a number matches no URL: Django answers 404 before any view runs.
        routed = _ID_RE.fullmatch(str((case.path_parameters or {}).get("id", "1")))
        if read_only and case.method.upper() in UNSAFE and routed:
            assert response.status_code == 403, response.status_code

    run()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "read-only"])
@pytest.mark.usefixtures("offline")
def test_no_operation_answers_a_server_error(live_server, read_only):
    user = UserFactory(username="fuzz-bot", groups=["API client"])
    if read_only:
        user.groups.add(Group.objects.get_or_create(name=READ_ONLY_GROUP)[0])
    ids = _existing_ids(owner=user)
    token = Token.objects.create(user=user)
    headers = {"Authorization": f"Token {token.key}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/", headers=headers)
    operations = [
        result.ok() for result in schema.include(path_regex="^/api/v1/").get_all_operations()
    ]
    methods = {(operation.method.upper(), operation.path) for operation in operations}
    assert len(operations) >= 25
    assert {("POST", "/api/v1/articles/"), ("DELETE", "/api/v1/webhooks/{id}/")} <= methods

    statuses: dict[str, list[int]] = {}
    failures: list[str] = []
    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"
        seen = statuses.setdefault(label, [])
        try:
            _exercise(
                operation,
                ids=ids,
                base_url=live_server.url,
                headers=headers,
                read_only=read_only,
                seen=seen,
            )
        except Exception as exc:  # every operation is run, then every failure reported
            failures.append(f"{label}: {exc}")

    assert not failures, "\n\n".join(failures)
    every = [status for seen in statuses.values() for status in seen]
    assert len(every) >= len(operations) * 3
    assert 200 in every
    if not read_only:
        written = statuses["POST /api/v1/articles/"] + statuses["POST /api/v1/webhooks/"]
        assert {202, 201} & set(written), written
