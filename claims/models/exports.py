"""Verdict exports run by a worker."""

from django.db import models

from factcheck.models import ClaimedWork, TimeStamped, optional_user


class ExportJob(ClaimedWork, TimeStamped):
    """A large verdict export written to a file by a worker, with progress a person can watch."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    requested_by = optional_user(blank=False)
    format = models.CharField(max_length=12)
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_written = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to="exports/", blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.format} export #{self.pk} ({self.status})"
