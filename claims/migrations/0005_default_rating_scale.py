"""A five-point truth scale, so a new installation can rate claims at once (editors may add more)."""

from django.db import migrations

RATINGS = [
    (1, "False", "The claim is inaccurate."),
    (2, "Mostly false", "The claim holds an element of truth but ignores facts that change it."),
    (3, "Half true", "The claim is partially accurate but leaves out important details."),
    (4, "Mostly true", "The claim is accurate but needs clarification or more information."),
    (5, "True", "The claim is accurate and nothing significant is missing."),
]


def create_scale(apps, schema_editor):
    RatingScale = apps.get_model("claims", "RatingScale")
    Rating = apps.get_model("claims", "Rating")
    scale, _ = RatingScale.objects.get_or_create(
        slug="truth-5",
        defaults={
            "name": "Truth scale",
            "worst": 1,
            "best": 5,
            "description": "From False (1) to True (5).",
        },
    )
    for value, label, description in RATINGS:
        Rating.objects.get_or_create(
            scale=scale, value=value, defaults={"label": label, "description": description}
        )


def remove_scale(apps, schema_editor):
    apps.get_model("claims", "RatingScale").objects.filter(slug="truth-5").delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_claim_match_prefix")]

    operations = [migrations.RunPython(create_scale, remove_scale)]
