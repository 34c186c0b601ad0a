from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_database_defaults(sender, using, **kwargs):
    """After every migrate and flush: the integrity, latest-date and matching index triggers, the
    matching keys of claims stored before they existed, role groups and the default scale."""
    from django.db import connections

    from claims.db_dates import install_latest_published_triggers
    from claims.db_rules import install_integrity_triggers
    from claims.defaults import ensure_default_rating_scale, ensure_roles
    from claims.matching.index import fill_match_keys, install_index_triggers

    # Only once claims' tables exist (its migrations have run on this database).
    if "claims_claim" not in connections[using].introspection.table_names():
        return
    install_integrity_triggers(connections[using])
    install_latest_published_triggers(connections[using])
    install_index_triggers(connections[using])
    fill_match_keys(connections[using])
    ensure_roles()
    ensure_default_rating_scale()


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims, sources and verdicts"

    def ready(self) -> None:
        from factcheck.auth_cache import connect_signals

        post_migrate.connect(_ensure_database_defaults, sender=self, dispatch_uid="claims_defaults")
        # The desk's and the API's users, tokens and permissions are cached (factcheck/auth_cache.py).
        connect_signals()
