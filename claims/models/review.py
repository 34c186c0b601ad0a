"""The review record around a claim: evidence, stances, relations between claims, blind ratings
and the log of changes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from factcheck.models import optional_link, optional_user

from .claims import Attribution, Claim
from .sources import Source


class StanceChoice(models.TextChoices):
    """Where a source, or a piece of evidence, stands on a claim."""

    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    DISCUSSES = "discusses", "Discusses"


class Evidence(models.Model):
    """A citation bearing on a claim, with its stance toward it."""

    StanceChoice = StanceChoice

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    excerpt = models.TextField(blank=True)
    stance = models.CharField(max_length=10, choices=StanceChoice)
    added_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "-created_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.title or self.url}"


class Stance(models.Model):
    """A source's position on a claim, and what that reading rests on."""

    Position = StanceChoice

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="stances")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="stances")
    stance = models.CharField(max_length=10, choices=StanceChoice)
    basis = models.TextField(blank=True, help_text="What the stance rests on.")
    attribution = optional_link(Attribution, "stances")
    evidence = optional_link(Evidence, "stances")
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "source"]
        constraints = [
            models.UniqueConstraint(fields=["source", "claim"], name="stance_one_per_source_claim"),
        ]
        indexes = [models.Index(fields=["claim", "stance"], name="stance_claim")]

    def __str__(self) -> str:
        return f"{self.source} {self.stance} “{self.claim}”"


class ClaimRelation(models.Model):
    """How one claim bears on another."""

    class Relation(models.TextChoices):
        CONTRADICTS = "contradicts", "Contradicts"
        SUPPORTS = "supports", "Supports"
        SAME_AS = "same_as", "Same as"

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_out")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_in")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    note = models.TextField(blank=True)
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["from_claim", "relation"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "relation"], name="claimrelation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")), name="claimrelation_not_to_itself"
            ),
        ]
        indexes = [models.Index(fields=["to_claim"], name="claimrelation_to")]

    def __str__(self) -> str:
        return f"“{self.from_claim}” {self.get_relation_display().lower()} “{self.to_claim}”"


class ReviewRating(models.Model):
    """One reviewer's independent rating of a claim under blind double review."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_ratings")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_ratings"
    )
    rating = models.ForeignKey(
        "claims.Rating", on_delete=models.PROTECT, related_name="review_ratings"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "reviewer"], name="reviewrating_one_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.rating} on “{self.claim}”"


class ChangeRecord(models.Model):
    """One recorded change (who, when, what) to a claim or anything hanging from it."""

    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    actor = optional_user()
    action = models.CharField(max_length=40)
    target_type = models.CharField(max_length=40, help_text='e.g. "claims.verdict"')
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["claim", "-created_at"], name="changerecord_claim")]

    def __str__(self) -> str:
        who = self.actor or "system"
        return f"{who} {self.action} {self.target_type} #{self.target_id}"
