"""What matching leaves for people: suggested matches to confirm or dismiss, and variants (an
appearance whose words differ from the claim's earliest one) with their word diff and drift."""

from django.db import models
from django.db.models import F, Q

from factcheck.models import optional_link, optional_user

from .claims import Attribution, Claim


class ClaimSuggestion(models.Model):
    """``claim`` looks like ``similar`` (an older claim) but matching did not merge them.

    A reviewer answers "Same claim" (``claim`` is merged into ``similar``; undoable) or "Not the
    same" (the pair is never suggested again, in either order).
    """

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CONFIRMED = "confirmed", "Same claim"
        DISMISSED = "dismissed", "Not the same"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="suggestions")
    similar = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="suggested_for")
    attribution = optional_link(
        Attribution, "+", help_text="The appearance that raised the suggestion."
    )
    similarity = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    decided_by = optional_user()
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-similarity", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "similar"], name="claimsuggestion_unique"),
            models.CheckConstraint(
                condition=~Q(claim=F("similar")), name="claimsuggestion_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(similarity__gte=0.0, similarity__lte=1.0),
                name="claimsuggestion_similarity_0_1",
            ),
        ]
        indexes = [
            models.Index(fields=["similar", "state"], name="claimsuggestion_similar"),
            models.Index(fields=["claim", "state"], name="claimsuggestion_claim"),
        ]

    def __str__(self) -> str:
        return f"#{self.claim_id} ~ #{self.similar_id} ({self.similarity:.2f}, {self.state})"


class ClaimVariant(models.Model):
    """An appearance whose words differ from the appearance it is compared with: the claim's
    earliest (by publication date), or for a quote the speaker's earliest quote of it."""

    # What changed (claims.matching.drift.Change, which the web process need not import).
    CHANGES = (
        "number",
        "negation",
        "named_entity",
        "qualifier_dropped",
        "qualifier_added",
        "other_wording",
    )

    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    attribution = models.OneToOneField(
        Attribution, on_delete=models.CASCADE, related_name="variant"
    )
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="variants")
    base = models.ForeignKey(
        Attribution,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The earlier appearance this one is compared with.",
    )
    diff = models.JSONField(default=list, help_text="[op, text] pairs: equal, insert, delete.")
    changes = models.JSONField(default=list, help_text="Change classes, e.g. number, negation.")
    severity = models.CharField(max_length=6, choices=Severity.choices)
    severity_rank = models.PositiveSmallIntegerField(help_text="1 low, 2 medium, 3 high.")
    is_drift = models.BooleanField(
        default=False,
        help_text="A quote altered from the speaker's earliest one, or a change of number, "
        "negation or named entity.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(attribution=F("base")), name="claimvariant_not_its_own_base"
            ),
        ]
        indexes = [
            models.Index(fields=["is_drift", "-created_at", "-id"], name="claimvariant_drift"),
            models.Index(fields=["claim"], name="claimvariant_claim"),
        ]

    def __str__(self) -> str:
        return f"variant of #{self.claim_id} ({self.severity})"
