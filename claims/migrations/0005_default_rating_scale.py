"""A five-point truth scale, so a new installation can rate claims at once.

The scale is a copy of ``claims/defaults.py`` as it stood when this migration was written, so this
step of history stays the same when that module changes; ``ClaimsConfig.ready`` ensures the current
default scale after every ``migrate`` and ``flush``.
"""

from django.db import migrations

DEFAULT_SCALE = {
    "slug": "truth-5",
    "name": "Truth scale",
    "worst": 1,
    "best": 5,
    "description": "From False (1) to True (5).",
}
DEFAULT_RATINGS = [
    (1, "False", "The claim is inaccurate."),
    (2, "Mostly false", "The claim holds an element of truth but ignores facts that change it."),
    (3, "Half true", "The claim is partially accurate but leaves out important details."),
    (4, "Mostly true", "The claim is accurate but needs clarification or more information."),
    (5, "True", "The claim is accurate and nothing significant is missing."),
]


def create_scale(apps, schema_editor):
    RatingScale = apps.get_model("claims", "RatingScale")
    Rating = apps.get_model("claims", "Rating")
    fields = {k: v for k, v in DEFAULT_SCALE.items() if k != "slug"}
    scale, created = RatingScale.objects.get_or_create(slug=DEFAULT_SCALE["slug"], defaults=fields)
    if created:
        for value, label, description in DEFAULT_RATINGS:
            Rating.objects.create(scale=scale, value=value, label=label, description=description)


def remove_scale(apps, schema_editor):
    apps.get_model("claims", "RatingScale").objects.filter(slug=DEFAULT_SCALE["slug"]).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_claim_match_prefix")]

    operations = [migrations.RunPython(create_scale, remove_scale)]
