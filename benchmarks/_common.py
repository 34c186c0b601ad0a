"""What the PostgreSQL benchmarks share: the database they fill, and Django set up on it."""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from articles.models import Article
    from claims.models import Attribution, Claim, Source

ROOT = Path(__file__).resolve().parent.parent
# The project's modules import as from the project's root, whichever folder a benchmark runs from.
sys.path.insert(0, str(ROOT))


def _name_and_admin_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.path.lstrip("/"), urlunsplit(parts._replace(path="/postgres"))


def ensure_database(url: str, *, fresh: bool = False) -> None:
    """Create the database ``url`` names unless it exists (``fresh``: drop it first)."""
    import psycopg

    name, admin_url = _name_and_admin_url(url)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def drop_database(url: str) -> None:
    import psycopg

    name, admin_url = _name_and_admin_url(url)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(url: str, **environ: str) -> None:
    """Django on the database ``url``, in development mode, with ``environ`` set first."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()


def extracted_article(*, url: str | None = None, **fields: Any) -> "Article":
    """An unsaved article as extraction leaves it (for ``bulk_create``); ``url`` is taken as
    already normalized."""
    from articles.models import Article

    if url is not None:
        fields.update(url=url, normalized_url=url)
    return Article(status="extracted", **fields)


def numbered_article(number: int, **fields: Any) -> "Article":
    """The ``number``-th unsaved article of a seed: its own URL and content hash, and one of
    twelve outlets."""
    return extracted_article(
        url=f"https://news.example.org/bench/{number}",
        content_hash=f"{number:064d}",
        outlet=f"Outlet {number % 12}",
        **fields,
    )


def said(
    article: "Article", claim: "Claim", speaker: "Source", start: int, end: int, **fields: Any
) -> "Attribution":
    """An unsaved appearance (for ``bulk_create``): ``speaker`` said ``claim`` in ``article``, in
    indirect speech with the cue "said", at ``start:end`` of its text (unless ``content`` is
    given)."""
    from claims.models import Attribution

    fields.setdefault("content", article.text[start:end])
    fields.update(kind="indirect", cue="said", content_start=start, content_end=end)
    return Attribution(article=article, claim=claim, speaker=speaker, **fields)


SENTENCE = "Minister {i} said unemployment fell by {i} percent in the last quarter. "
PASSWORD = "bench-password"


def populate_newsroom(*, claims: int, articles: int, sources: int = 500) -> dict:
    """A newsroom's worth of rows, bulk-created: ``articles`` articles carrying ``claims`` claims
    (each claim appears twice, in its own article and the next one), ``sources`` speakers, one
    large article like the largest dev article (154 attributions, 43 speakers), one busy claim
    (50 stances, 200 history rows), a published verdict on every tenth claim, and a reviewer
    (password ``PASSWORD``) and an API client with a token.

    Returns the users, the token key, a typical and the large article, the busy claim and a
    speaker with many appearances."""
    from datetime import timedelta

    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from articles.models import Article
    from claims.models import Attribution, ChangeRecord, Claim, Rating, Source, Stance, Verdict

    reviewer = User.objects.create_user("bench-reviewer", password=PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    client = User.objects.create_user("bench-api", password=PASSWORD)
    client.groups.add(Group.objects.get(name="API client"))
    token = Token.objects.create(user=client)
    speakers = Source.objects.bulk_create(
        [
            Source(name=f"Speaker {i}", normalized_name=f"speaker {i}", kind="person")
            for i in range(sources)
        ]
    )
    per_article = max(1, claims // articles)
    now = timezone.now()
    article_rows = Article.objects.bulk_create(
        [
            numbered_article(
                a,
                title=f"Article {a}",
                published_at=now - timedelta(hours=a),
                text="".join(SENTENCE.format(i=a * per_article + k) for k in range(per_article)),
            )
            for a in range(articles)
        ],
        batch_size=2000,
    )
    claim_rows = []
    for i in range(claims):
        claim = Claim(
            text=f"unemployment fell by {i} percent in the last quarter",
            checkworthiness=(i % 100) / 100,
            status="accepted" if i % 10 == 0 else "candidate",
        )
        claim.fill_matching_fields()
        claim_rows.append(claim)
    claim_rows = Claim.objects.bulk_create(claim_rows, batch_size=2000)
    attributions = []
    for index, claim in enumerate(claim_rows):
        for offset in (0, 1):
            position = (index // per_article + offset) % len(article_rows)
            article = article_rows[position]
            k = index % per_article
            start = sum(len(SENTENCE.format(i=position * per_article + j)) for j in range(k))
            end = min(start + 40, len(article.text))
            attributions.append(said(article, claim, speakers[index % len(speakers)], start, end))
    # The largest dev article: 154 attributions of 43 speakers.
    large_count = min(154, claims)
    large = extracted_article(
        title="The large article",
        outlet="Outlet 0",
        published_at=now,
        text="".join(SENTENCE.format(i=k) for k in range(large_count)),
    )
    large.save()
    start = 0
    for k in range(large_count):
        attributions.append(said(large, claim_rows[k], speakers[k % 43], start, start + 40))
        start += len(SENTENCE.format(i=k))
    Attribution.objects.bulk_create(attributions, batch_size=5000)
    busy = claim_rows[0]
    Stance.objects.bulk_create(
        [Stance(claim=busy, source=s, stance="supports") for s in speakers[:50]]
    )
    ChangeRecord.objects.bulk_create(
        [
            ChangeRecord(claim=busy, action="edited", target_type="claims.claim", target_id=busy.pk)
            for _ in range(200)
        ]
    )
    ratings = list(Rating.objects.order_by("value"))
    Verdict.objects.bulk_create(
        [
            Verdict(
                claim=claim,
                rating=ratings[i % len(ratings)],
                status="published",
                summary=f"Unemployment fell by {i % 7} percent, not {i}.",
                published_at=now,
                public_url=f"https://factcheck.example.org/verdicts/{i}/",
            )
            for i, claim in enumerate(claim_rows)
            if claim.status == "accepted"
        ],
        batch_size=2000,
    )
    # Planner statistics for the freshly loaded tables, as autovacuum would gather them later.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "reviewer": reviewer,
        "api_user": client,
        "token": token.key,
        "article": article_rows[0],
        "large_article": large,
        "claim": busy,
        "speaker": speakers[0],
    }
