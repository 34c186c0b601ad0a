from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _reinstall_triggers(sender, using, plan=None, **kwargs):
    from django.db import connections

    from claims.db_rules import install_integrity_triggers

    # Only when claims' tables exist (i.e. its migrations have run on this database).
    if "claims_claim" in connections[using].introspection.table_names():
        install_integrity_triggers(connections[using])


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims, sources and verdicts"

    def ready(self) -> None:
        post_migrate.connect(_reinstall_triggers, sender=self, dispatch_uid="claims_triggers")
