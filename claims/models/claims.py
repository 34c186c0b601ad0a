"""Checkable statements and their appearances in articles (who said them, where, how)."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q

from factcheck.models import TimeStamped, optional_link, optional_user

from .sources import Source

if TYPE_CHECKING:
    from .review import Stance


class Claim(TimeStamped):
    """A checkable statement: one row however many articles carry it.

    A merged duplicate keeps its row and points at its survivor through ``canonical``; the
    survivor is never itself merged (enforced by a database trigger, see ``claims.db_rules``).
    """

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Merged"

    text = models.TextField()
    normalized_text = models.TextField(editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    match_key = models.TextField(
        default="",
        editable=False,
        help_text="The text's words without stop words: what the matching index holds.",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CANDIDATE)
    rejection_reason = models.TextField(blank=True)
    canonical = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    checkworthiness = models.FloatField(default=0.0)
    assigned_to = optional_user("assigned_claims")
    requires_double_review = models.BooleanField(default=False)
    latest_published_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="Latest publication date of the articles it appears in (kept by "
        "triggers, claims/db_dates.py); the queue sorts by it.",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Optimistic lock: bumped on every save."
    )

    if TYPE_CHECKING:
        # Filled by Prefetch(to_attr=...) in the export selector.
        export_appearances: list["Attribution"]
        export_stances: list[Stance]

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("assign_claim", "Can assign claims to reviewers")]
        constraints = [
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0.0, checkworthiness__lte=1.0),
                name="claim_checkworthiness_0_1",
            ),
            models.CheckConstraint(
                condition=~Q(canonical=F("id")), name="claim_not_merged_into_itself"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="merged", canonical__isnull=False)
                    | (~Q(status="merged") & Q(canonical__isnull=True))
                ),
                name="claim_merged_iff_canonical",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["status", "-checkworthiness", "-created_at"], name="claim_queue"),
            models.Index(fields=["assigned_to", "status"], name="claim_assignee_status"),
            models.Index(fields=["-latest_published_at", "-id"], name="claim_latest_published"),
            # The API's claim list pages by (-created_at, -id).
            models.Index(fields=["-created_at", "-id"], name="claim_created"),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:87] + "..."

    def save(self, *args, **kwargs):
        self.fill_matching_fields()
        super().save(*args, **kwargs)

    def fill_matching_fields(self) -> None:
        """Derive the normalized forms matching uses (call before bulk_create, which skips save)."""
        from claims.matching.words import match_key
        from claims.naming import claim_fingerprint, normalize_claim_text

        self.normalized_text = normalize_claim_text(self.text)
        self.fingerprint = claim_fingerprint(self.text)
        self.match_key = match_key(self.text)


class Attribution(TimeStamped):
    """One appearance of a claim in one article, with who said it and where, as character spans."""

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        INDIRECT = "indirect", "Indirect speech"
        MIXED = "mixed", "Mixed (partial quote)"
        UNATTRIBUTED = "unattributed", "Unattributed (article's own voice)"

    class CueKind(models.TextChoices):
        """What kind of report the cue makes (claims.extraction.cues.CUE_KINDS): desks that
        check only what people said or wrote leave out beliefs, intentions and evidence."""

        SPEECH = "speech", "Speech"
        WRITING = "writing", "Writing"
        ACCORDING_TO = "according_to", "According to"
        BELIEF = "belief", "Belief"
        INTENT = "intent", "Intention"
        EVIDENCE = "evidence", "Evidence"
        OTHER = "other", "Other"

    class ReviewState(models.TextChoices):
        AUTO = "auto", "Automatic"
        CONFIRMED = "confirmed", "Confirmed"
        CORRECTED = "corrected", "Corrected"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="attributions"
    )
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="attributions")
    speaker = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="attributions"
    )
    subject = optional_link(
        Source,
        "reported_in",
        help_text="Who the speaker reports on (a spokesman reporting a minister).",
    )
    speaker_mention = models.CharField(max_length=300, blank=True)
    mention_start = models.PositiveIntegerField(null=True, blank=True)
    mention_end = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    cue = models.CharField(max_length=200, blank=True)
    cue_kind = models.CharField(
        max_length=12,
        choices=CueKind.choices,
        blank=True,
        help_text="Empty when there is no cue (the article's own voice) or it is not known.",
    )
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    content = models.TextField()
    content_start = models.PositiveIntegerField()
    content_end = models.PositiveIntegerField()
    content_parts = models.JSONField(
        default=list,
        blank=True,
        help_text="The speaker's own words as [start, end] spans when the cue interrupts the "
        "content (“X,” he said. “Y.”); empty when all of the content is theirs.",
    )
    confidence = models.FloatField(default=1.0)
    extractor_version = models.CharField(
        max_length=40, blank=True, help_text="Empty when a person added it."
    )
    reported_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    review_state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.AUTO
    )
    rejection_reason = models.TextField(blank=True)
    reviewed_by = optional_user()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["article", "content_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_start__lt=F("content_end")), name="attribution_content_span"
            ),
            models.CheckConstraint(
                condition=Q(mention_start__isnull=True, mention_end__isnull=True)
                | Q(mention_start__lt=F("mention_end")),
                name="attribution_mention_span",
            ),
            models.CheckConstraint(
                condition=Q(cue_start__isnull=True, cue_end__isnull=True)
                | Q(cue_start__lt=F("cue_end")),
                name="attribution_cue_span",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0.0, confidence__lte=1.0),
                name="attribution_confidence_0_1",
            ),
            models.CheckConstraint(
                condition=~Q(kind="unattributed") | Q(speaker__isnull=True),
                name="attribution_unattributed_has_no_speaker",
            ),
            models.CheckConstraint(
                condition=~Q(reported_by=F("id")), name="attribution_not_reported_by_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["article", "content_start"], name="attribution_article_span"),
            models.Index(fields=["claim", "article"], name="attribution_claim_article"),
            models.Index(fields=["speaker", "claim"], name="attribution_speaker_claim"),
            models.Index(
                fields=["article", "extractor_version", "review_state"],
                name="attribution_rerun",
            ),
        ]

    def __str__(self) -> str:
        who = self.speaker.name if self.speaker is not None else "(article)"
        content = self.content if len(self.content) <= 60 else self.content[:57] + "..."
        return f"{who}: “{content}”"

    @property
    def is_reviewed(self) -> bool:
        return self.review_state != self.ReviewState.AUTO
