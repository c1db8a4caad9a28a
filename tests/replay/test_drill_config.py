"""``firedrill drill --config`` passes the local procedure time targets to the marking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firedrill.cli.main import main
from tests.conftest import ROOT

SCRIPT = ROOT / "scenarios" / "hanzheng-mall-night.yaml"
ANSWERS = ROOT / "scenarios" / "answers" / "hanzheng-mall-night.yaml"


def _marked(capsys: pytest.CaptureFixture[str], tmp_path: Path, *extra: str) -> dict[str, object]:
    argv = ["drill", str(SCRIPT), "--answers", str(ANSWERS), "--out", str(tmp_path), "--no-save", "--json", *extra]
    assert main(argv) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def test_a_local_time_target_from_the_config_makes_a_tick_late(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plain = _marked(capsys, tmp_path)
    config = tmp_path / "config.yaml"
    # Forces must be dispatched within 6 seconds of the report: the sample answers tick it later.
    config.write_text("procedure:\n  targets:\n    turn_out: {minutes: 0.1, after: reported}\n", encoding="utf-8")
    strict = _marked(capsys, tmp_path, "--config", str(config))
    assert plain["targets"] != strict["targets"]
    assert isinstance(plain["score"], float) and isinstance(strict["score"], float)
    assert strict["score"] < plain["score"]
