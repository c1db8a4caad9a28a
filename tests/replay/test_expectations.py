"""Expectations: those that hold pass, those that do not are reported with file, line, field,
expected and actual — through the API and through ``firedrill replay --check``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from firedrill.cli import replay as replay_cli
from firedrill.cli.main import main
from firedrill.replay.expect import check_replay
from tests.replay.cli import run
from tests.replay.helpers import BASE, line_with, replay_of, write

ROOT = Path(__file__).resolve().parents[2]

# 700 m² in a crowded place at 21:50 is major (1.4), 4.4.2 major scale starts at 6/11/21; at 22:00
# the night trigger (4.3(3)) raises it; +00:30 is 22:10.
GOOD = BASE + """\
    base_level: major
    escalated: false
    triggers: []
    dispatch: {stations: 6, formations: 11, engines: 21}
  - at: "+00:20"
    level: especially_major
    triggers: [night]
    alert: night_trigger
"""
WRONG = GOOD.replace("""  - at: "+00:20"
    level: especially_major""", """  - at: "+00:20"
    level: major""")


def test_expectations_that_hold_pass(tmp_path: Path) -> None:
    results = check_replay(replay_of(tmp_path, GOOD))
    assert [r.passed for r in results] == [True, True]
    assert [c.field for c in results[0].checks] == [
        "level", "base_level", "escalated", "triggers", "dispatch.stations", "dispatch.formations", "dispatch.engines",
    ]


def test_a_failed_expectation_is_reported_not_swallowed(tmp_path: Path) -> None:
    results = check_replay(replay_of(tmp_path, WRONG))
    failed = [r for r in results if not r.passed]
    assert len(failed) == 1
    assert failed[0].line == line_with(WRONG, '- at: "+00:20"')
    level = next(c for c in failed[0].checks if c.field == "level")
    assert (level.expected, level.actual, level.passed) == ("major", "especially_major", False)
    assert all(c.passed for c in failed[0].checks if c.field != "level")


def test_alert_expected_before_it_fires_fails(tmp_path: Path) -> None:
    text = BASE.replace("    level: major", "    alert: night_trigger")
    result = check_replay(replay_of(tmp_path, text))[0]
    assert not result.passed and result.checks[0].actual == "(not fired)"


def test_check_exits_1_naming_file_line_expected_actual(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, wrong = write(tmp_path, GOOD, "good.yaml"), write(tmp_path, WRONG, "wrong.yaml")
    assert run(replay_cli, str(good), "--check", "--lang", "en") == 0
    capsys.readouterr()
    assert run(replay_cli, str(good), str(wrong), "--check", "--lang", "en") == 1
    out = capsys.readouterr().out
    line = line_with(WRONG, '- at: "+00:20"')
    assert f"FAIL {wrong}:{line}: expect[1] +0:20:00" in out
    assert "level: expected major, got especially_major" in out
    assert f"{good}:" not in out  # with many files only failures are listed
    assert out.strip().splitlines()[-1] == "summary: 2 scripts, 4 expectations, 1 failed"


def test_a_bad_file_among_many_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, GOOD, "good.yaml")
    bad = write(tmp_path, BASE.replace("playbook: shopping-mall", "playbook: castle"), "bad.yaml")
    assert main(["replay", str(bad), str(good), "--check", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    prefix = f"firedrill: error: {bad}:{line_with(BASE, 'playbook:')}: field 'playbook': no playbook 'castle'"
    assert captured.err.startswith(prefix) and "shopping-mall" in captured.err
    assert len(captured.err.strip().splitlines()) == 1 and "Traceback" not in captured.err
    assert "summary: 1 scripts, 2 expectations, 0 failed" in captured.out


def test_json_timeline_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GOOD)
    assert run(replay_cli, str(path), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["format"], data["version"]) == ("firedrill-replay", 1)
    replay = data["replays"][0]
    assert replay["script"]["id"] == "test-script" and replay["script"]["start"] == "2026-11-24T21:40:00+08:00"
    entry = replay["timeline"][2]
    assert entry["offset"] == "+0:20:00" and entry["kinds"] == ["alert", "change"]
    assert entry["decision"]["level"] == "especially_major"
    assert entry["decision"]["dispatch"]["stations"] == {"minimum": 10, "maximum": None}
    assert entry["alerts"][0]["code"] == "night_trigger"
    assert {c["kind"] for c in entry["changes"]} >= {"level", "escalation", "trigger_on", "dispatch"}
    assert [r["passed"] for r in replay["expectations"]] == [True, True]
    assert data["summary"] == {"scripts": 1, "expectations": 2, "failed": 0, "scripts_failed": 0}


def test_text_in_english_and_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GOOD)
    run(replay_cli, str(path), "--lang", "en")
    english = capsys.readouterr().out
    assert "level Major → Especially major" in english and "Night trigger holds (4.3(3))" in english
    run(replay_cli, str(path))
    chinese = capsys.readouterr().out
    assert "等级 重大 → 特别重大" in chinese and "夜间情形成立(4.3(3))" in chinese


def test_same_script_same_timeline_byte_for_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GOOD)
    outputs = []
    for _ in range(2):
        run(replay_cli, str(path), "--json")
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    # another process with another hash seed: no dict- or set-order surprises
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-m", "firedrill", "replay", str(path), "--json"], capture_output=True,
                           text=True, check=True, env=env, cwd=ROOT)  # fmt: skip
    assert other.stdout == outputs[0]
