"""``manage.py ingest FILE|DIR|URL...``: bulk ingestion with a progress bar and a summary."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.bulk_sources import items_from_arguments
from articles.services import article_bulk_ingest
from factcheck.health import _broker_state


class Command(BaseCommand):
    help = (
        "Ingest articles from .txt/.html files, directories (recursive), JSON Lines or CSV files "
        "(fields url, title, text or html, published, outlet) and URLs."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", help="files, directories or http(s) URLs")
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="store the articles without queuing claim extraction",
        )
        parser.add_argument("--outlet", help="outlet for articles that do not name one")

    def handle(self, *args, sources, no_extract, outlet, **options):
        progress = tqdm(unit=" articles", file=sys.stderr, disable=None, dynamic_ncols=True)
        with progress:
            summary = article_bulk_ingest(
                items=items_from_arguments(sources),
                extract=not no_extract,
                outlet=outlet,
                on_outcome=lambda outcome: progress.update(1),
            )
        for outcome in summary.outcomes:
            if outcome.result != "created":
                self.stdout.write(f"{outcome.label}: {outcome.detail}")
        created, duplicates, failed = (
            summary.count("created"),
            summary.count("duplicate"),
            summary.count("failed"),
        )
        self.stdout.write(f"{created} created, {duplicates} duplicate, {failed} failed")
        if created and not no_extract and not settings.TASKS_IN_PROCESS:
            broker = _broker_state()
            if not broker["ok"]:
                self.stdout.write(
                    f"The broker is unreachable ({broker['error']}): the articles are stored as "
                    "queued and will be queued for the workers once it is back."
                )
        if failed:
            raise CommandError(f"{failed} item(s) failed; see the reasons above")
