"""The Celery application, configured from Django settings (``CELERY_*``)."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _reconcile_at_start(sender: object = None, **kwargs: object) -> None:
    """A starting worker queues what its predecessors left (``claims.tasks.reconcile_work``);
    beat repeats it every ``WORK_RECONCILE_INTERVAL`` seconds."""
    from factcheck.work import enqueue

    enqueue(app.tasks["claims.tasks.reconcile_work"])
