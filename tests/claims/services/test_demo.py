"""seed_demo loads the demo articles and users once; a second run changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from articles.models import Article
from claims.models import Attribution, ChangeRecord, Claim, Source, Verdict

pytestmark = pytest.mark.django_db


def snapshot():
    User = get_user_model()
    return (
        Article.objects.count(),
        Attribution.objects.count(),
        Claim.objects.count(),
        Source.objects.count(),
        sorted(User.objects.values_list("username", "password")),
        list(Token.objects.values_list("key", flat=True)),
    )


def test_seed_demo_is_idempotent(capsys, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("seed_demo")
    first_output = capsys.readouterr().out
    before = snapshot()
    call_command("seed_demo")
    assert snapshot() == before
    assert "nothing changed" in capsys.readouterr().out
    assert "user 'reviewer' password: demo-pass-123" in first_output


def test_seed_demo_loads_and_extracts_the_sample_page(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    sample = Article.objects.get(title="Pentagon chief speaks with Russia’s new defense minister")
    assert sample.status == Article.Status.EXTRACTED
    assert sample.byline == "Babatunde Akinsola"
    assert "Previous article" not in sample.text
    assert sample.attributions.filter(speaker__name="Dmitry Peskov", kind="direct").exists()


def test_seed_demo_publishes_one_verdict_on_the_sample_through_the_workflow(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("seed_demo")
    call_command("seed_demo")
    verdict = Verdict.objects.select_related("rating", "reviewer", "editor").get()
    assert verdict.status == Verdict.Status.PUBLISHED
    assert (verdict.rating.label, verdict.reviewer.username, verdict.editor.username) == (
        "True",
        "reviewer",
        "editor",
    )
    assert verdict.claim.attributions.filter(speaker__name="Pat Ryder").exists()
    assert verdict.published_at is not None and verdict.public_url.endswith(f"/{verdict.pk}/")
    actions = list(
        ChangeRecord.objects.filter(target_id=verdict.pk, target_type="claims.verdict")
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions[-1] == "verdict_published"


def test_demo_users_have_their_roles_and_the_api_user_a_token(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("seed_demo")
    User = get_user_model()
    roles = {u.username: (u.is_staff, [g.name for g in u.groups.all()]) for u in User.objects.all()}
    assert roles == {
        "reviewer": (True, ["Reviewer"]),
        "editor": (True, ["Editor"]),
        "api": (False, ["API client"]),
    }
    assert Token.objects.filter(user__username="api").exists()
    assert User.objects.get(username="editor").check_password("demo-pass-123")


def test_seed_demo_prints_the_local_addresses(capsys):
    call_command("seed_demo", local_url="http://127.0.0.1:8765/")
    out = capsys.readouterr().out
    assert "start page: http://127.0.0.1:8765/ " in out
    assert "desk: http://127.0.0.1:8765/review/" in out
    assert "demo verdict here: http://127.0.0.1:8765/verdicts/" in out
