"""Building small scenario scripts for the replay tests, and finding the line a marker is on."""

from __future__ import annotations

from pathlib import Path

from firedrill.replay.engine import Replay
from firedrill.replay.parser import load_script

# A crowded-place fire reported at 21:40 that becomes major (700 m², 1.4) at 21:50, before the
# night window; the clock reaches 22:00 at +00:20 with no inject there.
BASE = """\
id: test-script
title: 测试脚本
author: tests
playbook: shopping-mall
start: 2026-11-24T21:40:00
location: 测试地点
incident:
  burning_area_m2: 100
injects:
  - at: "+00:10"
    seq: 1
    incident: {burning_area_m2: 700}
    prompt: 判断等级
  - at: "+00:30"
    seq: 2
    message: 无变化
    prompt: 再次判断
expect:
  - at: "+00:10"
    level: major
"""


def write(tmp_path: Path, text: str, name: str = "script.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_with(text: str, marker: str) -> int:
    """1-based number of the only line containing ``marker``."""
    found = [i for i, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert len(found) == 1, f"marker {marker!r} found on lines {found}"
    return found[0]


def replay_of(tmp_path: Path, text: str = BASE, name: str = "script.yaml") -> Replay:
    return Replay(load_script(write(tmp_path, text, name)))
