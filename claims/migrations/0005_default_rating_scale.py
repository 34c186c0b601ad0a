"""A five-point truth scale, so a new installation can rate claims at once (claims/defaults.py)."""

from django.db import migrations


def create_scale(apps, schema_editor):
    from claims.defaults import ensure_default_rating_scale

    ensure_default_rating_scale(apps)


def remove_scale(apps, schema_editor):
    apps.get_model("claims", "RatingScale").objects.filter(slug="truth-5").delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_claim_match_prefix")]

    operations = [migrations.RunPython(create_scale, remove_scale)]
