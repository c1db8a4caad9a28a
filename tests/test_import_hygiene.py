"""The engine never imports Textual: scripting stays light and the console stays a layer on top."""

from __future__ import annotations

import subprocess
import sys

import pytest

ENGINE_MODULES = [
    "firedrill.models",
    "firedrill.rules",
    "firedrill.rules.organisation",
    "firedrill.rules.report",
    "firedrill.playbook.loader",
    "firedrill.journal",
    "firedrill.stations",
    "firedrill.procedure",
    "firedrill.config",
    "firedrill.cli.playbook",
    "firedrill.cli.main",
    "firedrill.cli.classify",
]


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_module_leaves_textual_out(module: str) -> None:
    code = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')); "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{module} imported {result.stdout.strip()} {result.stderr.strip()}"


def test_classify_runs_without_textual() -> None:
    code = (
        "import sys; from firedrill.cli.main import main; "
        "rc = main(['classify', '--deaths', '10', '--at', '2026-03-04T12:00', '--json']); "
        "sys.exit(rc or any(m.startswith('textual') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
