"""Handing background work to the workers without ever making the caller wait on the broker.

Every piece of work is first a row (an article ``queued``, a webhook delivery ``pending``, an
export job ``queued``), written in the transaction that causes it. The task is sent after that
transaction commits; when the broker is down the send fails fast (see the broker settings), the
failure is logged and swallowed, and the reconciler (``claims/services/reconcile.py``) sends it
again later from the row. Tasks therefore only ever carry ids and must be safe to receive twice.
"""

import datetime
import logging
import os
import random
import socket
from functools import partial
from typing import Any

from celery import Task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# Errors that go away by themselves: the database or the broker is down or restarting, or a lock
# wait timed out. Anything else is a fault in the data or the code and is not retried.
TEMPORARY_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError, BrokerError)


def worker_identity() -> str:
    """``host:pid`` of this process, recorded on the rows it claims."""
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def enqueue(task: Task, *args: Any, **kwargs: Any) -> bool:
    """Send ``task``; False (logged) when the broker cannot take it, never an exception.

    Without a broker the task runs here and now, and its errors reach the caller as before.
    """
    if task.app.conf.task_always_eager:
        task.delay(*args, **kwargs)
        return True
    try:
        task.delay(*args, **kwargs)
    except Exception as exc:
        # The row already records the work; the reconciler sends it once the broker is back.
        logger.warning(
            "Could not queue %s%r (%s: %s); the reconciler will queue it later",
            task.name,
            args,
            type(exc).__name__,
            exc,
        )
        return False
    return True


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Send ``task`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(enqueue, task, *args, **kwargs))


def stale_before(time_limit: float | None = None) -> datetime.datetime:
    """Claims older than this belong to gone workers: the hard time limit (of the task, or the
    default one) would have ended them."""
    seconds = settings.CELERY_TASK_TIME_LIMIT if time_limit is None else time_limit
    return timezone.now() - datetime.timedelta(seconds=seconds)


def unclaimed(time_limit: float | None = None) -> Q:
    """Rows no live worker holds."""
    return Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale_before(time_limit))


def claim_fields() -> dict[str, Any]:
    """What a worker writes on a row it takes."""
    return {"claimed_by": worker_identity(), "claimed_at": timezone.now()}


RELEASED: dict[str, Any] = {"claimed_by": "", "claimed_at": None}


def retry_countdown(retries: int) -> float | None:
    """Seconds before retry number ``retries + 1`` after a temporary error, or None to give up.

    Exponential (``WORK_RETRY_BACKOFF`` doubling up to ``WORK_RETRY_BACKOFF_MAX``) with jitter
    between half and the whole delay, so workers coming back do not all retry at once. Retries
    stop once even the shortest possible waits add up to ``WORK_RETRY_FOR`` seconds, so a task
    always keeps trying for at least that long.
    """
    delays = [_delay(n) for n in range(retries + 1)]
    if sum(delay / 2 for delay in delays[:-1]) >= settings.WORK_RETRY_FOR:
        return None
    return random.uniform(delays[-1] / 2, delays[-1])


def _delay(retries: int) -> float:
    return min(settings.WORK_RETRY_BACKOFF * 2 ** min(retries, 32), settings.WORK_RETRY_BACKOFF_MAX)
