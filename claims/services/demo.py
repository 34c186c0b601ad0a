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
from articles.services import DuplicateArticle, article_create_from_text, normalized_url_or_none
from claims.models import Attribution, Rating, Verdict
from claims.services.extraction import articles_extract
from claims.services.verdicts import verdict_approve, verdict_draft, verdict_publish, verdict_submit

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

# The demo verdict rates what the Pentagon's own readout says it said: labelled as a demo, it judges
# nothing beyond the sample page itself.
DEMO_VERDICT_SPEAKER = "Pat Ryder"
DEMO_VERDICT = {
    "rating": "True",
    "summary": "Demo verdict, not a real fact-check: the Pentagon's readout of the call says this.",
    "explanation": (
        "This verdict is created by seed_demo so that a new installation shows a published "
        "fact-check in every export format. The sample page quotes the Pentagon spokesman "
        "reporting what the Secretary of Defense emphasized during the call."
    ),
}


@dataclass
class DemoSeedReport:
    articles_created: list[Article] = field(default_factory=list)
    articles_existing: list[Article] = field(default_factory=list)
    passwords: dict[str, str] = field(default_factory=dict)
    token: str = ""
    verdict: Verdict | None = None


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
    report.verdict = _seed_verdict(DEMO_ARTICLES[0][2])
    return report


def _seed_verdict(sample_url: str) -> Verdict | None:
    """Publish one verdict on the sample article, through the same workflow reviewers use."""
    User = get_user_model()
    sample = Article.objects.filter(normalized_url=normalized_url_or_none(sample_url)).first()
    if sample is None:
        return None
    if not sample.attributions.exists():
        # With a broker the worker may not have extracted the page yet; the demo needs it now, and
        # extraction is idempotent, so the worker's later run changes nothing.
        articles_extract(article_ids=[sample.pk])
    attribution = (
        Attribution.objects.filter(article=sample, speaker__name=DEMO_VERDICT_SPEAKER)
        .select_related("claim")
        .order_by("content_start")
        .first()
    )
    if attribution is None or Verdict.objects.filter(claim=attribution.claim).exists():
        return None
    reviewer, editor = User.objects.get(username="reviewer"), User.objects.get(username="editor")
    rating = Rating.objects.get(scale__slug="truth-5", label=DEMO_VERDICT["rating"])
    with transaction.atomic():
        verdict = verdict_draft(
            claim=attribution.claim,
            actor=reviewer,
            rating=rating,
            summary=DEMO_VERDICT["summary"],
            explanation=DEMO_VERDICT["explanation"],
        )
        verdict = verdict_submit(verdict=verdict, actor=reviewer)
        verdict = verdict_approve(verdict=verdict, actor=editor)
        return verdict_publish(verdict=verdict, actor=editor)
