"""Rating scales and the verdicts that rate claims on them."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q

from factcheck.models import TimeStamped, optional_user

from .claims import Claim
from .review import Evidence


class RatingScale(models.Model):
    """A configurable rating scale; its value range (``worst`` to ``best``) is what ClaimReview needs."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    worst = models.IntegerField()
    best = models.IntegerField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(worst__lt=F("best")), name="ratingscale_worst_lt_best"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.worst}–{self.best})"


class Rating(models.Model):
    """One point on a rating scale ("Mostly false", 2). Its value lies in the scale's range
    (checked by ``clean()`` and a database trigger)."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(max_length=100)
    value = models.IntegerField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["scale", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="rating_unique_value"),
            models.UniqueConstraint(fields=["scale", "label"], name="rating_unique_label"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.value})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.scale_id and not self.scale.worst <= self.value <= self.scale.best:
            raise ValidationError(
                {"value": f"Must lie between {self.scale.worst} and {self.scale.best}."}
            )


class VerdictStatus(models.TextChoices):
    """Where a verdict is in its workflow (``claims.services.verdicts`` moves it)."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "Submitted to editor"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


class VerdictQuerySet(models.QuerySet["Verdict"]):
    """A claim's current verdict is the one not retracted; the database allows one per claim."""

    def current(self) -> "VerdictQuerySet":
        return self.exclude(status=VerdictStatus.RETRACTED)

    @staticmethod
    def is_current(verdict: "Verdict") -> bool:
        """``current()`` for a verdict already loaded (a prefetched list)."""
        return verdict.status != VerdictStatus.RETRACTED


class Verdict(TimeStamped):
    """The review of a claim, from draft to publication (or retraction)."""

    Status = VerdictStatus

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.ForeignKey(
        Rating, null=True, blank=True, on_delete=models.PROTECT, related_name="verdicts"
    )
    summary = models.TextField(blank=True)
    explanation = models.TextField(blank=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="verdicts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reviewer = optional_user("verdicts_drafted")
    editor = optional_user("verdicts_edited")
    editor_note = models.TextField(blank=True, help_text="Why it was sent back, or retracted.")
    published_at = models.DateTimeField(null=True, blank=True)
    retracted_at = models.DateTimeField(null=True, blank=True)
    public_url = models.URLField(max_length=2000, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Optimistic lock: bumped on every save."
    )

    objects = VerdictQuerySet.as_manager()

    if TYPE_CHECKING:
        # Filled by Prefetch(to_attr=...) in the export selector.
        export_evidence: list[Evidence]

    class Meta:
        ordering = ["-updated_at", "-id"]
        permissions = [
            ("publish_verdict", "Can approve, publish and retract verdicts"),
            ("export_verdict", "Can export verdicts"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=~Q(status=VerdictStatus.RETRACTED),
                name="verdict_one_current_per_claim",
            ),
            models.CheckConstraint(
                condition=~Q(status=VerdictStatus.PUBLISHED)
                | Q(published_at__isnull=False, rating__isnull=False),
                name="verdict_published_has_date_and_rating",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="verdict_status_published"),
        ]

    def __str__(self) -> str:
        rating = self.rating.label if self.rating is not None else "unrated"
        return f"{rating}: {self.claim} ({self.get_status_display()})"
