from pathlib import Path

from bot.commands.catalog import COMMANDS
from bot.commands.readme_table import markdown_table

ROOT = Path(__file__).parents[2]


def test_readme_lists_the_declared_commands() -> None:
    assert markdown_table(COMMANDS) in (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "\nmake test\n" in ci
