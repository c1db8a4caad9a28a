"""The replay and drill engines, and their commands, never import Textual."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "firedrill.replay.engine", "firedrill.replay.expect", "firedrill.replay.drill", "firedrill.replay.interactive",
    "firedrill.replay.report", "firedrill.replay.record", "firedrill.replay.store", "firedrill.cli.replay",
    "firedrill.cli.drill",
]  # fmt: skip


def test_replay_modules_leave_textual_out() -> None:
    code = (
        f"import importlib, sys; [importlib.import_module(m) for m in {MODULES!r}]; "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')); "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"imported {result.stdout.strip()} {result.stderr.strip()}"
