import os

from django.core.management.base import BaseCommand

from claims.services.demo import demo_seed


class Command(BaseCommand):
    help = (
        "Load the sample articles and create the demo users reviewer, editor and api (with an API "
        "token). Passwords come from DEMO_PASSWORD or are generated and printed once. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--local-url",
            default="http://127.0.0.1:8000",
            help="where this site is served, for the addresses printed at the end",
        )

    def handle(self, *args, **options):
        report = demo_seed(password=os.environ.get("DEMO_PASSWORD") or None)
        for article in report.articles_created:
            article.refresh_from_db()
            self.stdout.write(f"article {article.pk}: {article} [{article.get_status_display()}]")
        if report.articles_existing:
            self.stdout.write(f"{len(report.articles_existing)} demo article(s) already loaded")
        for username, password in report.passwords.items():
            self.stdout.write(self.style.WARNING(f"user {username!r} password: {password}"))
        if report.verdict:
            self.stdout.write(
                f"published demo verdict {report.verdict.pk}: {report.verdict.public_url}"
            )
        if report.token:
            self.stdout.write(self.style.WARNING(f"API token for 'api': {report.token}"))
        if not (report.articles_created or report.passwords or report.token or report.verdict):
            self.stdout.write("Demo data already present; nothing changed.")
        base = options["local_url"].rstrip("/")
        self.stdout.write(f"start page: {base}/  (signed-in reviewers and editors go to the desk)")
        self.stdout.write(
            f"desk: {base}/review/  articles: {base}/review/articles/  log in: {base}/admin/login/"
        )
        if report.verdict:
            self.stdout.write(f"demo verdict here: {base}/verdicts/{report.verdict.pk}/")
