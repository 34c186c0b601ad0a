"""Who speaks or publishes, and the other names the text gives them."""

from django.db import models
from django.db.models import F, Q

from factcheck.models import TimeStamped


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
