"""The `articlebot` command line, run as a user runs it: exit codes and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.articles import HARBOUR, ORCHARD

ROOT = Path(__file__).parents[2]


def cli(
    *args: str, db: Path, stdin: str = "", env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `articlebot` in a child process; `env` adds variables, or removes those set to None."""
    variables = {
        **os.environ,
        "ARTICLEBOT_DB": str(db),
        "ARTICLEBOT_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    for name, value in (env or {}).items():
        if value is None:
            variables.pop(name, None)
        else:
            variables[name] = value
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        env=variables,
        cwd=db.parent,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_ask_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    article = tmp_path / "bridge.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    added = cli("ask", "--attach", str(article), "!add", db=db)
    assert added.returncode == 0, added.stderr
    assert "Added #1" in added.stdout
    found = cli("ask", "quote safety comes first", db=db)
    assert found.returncode == 0 and "Solberg" in found.stdout
    refused = cli("ask", "--as", "member", "!remove #1", db=db)
    assert refused.returncode == 1 and "moderators only" in refused.stdout
    assert cli("ask", "!article #1", db=db).returncode == 0
    assert cli("ask", "!summary #9", db=db).returncode == 1
    # Whatever is not a command is misuse, however it is not one.
    for text in ("!frobnicate", "hello", "!", "  "):
        result = cli("ask", text, db=db)
        assert result.returncode == 2 and "command" in result.stderr, (text, result.stderr)
    assert cli("ask", "--attach", str(tmp_path / "missing.txt"), "!add", db=db).returncode == 2
    assert cli("ask", "--as", "king", "!help", db=db).returncode == 2
    assert cli("frobnicate", db=db).returncode == 2


def test_bad_configuration_fails_naming_the_variable(tmp_path: Path) -> None:
    result = cli("ask", "!help", db=tmp_path / "lib.db", env={"ARTICLEBOT_PREFIX": "quote"})
    assert result.returncode == 2 and "ARTICLEBOT_PREFIX" in result.stderr


def test_ingest_folder_export_and_import(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(ORCHARD, encoding="utf-8")
    (folder / "c.txt").write_text(HARBOUR, encoding="utf-8")  # a duplicate
    (folder / "d.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / "e.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text(ORCHARD, encoding="utf-8")
    db = tmp_path / "lib.db"
    # the folder twice, and a file inside it again: each file is read once
    result = cli("ingest", str(folder), str(folder), str(folder / "a.txt"), db=db)
    assert result.returncode == 1  # two files failed
    assert "added 2, duplicates 1, failed 2" in result.stdout
    assert "d.txt" in result.stdout and "PNG" in result.stdout
    assert "e.pdf: .pdf files are not supported" in result.stdout
    assert ".hidden" not in result.stdout

    export = tmp_path / "library.json"
    assert cli("export", str(export), db=db).returncode == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 2 and all(a["quotations"] for a in data["articles"])
    other = tmp_path / "other.db"
    assert cli("import", str(export), db=other).returncode == 0
    again = tmp_path / "again.json"
    assert cli("export", str(again), db=other).returncode == 0
    assert json.loads(again.read_text(encoding="utf-8")) == data
    assert cli("import", str(export), db=other).returncode == 1  # not empty any more


def test_console_session(tmp_path: Path) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    result = cli(
        "run",
        db=tmp_path / "lib.db",
        stdin=f"add @{article}\nquote by:Solberg\n!sources\nhelp quote\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Added #1" in result.stdout
    assert "Solberg" in result.stdout
    assert "#1 The harbour bridge" in result.stdout
    assert "!quote [words] [by:speaker] [in:article]" in result.stdout


def test_console_names_a_missing_or_wrong_attachment(tmp_path: Path) -> None:
    result = cli(
        "run",
        db=tmp_path / "lib.db",
        stdin=f"add @{tmp_path}/nothing.txt\nadd @{tmp_path}\nquote @everyone\n",
    )
    assert result.returncode == 0, result.stderr
    assert f"No such file: {tmp_path}/nothing.txt" in result.stdout
    assert "is a folder" in result.stdout
    assert "Nothing found" in result.stdout or "no quotations" in result.stdout


def test_clear_errors_instead_of_tracebacks(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    article = tmp_path / "bridge.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    assert cli("ask", "--attach", str(article), "!add", db=db).returncode == 0

    cases = [
        (("export", str(tmp_path / "missing-dir" / "x.json")), 1, "cannot write"),
        (("export", "--db", str(tmp_path / "none.db"), str(tmp_path / "x.json")), 2, "no library"),
        (("ask", "--db", str(tmp_path), "!sources"), 2, "no library"),
        (("ask", "--db", str(tmp_path / "typo" / "l.db"), "!quote tigers"), 2, "no library"),
        (("ask", "--attach", str(tmp_path), "!add"), 2, "is a folder"),
        (("eval", "quotes", "--data", str(article), "--limit", "-3"), 2, "at least 1"),
    ]
    for args, code, message in cases:
        result = cli(*args, db=db)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "none.db").exists()
    assert not (tmp_path / "typo").exists()

    damaged = [
        {
            "format": "articlebot-library",
            "schema": 2,
            "quotations": [
                {"id": 1, "article_id": 99, "text": "x", "speaker": "", "start": 0, "end": 1}
            ],
        },
        {"format": "articlebot-library", "schema": 2, "articles": [{"id": 1, "title": "t"}]},
        {"format": "articlebot-library", "schema": 2, "articles": {"id": 1}},
        {"format": "articlebot-library", "schema": 99},
        ["not", "an", "export"],
    ]
    for number, data in enumerate(damaged):
        export = tmp_path / f"damaged{number}.json"
        export.write_text(json.dumps(data), encoding="utf-8")
        target = tmp_path / f"target{number}.db"
        result = cli("import", str(export), db=target)
        assert result.returncode == 1, (data, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.startswith("articlebot:")


def test_help_needs_no_library_and_add_makes_one(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert cli("ask", "!help", db=db).returncode == 0
    assert not db.exists()
    article = tmp_path / "bridge.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    assert cli("ask", "--attach", str(article), "!add", db=db).returncode == 0
    assert db.exists()


def test_each_community_named_on_the_command_line_has_its_own_library(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    article = tmp_path / "bridge.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    added = cli("ask", "--community", "harbour-club", "--attach", str(article), "!add", db=db)
    assert added.returncode == 0 and "Added #1" in added.stdout
    assert "Solberg" in cli("ask", "--community", "harbour-club", "quote by:Solberg", db=db).stdout
    elsewhere = cli("ask", "quote by:Solberg", db=db)  # the default community
    assert elsewhere.returncode == 1 and "No quotations by `Solberg`" in elsewhere.stdout
    export = tmp_path / "club.json"
    assert cli("export", "--community", "harbour-club", str(export), db=db).returncode == 0
    assert cli("export", "--community", "nobody", str(export), db=db).returncode == 1
    listing = cli("communities", db=db).stdout
    assert "harbour-club: 1 articles" in listing


def test_one_shot_commands_keep_the_terminal_quiet(tmp_path: Path) -> None:
    result = cli("ask", "!help", db=tmp_path / "lib.db", env={"ARTICLEBOT_LOG_LEVEL": None})
    assert result.returncode == 0 and result.stderr == ""
    version = cli("--version", db=tmp_path / "lib.db")
    assert version.stdout.startswith("articlebot ")


def test_eval_quotes_takes_a_half_and_a_sample(tmp_path: Path) -> None:
    text = "Pier vote\n\n“The pier stays open for everyone,” said Ana Lima."
    start = text.index("The pier")
    quote = "The pier stays open for everyone,"
    rows = [
        {
            "id": f"pier-{n}",
            "text": text,
            "quotes": [
                {"quote": quote, "start": start, "end": start + len(quote), "speaker": "Ana Lima"}
            ],
        }
        for n in range(8)
    ]
    data = tmp_path / "q.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    db = tmp_path / "lib.db"
    halves = []
    for half in ("a", "b"):
        result = cli("eval", "quotes", "--data", str(data), "--half", half, "--json", db=db)
        assert result.returncode == 0, result.stderr
        halves.append(json.loads(result.stdout)["items"])
    assert sum(halves) == 8
    result = cli("eval", "quotes", "--data", str(data), "--sample", "2", "--seed", "3", db=db)
    assert result.returncode == 0, result.stderr
    assert "said_right: 1.0" in result.stdout
    assert result.stdout.count("--- sample") == 2
    assert "quote: The pier stays open for everyone," in result.stdout
    assert cli("eval", "quotes", "--data", str(data), "--half", "c", db=db).returncode == 2
