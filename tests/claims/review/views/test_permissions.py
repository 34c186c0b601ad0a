"""Every review view and action, and every admin page and workflow action, against every role:
anonymous visitors are sent to log in, API clients get 403 (the admin sends them to its login),
reviewers may annotate and draft but not assign or publish, editors may do all."""

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import ChangeRecord

pytestmark = pytest.mark.django_db

ANY_STAFF = {"reviewer", "editor"}
EDITOR_ONLY = {"editor"}


def _views(obj: str | None, method: str, allowed: set[str], *names: str) -> list[tuple]:
    """(url name, object the pk comes from, method, who may) for each of ``names``."""
    return [(name, obj, method, allowed) for name in names]


MATRIX = [
    *_views(None, "get", ANY_STAFF, "review:queue"),
    *_views(None, "post", EDITOR_ONLY, "review:queue-assign"),
    *_views("article", "get", ANY_STAFF, "review:article", "review:article-status"),
    *_views(None, "get", ANY_STAFF, "review:articles", "review:article-new", "review:my-work"),
    *_views(None, "get", ANY_STAFF, "review:claim-search", "review:source-search"),
    *_views(None, "post", ANY_STAFF, "review:article-new"),
    *_views("article", "post", EDITOR_ONLY, "review:article-retry"),
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
@pytest.mark.parametrize(
    ("name", "obj", "method", "allowed"), MATRIX, ids=[f"{m[0]}-{m[2]}" for m in MATRIX]
)
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


# The admin keeps to the same roles. Its pages: (url name, object the pk comes from, who may).
ADMIN_PAGES = [
    ("admin:claims_claim_change", "claim", ANY_STAFF),
    ("admin:claims_attribution_change", "outer", ANY_STAFF),
    ("admin:claims_verdict_change", "verdict", ANY_STAFF),
    ("admin:claims_claim_changelist", None, ANY_STAFF),
    ("admin:claims_verdict_changelist", None, ANY_STAFF),
]
# Its workflow actions: (action, object, verdict status first, change recorded, who may).
ADMIN_ACTIONS = [
    ("accept_claims", "claim", None, "accepted", ANY_STAFF),
    ("reject_claims", "claim", None, "rejected", ANY_STAFF),
    ("assign_claims", "claim", None, "assigned", EDITOR_ONLY),
    ("confirm_attributions", "outer", None, "confirmed", ANY_STAFF),
    ("reject_attributions", "outer", None, "rejected", ANY_STAFF),
    ("submit_verdicts", "verdict", "draft", "verdict_submitted", ANY_STAFF),
    ("approve_verdicts", "verdict", "in_review", "verdict_approved", EDITOR_ONLY),
    ("send_back_verdicts", "verdict", "in_review", "verdict_sent_back", EDITOR_ONLY),
    ("publish_verdicts", "verdict", "approved", "verdict_published", EDITOR_ONLY),
    ("retract_verdicts", "verdict", "published", "verdict_retracted", EDITOR_ONLY),
]


def _log_in(client, role, users):
    if role != "anonymous":
        client.force_login(users[role])


def _sent_to_admin_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "obj", "allowed"), ADMIN_PAGES, ids=[p[0] for p in ADMIN_PAGES])
def test_admin_page_matrix(client, world, reviewer, editor, api_user, role, name, obj, allowed):
    _log_in(client, role, {"api_client": api_user, "reviewer": reviewer, "editor": editor})

    response = client.get(reverse(name, args=[world[obj].pk] if obj else []))

    if role in allowed:
        assert response.status_code == 200
    else:
        # The admin sends whoever is not staff to its login page.
        assert _sent_to_admin_login(response), response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("action", "obj", "status", "recorded", "allowed"),
    ADMIN_ACTIONS,
    ids=[a[0] for a in ADMIN_ACTIONS],
)
def test_admin_action_matrix(
    client, world, reviewer, editor, api_user, role, action, obj, status, recorded, allowed
):
    row = world[obj]
    if status is not None:
        row.status = status
        row.published_at = timezone.now() if status == "published" else None
        row.save()
    _log_in(client, role, {"api_client": api_user, "reviewer": reviewer, "editor": editor})
    opts = row._meta

    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {
            "action": action,
            "_selected_action": [row.pk],
            "note": "Because",
            "assignee": reviewer.pk,
        },
    )

    done = ChangeRecord.objects.filter(
        target_type=opts.label_lower, target_id=row.pk, action=recorded
    )
    if role in allowed:
        assert response.status_code == 302 and not _sent_to_admin_login(response)
        assert done.get().actor == (editor if role == "editor" else reviewer)
    else:
        assert response.status_code == 302
        assert not done.exists()
        if role in {"anonymous", "api_client"}:
            assert _sent_to_admin_login(response)
