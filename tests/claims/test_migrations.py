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
