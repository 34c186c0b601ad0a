"""Sources, claims, their appearances in articles, and the review record built on them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

# The largest id a BigAutoField holds: no row has a larger one, and SQLite raises OverflowError
# (a server error) when asked to compare with one, so inputs taking ids are bounded by it.
MAX_ID = 2**63 - 1


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Source(TimeStamped):
    """Who speaks or publishes: a person, an organization, a government or an outlet."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organization"
        GOVERNMENT = "government", "Government"
        OUTLET = "outlet", "Outlet"
        UNKNOWN = "unknown", "Unknown"

    name = models.CharField(max_length=300)
    normalized_name = models.CharField(max_length=300, editable=False, db_index=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.UNKNOWN)
    role = models.CharField(max_length=300, blank=True, help_text='e.g. "Kremlin spokesman"')
    affiliation = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    disambiguation = models.CharField(
        max_length=200,
        blank=True,
        help_text="Tells apart two sources with the same name, e.g. the state a politician is from.",
    )
    description = models.TextField(blank=True)
    url = models.URLField(max_length=2000, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_name", "kind", "disambiguation"], name="source_unique_identity"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="source_name_not_empty"),
            models.CheckConstraint(
                condition=~Q(affiliation=F("id")), name="source_not_affiliated_with_itself"
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.name} ({self.role})" if self.role else self.name
        return f"{label} [{self.disambiguation}]" if self.disambiguation else label

    def save(self, *args, **kwargs):
        from claims.naming import normalize_name

        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)


class SourceAlias(models.Model):
    """Another way the text names a source ("Moscow" for the Russian government)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300)
    normalized_alias = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "source aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "normalized_alias"], name="sourcealias_unique_per_source"
            ),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        from claims.naming import normalize_name

        self.normalized_alias = normalize_name(self.alias)
        super().save(*args, **kwargs)


class Claim(TimeStamped):
    """A checkable statement: one row however many articles carry it.

    A merged duplicate keeps its row and points at its survivor through ``canonical``; the
    survivor is never itself merged (enforced by a database trigger, see migration 0002).
    """

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Merged"

    text = models.TextField()
    normalized_text = models.TextField(editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    match_prefix = models.CharField(
        max_length=120,
        default="",
        editable=False,
        db_index=True,
        help_text="First words of the normalized text: where near-duplicate matching looks.",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CANDIDATE)
    rejection_reason = models.TextField(blank=True)
    canonical = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    checkworthiness = models.FloatField(default=0.0)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    requires_double_review = models.BooleanField(default=False)
    version = models.PositiveIntegerField(
        default=1, help_text="Optimistic lock: bumped on every save."
    )

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
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:87] + "..."

    def save(self, *args, **kwargs):
        self.fill_matching_fields()
        super().save(*args, **kwargs)

    def fill_matching_fields(self) -> None:
        """Derive the normalized forms matching uses (call before bulk_create, which skips save)."""
        from claims.naming import claim_fingerprint, claim_match_prefix, normalize_claim_text

        self.normalized_text = normalize_claim_text(self.text)
        self.fingerprint = claim_fingerprint(self.text)
        self.match_prefix = claim_match_prefix(self.normalized_text)


class Attribution(TimeStamped):
    """One appearance of a claim in one article, with who said it and where, as character spans."""

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        INDIRECT = "indirect", "Indirect speech"
        MIXED = "mixed", "Mixed (partial quote)"
        UNATTRIBUTED = "unattributed", "Unattributed (article's own voice)"

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
    subject = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_in",
        help_text="Who the speaker reports on (a spokesman reporting a minister).",
    )
    speaker_mention = models.CharField(max_length=300, blank=True)
    mention_start = models.PositiveIntegerField(null=True, blank=True)
    mention_end = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    cue = models.CharField(max_length=200, blank=True)
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
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
        who = self.speaker.name if self.speaker_id else "(article)"
        content = self.content if len(self.content) <= 60 else self.content[:57] + "..."
        return f"{who}: “{content}”"

    @property
    def is_reviewed(self) -> bool:
        return self.review_state != self.ReviewState.AUTO


class Evidence(models.Model):
    """A citation bearing on a claim, with its stance toward it."""

    class StanceChoice(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        DISCUSSES = "discusses", "Discusses"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    excerpt = models.TextField(blank=True)
    stance = models.CharField(max_length=10, choices=StanceChoice.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "-created_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.title or self.url}"


class Stance(models.Model):
    """A source's position on a claim, and what that reading rests on."""

    class Position(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        DISCUSSES = "discusses", "Discusses"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="stances")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="stances")
    stance = models.CharField(max_length=10, choices=Position.choices)
    basis = models.TextField(blank=True, help_text="What the stance rests on.")
    attribution = models.ForeignKey(
        Attribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="stances"
    )
    evidence = models.ForeignKey(
        Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="stances"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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


class VerdictQuerySet(models.QuerySet):
    """A claim's current verdict is the one not retracted; the database allows one per claim."""

    def current(self) -> "VerdictQuerySet":
        return self.exclude(status=self.model.Status.RETRACTED)

    @staticmethod
    def is_current(verdict: "Verdict") -> bool:
        """``current()`` for a verdict already loaded (a prefetched list)."""
        return verdict.status != verdict.Status.RETRACTED


class Verdict(TimeStamped):
    """The review of a claim, from draft to publication (or retraction)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "Submitted to editor"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        RETRACTED = "retracted", "Retracted"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.ForeignKey(
        Rating, null=True, blank=True, on_delete=models.PROTECT, related_name="verdicts"
    )
    summary = models.TextField(blank=True)
    explanation = models.TextField(blank=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="verdicts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verdicts_drafted",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verdicts_edited",
    )
    editor_note = models.TextField(blank=True, help_text="Why it was sent back, or retracted.")
    published_at = models.DateTimeField(null=True, blank=True)
    retracted_at = models.DateTimeField(null=True, blank=True)
    public_url = models.URLField(max_length=2000, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Optimistic lock: bumped on every save."
    )

    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        permissions = [
            ("publish_verdict", "Can approve, publish and retract verdicts"),
            ("export_verdict", "Can export verdicts"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=~Q(status="retracted"),
                name="verdict_one_current_per_claim",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(published_at__isnull=False, rating__isnull=False),
                name="verdict_published_has_date_and_rating",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="verdict_status_published"),
        ]

    def __str__(self) -> str:
        rating = self.rating.label if self.rating_id else "unrated"
        return f"{rating}: {self.claim} ({self.get_status_display()})"


class ReviewRating(models.Model):
    """One reviewer's independent rating of a claim under blind double review."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_ratings")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_ratings"
    )
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="review_ratings")
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
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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


class Webhook(TimeStamped):
    """An API client's URL that receives an HMAC-signed POST when verdicts change."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=128)
    events = models.JSONField(default=list, help_text='e.g. ["verdict.published"]')
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["owner", "url"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One attempt-tracked delivery of an event to a webhook."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook} ({self.status})"


class ExportJob(TimeStamped):
    """A large verdict export written to a file by a worker, with progress a person can watch."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
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
