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
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def extracted_article(*, url: str | None = None, **fields: Any) -> "Article":
    """An unsaved article as extraction leaves it (for ``bulk_create``); ``url`` is taken as
    already normalized."""
    from articles.models import Article

    if url is not None:
        fields.update(url=url, normalized_url=url)
    return Article(status="extracted", **fields)


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
