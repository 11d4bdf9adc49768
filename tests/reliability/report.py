"""Run the reliability suites and write their table into `docs/reliability.md`.

    python -m tests.reliability.report            # the main-suite run (about a minute)
    python -m tests.reliability.report --slow     # the slow run (`make test-slow` scope)
    python -m tests.reliability.report --platforms  # Discord/Matrix privilege, ping, crash tests
    python -m tests.reliability.report --render   # only rewrite the doc from stored results

Each run stores its counts in `tests/reliability/results/<run>.json` (written by the tally
plugin in `conftest.py`, or read from the JUnit XML of the platform tests); the doc's tables
are rebuilt from all stored results, between the `<!-- table:<run> -->` markers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[2]
RESULTS = Path(__file__).parent / "results"
DOC = ROOT / "docs" / "reliability.md"

# Tests of the Discord and Matrix engineers that this table counts (not duplicated here).
PLATFORM_TESTS: dict[str, list[str]] = {
    "Privilege: Discord members (simcord)": [
        "tests/discord/test_permissions.py::test_member_is_refused_every_moderator_slash_command",
        "tests/discord/test_permissions.py::test_member_is_refused_every_moderator_prefix_command",
        "tests/discord/test_uploads.py::test_a_members_files_are_never_downloaded",
    ],
    "No mass ping: Discord": [
        "tests/discord/test_mentions_and_floods.py::test_quoted_mentions_ping_nobody",
        "tests/discord/test_mentions_and_floods.py::test_the_client_forbids_mentions_by_default",
        "tests/discord/test_mentions_and_floods.py::test_feed_announcements_are_posted_without_pings",
    ],
    "Flood: Discord (prefix and slash)": [
        "tests/discord/test_mentions_and_floods.py::test_a_flood_gets_one_notice_and_others_are_unaffected",
        "tests/discord/test_mentions_and_floods.py::test_a_slash_flood_gets_one_private_notice",
    ],
    "Privilege: Matrix members (Synapse, power level 0)": [
        "tests/matrix/test_matrix_moderation.py::test_member_refused_every_moderator_command_nothing_changed_all_logged",
    ],
    "No mass ping / markup: Matrix (Synapse)": [
        "tests/matrix/test_matrix_commands.py::test_hostile_article_is_quoted_without_markup_or_ping",
    ],
    "Crash: Matrix bot killed / restarted (answered exactly once)": [
        "tests/matrix/test_matrix_reliability.py::test_killed_between_reply_and_token_save_answers_exactly_once",
        "tests/matrix/test_matrix_reliability.py::test_restart_answers_nothing_twice_and_what_came_while_down_once",
    ],
    "Fault: homeserver down, rate limits (Matrix)": [
        "tests/matrix/test_matrix_reliability.py::test_homeserver_stopped_and_restarted_bot_backs_off_and_recovers",
        "tests/matrix/test_matrix_offline.py::test_sync_rate_limit_is_honoured_and_backoff_grows",
    ],
    "Flood: Matrix burst of 100 commands, 3 users": [
        "tests/matrix/test_matrix_reliability.py::test_burst_of_100_commands_from_three_users_each_answered_once",
    ],
}


def _pytest(args: list[str], env: dict[str, str]) -> int:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args]
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def run_suite(name: str, marker: str) -> int:
    out = RESULTS / f"{name}.json"
    env = {**os.environ, "ARTICLEBOT_RELIABILITY_OUT": str(out)}
    started = datetime.now(UTC)
    code = _pytest(["tests/reliability", "-m", marker], env)
    seconds = (datetime.now(UTC) - started).total_seconds()
    data = json.loads(out.read_text(encoding="utf-8"))
    out.write_text(json.dumps(_stamp(data, seconds, code), indent=1, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    return code


def _stamp(data: dict[str, Any], seconds: float, code: int) -> dict[str, Any]:
    return {
        "run": {
            "at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "seconds": round(seconds),
            "exit": code,
        },
        "attacks": data,
    }


def run_platforms() -> int:
    xml = RESULTS / "platforms.xml"
    env = dict(os.environ)
    synapse = ROOT / ".synapse-venv" / "bin" / "python"
    if "ARTICLEBOT_SYNAPSE_PYTHON" not in env and synapse.exists():
        env["ARTICLEBOT_SYNAPSE_PYTHON"] = str(synapse)
    ids = [test for tests in PLATFORM_TESTS.values() for test in tests]
    started = datetime.now(UTC)
    code = _pytest([*ids, f"--junitxml={xml}"], env)
    seconds = (datetime.now(UTC) - started).total_seconds()
    data = platform_counts(xml)
    xml.unlink()
    (RESULTS / "platforms.json").write_text(
        json.dumps(_stamp(data, seconds, code), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return code


def platform_counts(xml: Path) -> dict[str, Any]:
    """Cases per row: every collected case (parametrized ones each) of the mapped tests."""
    outcomes: dict[str, list[tuple[str, str]]] = {}
    for case in ET.parse(xml).getroot().iter("testcase"):
        module = case.get("classname", "").replace(".", "/") + ".py"
        name = re.sub(r"\[.*\]$", "", case.get("name", ""))
        outcome, reason = "passed", ""
        for child in case:
            if child.tag in ("failure", "error"):
                outcome, reason = "failed", (child.get("message") or "")[:120]
            elif child.tag == "skipped":
                outcome, reason = "skipped", (child.get("message") or "")[:120]
        outcomes.setdefault(f"{module}::{name}", []).append((outcome, reason))
    data: dict[str, Any] = {}
    for attack, tests in PLATFORM_TESTS.items():
        found = [(t, o, r) for t in tests for o, r in outcomes.get(t, [("missing", "")])]
        data[attack] = {
            "tried": sum(o in ("passed", "failed") for _, o, _ in found),
            "passed": sum(o == "passed" for _, o, _ in found),
            "tests": len(tests),
            "failed_tests": sorted({t for t, o, _ in found if o == "failed"}),
            "open": [f"{o} {t.rsplit('::', 1)[1]}: {r}".strip(": ")
                     for t, o, r in found if o in ("skipped", "missing")],
            "notes": [],
        }
    return data


# -- the doc ------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(name: str) -> str:
    path = RESULTS / f"{name}.json"
    if not path.exists():
        return f"_No `{name}` results yet: run `python -m tests.reliability.report`._"
    stored = json.loads(path.read_text(encoding="utf-8"))
    run, attacks = stored["run"], stored["attacks"]
    lines = [
        f"Run {run['at']}, {run['seconds']:,} s, pytest exit code {run['exit']}.",
        "",
        "| Attack or fault | Cases tried | Passed | Tests | Open issues | Figures |",
        "|---|---:|---:|---:|---|---|",
    ]
    total_tried = total_passed = 0
    for attack, count in attacks.items():
        total_tried += count["tried"]
        total_passed += count["passed"]
        open_items = [*count["open"], *(f"FAILED {t}" for t in count["failed_tests"])]
        lines.append(
            f"| {_cell(attack)} | {count['tried']:,} | {count['passed']:,} | {count['tests']} | "
            f"{_cell('; '.join(open_items)) or 'none'} | {_cell('; '.join(count['notes']))} |"
        )
    lines.append(f"| **Total** | **{total_tried:,}** | **{total_passed:,}** | | | |")
    return "\n".join(lines)


def _filler(body: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m.group(1) + body + "\n" + m.group(2)


def render() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for name in ("quick", "slow", "platforms"):
        pattern = re.compile(
            rf"(<!-- table:{name} -->\n)(?:.*?\n)?(<!-- /table:{name} -->)", re.DOTALL
        )
        doc = pattern.sub(_filler(table(name)), doc)
    DOC.write_text(doc, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", action="store_true", help="the slow run instead of the quick")
    parser.add_argument("--platforms", action="store_true", help="the Discord/Matrix tests")
    parser.add_argument("--render", action="store_true", help="only rebuild the doc")
    args = parser.parse_args(argv)
    RESULTS.mkdir(exist_ok=True)
    code = 0
    if not args.render:
        if args.platforms:
            code = run_platforms()
        elif args.slow:
            code = run_suite("slow", "slow")
        else:
            code = run_suite("quick", "not slow")
    render()
    return code


if __name__ == "__main__":
    sys.exit(main())
