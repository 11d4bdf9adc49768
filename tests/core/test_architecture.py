"""The layering rule: the core never imports a platform library; the store imports no layer."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
RULES = {
    "bot": {"discord", "nio", "adapters"},
    "storage": {"discord", "nio", "adapters", "bot"},
    "adapters": {"storage", "aiosqlite", "asyncpg", "sqlite3"},
}
# What the engines own: nothing else may name their drivers.
ENGINE_MODULES = {"aiosqlite": "storage/sqlite", "asyncpg": "storage/postgres"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_imports_nothing_forbidden(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & RULES[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_only_each_engine_imports_its_driver() -> None:
    for driver, home in ENGINE_MODULES.items():
        users = {
            str(path.relative_to(ROOT))
            for package in ("bot", "adapters", "storage")
            for path in (ROOT / package).rglob("*.py")
            if driver in imported_modules(path)
        }
        assert all(user.startswith(home) for user in users), (driver, users)


def test_handlers_get_a_scoped_library_never_the_store_or_the_bot() -> None:
    from dataclasses import fields

    from bot.commands.context import Context

    kinds = {f.name: str(f.type) for f in fields(Context)}
    assert "library" in kinds and kinds["library"] == "Library"
    assert not any(kind in ("Bot", "Store", "SqlStore") for kind in kinds.values()), kinds
    for path in (ROOT / "bot" / "commands").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\.store\b|bot\.core|\bStore\b", source), path.name


def test_import_linter_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.fail("import-linter is not installed in this environment")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
