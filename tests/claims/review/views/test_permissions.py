"""Every desk view and action against every role: anonymous visitors are sent to log in, API
clients get 403, reviewers may annotate and draft but not assign or publish, editors may do all."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ANY_STAFF = {"reviewer", "editor"}
EDITOR_ONLY = {"editor"}


def _views(obj: str | None, method: str, allowed: set[str], *names: str) -> list[tuple]:
    """(url name, object the pk comes from, method, who may) for each of ``names``."""
    return [(name, obj, method, allowed) for name in names]


MATRIX = [
    *_views(None, "get", ANY_STAFF, "review:queue"),
    *_views(None, "post", EDITOR_ONLY, "review:queue-assign"),
    *_views("article", "get", ANY_STAFF, "review:article"),
    *_views(
        "outer",
        "post",
        ANY_STAFF,
        "review:attribution-confirm",
        "review:attribution-reject",
        "review:attribution-correct",
    ),
    *_views("claim", "get", ANY_STAFF, "review:claim"),
    *_views(
        "claim",
        "post",
        ANY_STAFF,
        "review:claim-accept",
        "review:claim-reject",
        "review:claim-edit",
        "review:claim-merge",
        "review:claim-split",
        "review:claim-stance",
        "review:claim-evidence",
        "review:claim-relation",
        "review:claim-rating",
        "review:claim-verdict",
    ),
    *_views("claim", "post", EDITOR_ONLY, "review:claim-assign"),
    *_views(None, "get", EDITOR_ONLY, "review:verdicts"),
    *_views("verdict", "get", ANY_STAFF, "review:verdict"),
    *_views("verdict", "post", ANY_STAFF, "review:verdict-submit"),
    *_views(
        "verdict",
        "post",
        EDITOR_ONLY,
        "review:verdict-approve",
        "review:verdict-send-back",
        "review:verdict-publish",
        "review:verdict-retract",
    ),
    *_views(None, "get", EDITOR_ONLY, "review:agreement"),
    *_views("ryder", "get", ANY_STAFF, "source-page"),
]
ROLES = ["anonymous", "api_client", "reviewer", "editor"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "obj", "method", "allowed"), MATRIX, ids=[m[0] for m in MATRIX])
def test_permission_matrix(
    client, world, reviewer, editor, api_user, role, name, obj, method, allowed
):
    users = {"api_client": api_user, "reviewer": reviewer, "editor": editor}
    if role != "anonymous":
        client.force_login(users[role])
    url = reverse(name, args=[world[obj].pk] if obj else [])

    response = getattr(client, method)(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    elif role in allowed:
        # Allowed: the page renders, or the action answers (an empty form is refused politely,
        # 409 when the empty form claims to know no verdict although the claim has one).
        assert response.status_code in {200, 302, 400, 409}, response.status_code
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == 403


def test_api_client_cannot_use_the_review_ui_even_with_a_valid_form(client, world, api_user):
    client.force_login(api_user)
    response = client.post(reverse("review:claim-accept", args=[world["claim"].pk]), {"version": 1})
    assert response.status_code == 403
    world["claim"].refresh_from_db()
    assert world["claim"].status == "candidate"


def test_reviewer_cannot_publish_even_with_a_valid_form(client, world, reviewer):
    verdict = world["verdict"]
    verdict.status = "in_review"
    verdict.save()
    client.force_login(reviewer)
    response = client.post(reverse("review:verdict-publish", args=[verdict.pk]), {"version": 1})
    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.status == "in_review" and verdict.published_at is None
