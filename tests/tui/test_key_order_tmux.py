"""Every key in order in a real terminal: the console in tmux, keys sent 5 ms apart.

tmux is a Debian package (``tmux``). Without it the test fails under CI=true and is skipped
elsewhere, with its reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from firedrill.datadir import default_db_path
from firedrill.incident.fold import fold
from firedrill.journal import Journal
from tests.tools import require

ROOT = Path(__file__).resolve().parents[2]
KEY_GAP_S = 0.005
READY_TIMEOUT_S = 30


def _tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10, check=True)
    return done.stdout


def _wait_for(session: str, text: str) -> str:
    deadline = time.monotonic() + READY_TIMEOUT_S
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared:\n{screen}")


def _alive(session: str) -> bool:
    return subprocess.run(["tmux", "has-session", "-t", session], capture_output=True, check=False).returncode == 0


def _send(session: str, *keys: str) -> None:
    """Each key on its own, ``KEY_GAP_S`` apart (a literal character, or a tmux key name)."""
    for key in keys:
        literal = len(key) == 1
        _tmux("send-keys", "-t", session, *(["-l", key] if literal else [key]))
        time.sleep(KEY_GAP_S)


@pytest.mark.slow
def test_keys_5ms_apart_in_tmux_land_in_order(tmp_path: Path) -> None:
    require(None if shutil.which("tmux") else "tmux is not installed (Debian package tmux)")
    data_dir = tmp_path / "data"
    session = f"firedrill-keys-{os.getpid()}"
    command = (f"cd {ROOT} && FIREDRILL_DATA_DIR={data_dir} PYTHONPATH={ROOT} TEXTUAL_ANIMATIONS=none "
               f"{sys.executable} -m firedrill console --data-dir {data_dir}")  # fmt: skip
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        _wait_for(session, "一 般")  # the engine is loaded and the first incident graded
        # 地点, then Tab ×4 (坐标/城区, 预案场景, 场所类别) to 接警时间; Tab ×2 to 死亡人数; Tab ×3 to 燃烧面积.
        _send(session, *"江汉路x", "BSpace", *"商场", "Tab", "Tab", "Tab", "Tab",
              "C-u", *"14:10", "Tab", "Tab", *"32", "Tab", "Tab", "Tab",
              *"800", "BSpace", "5", "Enter", "Tab", "Tab")  # fmt: skip
        # 32 deaths: especially major by 1.4 alone, whatever the clock (a report time after now is read as
        # yesterday's, and a span across the night would raise a major fire by 4.3(3)).
        _wait_for(session, "特 别 重 大")
        time.sleep(1.0)  # past the recording pause
        _send(session, "C-q")
        deadline = time.monotonic() + READY_TIMEOUT_S
        while _alive(session) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
    journal = Journal.open(default_db_path(data_dir))
    try:
        (record,) = journal.open_incidents()
        facts = fold(record, journal.events(record.id)).facts
    finally:
        journal.close()
    assert facts["location"] == "江汉路商场"
    assert str(facts["reported_at"]).endswith(" 14:10:00+08:00")
    assert facts["deaths"] == 32
    assert facts["burning_area_m2"] == 805
    assert "direct_loss_yuan" not in facts and "serious_injuries" not in facts
