"""Install the cross-row integrity triggers described in claims/db_rules.py."""

from django.db import migrations


def install(apps, schema_editor):
    from claims.db_rules import install_integrity_triggers

    install_integrity_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
