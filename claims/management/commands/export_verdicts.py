"""``python manage.py export_verdicts --format csv|jsonl|claimreview [--since DATE] [--until DATE]
[--status STATUS ...] [-o FILE]``: write verdicts to a file (or standard output).

Published verdicts by default; ``--status`` picks others (drafts are marked by their status).
A ClaimReview export with invalid verdicts writes nothing and names each problem.
"""

from django.core.management.base import BaseCommand, CommandError

from claims.exports.claimreview import ClaimReviewInvalid
from claims.exports.formats import FORMATS, export_check, export_chunks, export_queryset
from claims.exports.forms import ExportForm, form_errors
from claims.models import Verdict


class Command(BaseCommand):
    help = "Export verdicts as CSV, JSON Lines or ClaimReview JSON-LD."

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=list(FORMATS))
        parser.add_argument("--since", help="First day, YYYY-MM-DD (publication date)")
        parser.add_argument("--until", help="Last day, YYYY-MM-DD (publication date)")
        parser.add_argument(
            "--status",
            action="append",
            choices=Verdict.Status.values,
            help="Verdict status to include (repeatable; default: published)",
        )
        parser.add_argument("--outlet", help="Outlet of an article carrying the claim")
        parser.add_argument("--speaker", help="Part of a speaker's name")
        parser.add_argument("-o", "--output", help="File to write (default: standard output)")

    def handle(self, *args, **options):
        form = ExportForm(
            {
                "format": options["format"],
                "since": options["since"] or "",
                "until": options["until"] or "",
                "status": options["status"] or [Verdict.Status.PUBLISHED],
                "outlet": options["outlet"] or "",
                "speaker": options["speaker"] or "",
            }
        )
        if not form.is_valid():
            problems = [
                f"{field}: {' '.join(messages)}" for field, messages in form_errors(form).items()
            ]
            raise CommandError("; ".join(problems))
        export_format = form.export_format()
        queryset = export_queryset(export_format=export_format, filters=form.filters())
        try:
            export_check(export_format=export_format, queryset=queryset)
        except ClaimReviewInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing was exported: {len(exc.problems)} ClaimReview problem(s)."
            ) from exc

        chunks = export_chunks(export_format=export_format, queryset=queryset)
        if options["output"]:
            try:
                with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                    handle.writelines(chunks)
            except OSError as exc:
                raise CommandError(f"Cannot write {options['output']}: {exc.strerror}") from exc
            self.stderr.write(f"Wrote {export_format.name} export to {options['output']}")
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
