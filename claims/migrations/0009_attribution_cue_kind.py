from django.db import migrations, models


class Migration(migrations.Migration):
    """The kind of report an attribution's cue makes. Rows made before it stay empty until
    their article is extracted again."""

    dependencies = [
        ("claims", "0008_background_work"),
    ]

    operations = [
        migrations.AddField(
            model_name="attribution",
            name="cue_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("speech", "Speech"),
                    ("writing", "Writing"),
                    ("according_to", "According to"),
                    ("belief", "Belief"),
                    ("intent", "Intention"),
                    ("evidence", "Evidence"),
                    ("other", "Other"),
                ],
                help_text="Empty when there is no cue (the article's own voice) or it is not known.",
                max_length=12,
            ),
        ),
    ]
