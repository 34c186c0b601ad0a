"""The reconciler: queue again the background work that is due and that no live worker holds.

Every piece of work is a row written with the change that causes it (``factcheck/work.py``), so
nothing is lost when a send fails (broker down), a worker is killed (its claims go stale after the
hard time limit) or a message is dropped. Run by beat every ``WORK_RECONCILE_INTERVAL`` seconds and
once when a worker starts. What it finds:

* articles ``fetching`` or ``extracting`` whose claim is older than the hard time limit: the worker
  is gone; they are queued again, or failed once ``WORK_MAX_ATTEMPTS`` workers took them;
* articles ``queued`` (with ``queued_at``) for longer than ``WORK_QUEUED_GRACE``: fetched or
  extracted again (a duplicate message is harmless: tasks take only rows still waiting);
* webhook deliveries ``pending`` for ``WORK_QUEUED_GRACE`` past their due time, with no live claim;
* export jobs ``queued`` or ``running`` for ``WORK_QUEUED_GRACE`` with no live claim (a running
  job's claim lasts the export's own hard time limit).

Each row it queues gets a new due time, so the next run does not queue it again at once; rows are
locked with SKIP LOCKED so two reconcilers never queue the same row.
"""

import datetime
from dataclasses import dataclass

from celery import Task
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from articles.models import Article
from articles.services import EXTRACTION_BATCH_SIZE
from claims.models import ExportJob, WebhookDelivery
from factcheck.work import RELEASED, enqueue_on_commit, stale_before, unclaimed

# At most this many rows of each kind per run: a huge backlog is worked off over several runs.
RECONCILE_LIMIT = 1000


@dataclass(frozen=True)
class ReconcileSummary:
    requeued_stale: int = 0
    failed_stale: int = 0
    extractions: int = 0
    fetches: int = 0
    deliveries: int = 0
    exports: int = 0


def work_reconcile() -> ReconcileSummary:
    """Queue what is due and not running (see the module's docstring); returns the counts."""
    failed, requeued = _release_stale_articles()
    extractions, fetches = _queue_waiting_articles()
    return ReconcileSummary(
        requeued_stale=requeued,
        failed_stale=failed,
        extractions=extractions,
        fetches=fetches,
        deliveries=_queue_pending_deliveries(),
        exports=_queue_export_jobs(),
    )


def _grace_ago() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.WORK_QUEUED_GRACE)


def _locked_ids(rows: QuerySet) -> list[int]:
    """Ids of up to RECONCILE_LIMIT of ``rows``, locked for this transaction (others skipped)."""
    return list(
        rows.order_by("pk")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[:RECONCILE_LIMIT]
    )


def _send_again(due: QuerySet, task: Task, *, stamp: str) -> int:
    """Send ``task`` again for up to RECONCILE_LIMIT of the ``due`` rows, each by its id, with
    ``stamp`` set to now so that the next run leaves them alone for the grace period."""
    with transaction.atomic():
        ids = _locked_ids(due)
        due.model.objects.filter(pk__in=ids).update(**{stamp: timezone.now()})
        for pk in ids:
            enqueue_on_commit(task, pk)
    return len(ids)


def _release_stale_articles() -> tuple[int, int]:
    """Articles held by gone workers: failed after WORK_MAX_ATTEMPTS takes, else queued now."""
    stale = Article.objects.filter(
        Q(status__in=[Article.Status.FETCHING, Article.Status.EXTRACTING])
        & (
            Q(claimed_at__lt=stale_before())
            | Q(claimed_at__isnull=True, updated_at__lt=stale_before())
        )
    )
    now = timezone.now()
    with transaction.atomic():
        ids = _locked_ids(stale)
        given_up = Article.objects.filter(pk__in=ids, attempts__gte=settings.WORK_MAX_ATTEMPTS)
        failed = given_up.update(
            status=Article.Status.FAILED,
            error=(
                f"{settings.WORK_MAX_ATTEMPTS} workers took this article and stopped before "
                "finishing it (killed, or out of memory); use Retry to try again."
            ),
            claimed_task="",
            updated_at=now,
            **RELEASED,
        )
        # Queued long ago, so the next step hands them out in this same run.
        requeued = Article.objects.filter(pk__in=ids).exclude(status=Article.Status.FAILED)
        count = requeued.update(
            status=Article.Status.QUEUED,
            queued_at=_grace_ago() - datetime.timedelta(seconds=1),
            claimed_task="",
            updated_at=now,
            **RELEASED,
        )
    return failed, count


def _queue_waiting_articles() -> tuple[int, int]:
    from articles.tasks import fetch_article
    from claims.tasks import extract_articles

    waiting = Article.objects.filter(status=Article.Status.QUEUED, queued_at__lt=_grace_ago())
    with transaction.atomic():
        to_extract = _locked_ids(waiting.exclude(text=""))
        to_fetch = _locked_ids(waiting.filter(text="").exclude(url=""))
        Article.objects.filter(pk__in=to_extract + to_fetch).update(queued_at=timezone.now())
        for start in range(0, len(to_extract), EXTRACTION_BATCH_SIZE):
            enqueue_on_commit(extract_articles, to_extract[start : start + EXTRACTION_BATCH_SIZE])
        for article_id in to_fetch:
            enqueue_on_commit(fetch_article, article_id, extract=True)
    return len(to_extract), len(to_fetch)


def _queue_pending_deliveries() -> int:
    from claims.webhook_tasks import deliver_webhook

    due = WebhookDelivery.objects.filter(
        unclaimed(), status=WebhookDelivery.Status.PENDING, due_at__lt=_grace_ago()
    )
    return _send_again(due, deliver_webhook, stamp="due_at")


def _queue_export_jobs() -> int:
    from claims.exports.tasks import run_export_job

    due = ExportJob.objects.filter(
        unclaimed(run_export_job.time_limit),
        status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING],
        updated_at__lt=_grace_ago(),
    )
    return _send_again(due, run_export_job, stamp="updated_at")
