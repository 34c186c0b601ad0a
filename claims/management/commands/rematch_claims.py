"""``python manage.py rematch_claims --actor USERNAME [--batch 500] [--after ID | --restart]``:
match every claim again against the older ones, after a threshold change.

Batched (one matching round per batch) with a progress bar; resumable: the last claim done is
kept in ``MEDIA_ROOT/rematch_claims.state`` and the next run starts after it (``--restart``
starts from the first claim, ``--after ID`` after that one). Matches a reviewer confirmed or
dismissed are never touched (see ``claims.services.rematch``).
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.models import Claim
from claims.services.rematch import claims_rematch


def _state_file() -> Path:
    return Path(settings.MEDIA_ROOT) / "rematch_claims.state"


class Command(BaseCommand):
    help = "Match existing claims again (after changing the MATCH_* thresholds)."

    def add_arguments(self, parser):
        parser.add_argument("--actor", required=True, help="User recorded on the merges")
        parser.add_argument("--batch", type=int, default=500, help="Claims per round")
        start = parser.add_mutually_exclusive_group()
        start.add_argument("--after", type=int, help="Start after this claim id")
        start.add_argument("--restart", action="store_true", help="Start from the first claim")

    def handle(self, *args, **options):
        try:
            actor = User.objects.get(username=options["actor"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user {options['actor']!r}.") from exc
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1.")
        state = _state_file()
        if options["after"] is not None:
            after = options["after"]
        elif options["restart"] or not state.exists():
            after = 0
        else:
            after = int(state.read_text().strip() or 0)
        remaining = (
            Claim.objects.filter(pk__gt=after)
            .exclude(status__in=[Claim.Status.MERGED, Claim.Status.REJECTED])
            .count()
        )
        merged = suggested = 0
        state.parent.mkdir(parents=True, exist_ok=True)
        with tqdm(total=remaining, unit="claim", disable=options["verbosity"] == 0) as bar:
            while True:
                summary = claims_rematch(after_id=after, batch=options["batch"], actor=actor)
                if not summary.claims:
                    break
                after = summary.last_id
                state.write_text(str(after))
                merged += summary.merged
                suggested += summary.suggested
                bar.update(summary.claims)
        state.unlink(missing_ok=True)
        self.stdout.write(f"Done: {merged} claims merged, {suggested} suggestions made.")
