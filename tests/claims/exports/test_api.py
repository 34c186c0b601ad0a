import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from rest_framework.test import APIClient

from tests.claims.exports.conftest import api_client_for, make_verdict
from tests.factories import RatingFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/exports/verdicts/"


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response).removeprefix("\ufeff"), newline="")))


@pytest.fixture
def published_and_draft(mostly_false, editor):
    return make_verdict(rating=mostly_false, editor=editor), make_verdict(
        rating=mostly_false, status="draft"
    )


def test_api_client_gets_published_verdicts_as_csv(api_user, published_and_draft):
    published, _draft = published_and_draft

    response = api_client_for(api_user).get(URL, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="verdicts-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert [(r["verdict_id"], r["status"]) for r in csv_rows(response)] == [
        (str(published.pk), "published")
    ]


def test_api_client_cannot_ask_for_drafts(api_user, published_and_draft):
    response = api_client_for(api_user).get(URL, {"format": "csv", "status": "draft"})

    assert response.status_code == 403
    assert response.json() == {"detail": "API clients can export published verdicts only."}


def every_status(user, export_format: str, media_type: str) -> str:
    """The export's body when ``user`` asks for drafts and published verdicts, checking it is
    served with ``media_type``."""
    response = api_client_for(user).get(
        URL, {"format": export_format, "status": ["draft", "published"]}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    return body(response)


def test_editor_token_may_export_drafts_marked_as_drafts(editor, published_and_draft):
    published, draft = published_and_draft

    exported = every_status(editor, "jsonl", "application/x-ndjson")

    records = [json.loads(line) for line in exported.splitlines()]
    assert [(r["id"], r["status"]) for r in records] == [
        (published.pk, "published"),
        (draft.pk, "draft"),
    ]


def test_claimreview_is_a_json_ld_list_of_published_verdicts(editor, published_and_draft):
    published, _draft = published_and_draft

    documents = json.loads(every_status(editor, "claimreview", "application/ld+json"))

    assert [d["url"] for d in documents] == [published.public_url]
    assert documents[0]["@type"] == "ClaimReview"


def test_invalid_claimreview_answers_422_naming_each_verdict(api_user, scale, editor):
    bad = make_verdict(rating=RatingFactory(scale=scale, label="", value=3), editor=editor)

    response = api_client_for(api_user).get(URL, {"format": "claimreview"})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Some verdicts are not valid ClaimReview.",
        "problems": [f"verdict {bad.pk}: missing reviewRating.alternateName"],
    }


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({}, {"format": ["This field is required."]}),
        (
            {"format": "xml"},
            {"format": ["Select a valid choice. xml is not one of the available choices."]},
        ),
        ({"format": "csv", "since": "yesterday"}, {"since": ["Enter a valid date."]}),
        # Digits that str.isdigit() accepts and int() refuses (a 500 before).
        (
            {"format": "csv", "rating": "\u00b9"},
            {"rating": ["\u201c\u00b9\u201d is not a valid value."]},
        ),
        (
            {"format": "csv", "rating": "9" * 30},
            {"rating": [f"Select a valid choice. {'9' * 30} is not one of the available choices."]},
        ),
        (
            {"format": "csv", "since": "2024-02-01", "until": "2024-01-01"},
            {"non_field_errors": ["The start date comes after the end date."]},
        ),
    ],
)
def test_bad_parameters_get_clear_json_errors(api_user, params, errors):
    response = api_client_for(api_user).get(URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == errors


def test_anonymous_gets_401():
    response = APIClient().get(URL, {"format": "csv"})

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_reviewer_gets_403(reviewer):
    response = api_client_for(reviewer).get(URL, {"format": "csv"})

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Exporting verdicts needs an editor or API client account."
    }


def test_filters(api_user, mostly_false, scale, editor):
    from datetime import UTC, datetime

    true = RatingFactory(scale=scale, label="True", value=5)
    early = make_verdict(rating=mostly_false, editor=editor)
    late = make_verdict(rating=true, editor=editor)
    late.published_at = datetime(2024, 6, 1, 12, tzinfo=UTC)
    late.save()
    late_speaker = late.claim.attributions.get().speaker
    late_speaker.name = "Jon Smith"
    late_speaker.save()
    late.claim.attributions.get().article.__class__.objects.filter(
        attributions__claim=late.claim
    ).update(outlet="The Daily")
    client = api_client_for(api_user)

    def ids(**params):
        return [
            int(r["verdict_id"]) for r in csv_rows(client.get(URL, {"format": "csv", **params}))
        ]

    assert ids() == [early.pk, late.pk]
    assert ids(since="2024-03-06") == [late.pk]
    assert ids(until="2024-03-05") == [early.pk]
    assert ids(since="2024-03-05", until="2024-03-05") == [early.pk]
    assert ids(rating=true.pk) == [late.pk]
    assert ids(outlet="the daily") == [late.pk]
    assert ids(speaker="smith") == [late.pk]
    assert ids(speaker="nobody") == []


@pytest.mark.parametrize("total", [2, 20])
@pytest.mark.parametrize(
    ("export_format", "queries"), [("csv", 6), ("jsonl", 8), ("claimreview", 7)]
)
def test_query_count_does_not_grow_with_verdicts(
    api_user, mostly_false, editor, django_assert_num_queries, export_format, queries, total
):
    for _ in range(total):
        make_verdict(rating=mostly_false, editor=editor)
    client = api_client_for(api_user)

    # 1 token with its user; 2 user permissions; 3 group permissions; 4 "API client" membership;
    # then one chunk: 5 verdicts joined with claim, rating, scale, reviewer and editor; 6 their
    # appearances with article and speaker; 7-8 stances and evidence (JSON Lines), or 7 the
    # verdicts again (ClaimReview: validated before the first byte is sent, without appearances).
    with django_assert_num_queries(queries):
        response = client.get(URL, {"format": export_format})
        text = body(response)

    assert response.status_code == 200
    exported = {
        "csv": lambda: len(list(csv.reader(io.StringIO(text, newline="")))) - 1,
        "jsonl": lambda: len(text.splitlines()),
        "claimreview": lambda: len(json.loads(text)),
    }[export_format]()
    assert exported == total


def test_an_out_of_range_rating_id_is_a_400_not_a_server_error(api_user):
    response = api_client_for(api_user).get(
        URL, {"format": "csv", "rating": "3944468114239224020992"}
    )
    assert response.status_code == 400
    assert "rating" in response.json()
