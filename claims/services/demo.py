"""Demo data for a new installation: the user's sample page, a few short articles, demo users.

Running it again changes nothing: articles are deduplicated by content, users and tokens are only
created when missing.
"""

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from rest_framework.authtoken.models import Token

from articles.models import Article
from articles.services import DuplicateArticle, article_create_from_text

DEMO_DIR = Path(__file__).resolve().parents[2] / "articles" / "demo"

# (file, outlet, url): the sample page is the user's own; the others are invented for the demo.
DEMO_ARTICLES = [
    (
        "pentagon-belousov-call.txt",
        "Sample news site",
        "https://news.example.org/pentagon-chief-speaks-with-russias-new-defense-minister",
    ),
    ("harbor-council-budget.txt", "Harbor Daily (demo)", "https://harbor.example.org/budget"),
    ("harbor-crime-figures.txt", "Harbor Daily (demo)", "https://harbor.example.org/crime-data"),
    ("river-flood-defences.txt", "Valley Courier (demo)", "https://valley.example.org/floods"),
]
DEMO_USERS = [("reviewer", "Reviewer"), ("editor", "Editor"), ("api", "API client")]


@dataclass
class DemoSeedReport:
    articles_created: list[Article] = field(default_factory=list)
    articles_existing: list[Article] = field(default_factory=list)
    passwords: dict[str, str] = field(default_factory=dict)
    token: str = ""


def _seed_users(report: DemoSeedReport, password: str | None) -> None:
    User = get_user_model()
    for username, group_name in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        chosen = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username,
            email=f"{username}@example.org",
            password=chosen,
            is_staff=group_name != "API client",
        )
        user.groups.add(Group.objects.get(name=group_name))
        report.passwords[username] = chosen
    api_user = User.objects.get(username="api")
    token, created = Token.objects.get_or_create(user=api_user)
    if created:
        report.token = token.key


def demo_seed(*, password: str | None = None) -> DemoSeedReport:
    """Load the demo articles (extraction queued as for any article) and create the demo users."""
    report = DemoSeedReport()
    with transaction.atomic():
        _seed_users(report, password)
    for filename, outlet, url in DEMO_ARTICLES:
        text = (DEMO_DIR / filename).read_text(encoding="utf-8")
        try:
            with transaction.atomic():
                article = article_create_from_text(text=text, outlet=outlet, url=url)
        except DuplicateArticle as duplicate:
            report.articles_existing.append(duplicate.existing)
        else:
            report.articles_created.append(article)
    return report
