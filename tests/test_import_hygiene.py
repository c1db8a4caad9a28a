"""The engine never imports Textual: scripting stays light and the console stays a layer on top.

One place lists every engine module and command, part by part; each part is imported in a fresh
interpreter, which must end with no ``textual`` module loaded.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

ENGINE_PARTS: dict[str, list[str]] = {
    "rules": ["firedrill.models", "firedrill.rules", "firedrill.rules.organisation", "firedrill.rules.report",
              "firedrill.config", "firedrill.cli.main", "firedrill.cli.classify", "firedrill.cli.org",
              "firedrill.cli.holidays"],
    "playbooks": ["firedrill.playbook.loader", "firedrill.playbook.search", "firedrill.playbook.calculators",
                  "firedrill.cli.playbook"],
    "journal": ["firedrill.journal", "firedrill.incident.export", "firedrill.datadir", "firedrill.cli.journal"],
    "procedure": ["firedrill.procedure", "firedrill.incident.procedure_export", "firedrill.cli.procedure"],
    "incident": ["firedrill.incident.desk", "firedrill.incident.fold", "firedrill.incident.board",
                 "firedrill.incident.dispatch", "firedrill.incident.alerts", "firedrill.incident.assign",
                 "firedrill.cli.incident", "firedrill.cli.board", "firedrill.cli.unit"],
    "stations": ["firedrill.stations", "firedrill.cli.dispatch"],
    "replay": ["firedrill.replay.engine", "firedrill.replay.expect", "firedrill.replay.drill",
               "firedrill.replay.interactive", "firedrill.replay.report", "firedrill.replay.record",
               "firedrill.replay.store", "firedrill.cli.replay", "firedrill.cli.drill"],
    "quiz": ["firedrill.quiz.session", "firedrill.quiz.terminal", "firedrill.quiz.export", "firedrill.cli.quiz",
             "firedrill.cli.serve"],
    # The console's entry points and its replay modes' logic, which load Textual only when run.
    "console entry": ["firedrill.cli.console", "firedrill.tui.replay", "firedrill.tui.replay.player",
                      "firedrill.tui.replay.lines", "firedrill.tui.replay.answer", "firedrill.tui.replay.summary"],
}  # fmt: skip


def textual_loaded_by(modules: list[str]) -> list[str]:
    """The textual modules a fresh interpreter has loaded after importing ``modules``."""
    code = (
        f"import importlib, sys; [importlib.import_module(m) for m in {modules!r}]; "
        "print(','.join(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return [m for m in result.stdout.strip().split(",") if m]


@pytest.mark.parametrize("part", list(ENGINE_PARTS))
def test_engine_part_leaves_textual_out(part: str) -> None:
    assert textual_loaded_by(ENGINE_PARTS[part]) == []


def test_the_check_sees_textual_when_it_is_loaded() -> None:
    assert "textual.app" in textual_loaded_by(["firedrill.tui.app"])


def test_classify_runs_without_textual() -> None:
    code = (
        "import sys; from firedrill.cli.main import main; "
        "rc = main(['classify', '--deaths', '10', '--at', '2026-03-04T12:00', '--json']); "
        "sys.exit(rc or any(m.startswith('textual') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
