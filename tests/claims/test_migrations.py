"""Migrations carry the SQL and data they need, so history does not change when live code does."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

MIGRATIONS = sorted(
    path
    for app in ("articles", "claims")
    for path in (Path(settings.BASE_DIR) / app / "migrations").glob("[0-9]*.py")
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    return names


@pytest.mark.parametrize(
    "path", MIGRATIONS, ids=lambda path: f"{path.parent.parent.name}/{path.name}"
)
def test_migration_imports_django_only(path):
    outside = {name for name in imported_modules(path) if name.split(".")[0] != "django"}
    assert outside == set()


SQUASHED = [
    ("articles", "0001_squashed_0002_background_work"),
    ("claims", "0001_squashed_0011_claim_matching"),
]


@pytest.mark.django_db
def test_database_migrated_before_the_squash_has_nothing_to_migrate():
    # Given a database that recorded only the migrations the squashed ones replace
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    replaced = [
        name for key in SQUASHED for name in MigrationLoader(None).disk_migrations[key].replaces
    ]
    for app_label, name in replaced:
        recorder.record_applied(app_label, name)
    for app_label, name in SQUASHED:
        recorder.record_unapplied(app_label, name)

    # When the loader reads the history
    executor = MigrationExecutor(connection)

    # Then each squashed migration counts as applied and nothing is left to run
    assert set(SQUASHED) <= set(executor.loader.applied_migrations)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_a_later_migration_may_depend_on_a_replaced_one():
    # Given a later claims migration written against the last of the replaced names
    from django.db import migrations
    from django.db.migrations.loader import MigrationLoader

    class WithLaterMigration(MigrationLoader):
        def load_disk(self):
            super().load_disk()
            later = migrations.Migration("0012_later", "claims")
            later.dependencies = [("claims", "0011_claim_matching")]
            self.disk_migrations[("claims", "0012_later")] = later

    # When the loader builds the graph
    graph = WithLaterMigration(None).graph

    # Then it follows the squashed migration
    parents = {node.key for node in graph.node_map[("claims", "0012_later")].parents}
    assert parents == {("claims", "0001_squashed_0011_claim_matching")}
