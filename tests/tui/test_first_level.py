"""The first level on screen: graded from the rule tables alone, before the journal, the desk and the
playbooks are loaded, and the same level the incident is then opened with."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from firedrill.tui.clock import LOCAL_TZ, ManualClock
from firedrill.tui.engine import Options, load_engine, load_grader
from firedrill.tui.preview import preview
from firedrill.tui.session import Session

# Frames are stamped through a driver of the app's own (``App.driver_class``): Textual's headless
# driver, except that it takes every frame as a terminal's would.
FIRST_LEVEL = """
import asyncio, sys
from pathlib import Path
from textual.drivers.headless_driver import HeadlessDriver
from firedrill.tui.app import create_app

app = create_app(lang="zh", data_dir=Path(sys.argv[1]))
seen = []
LATER = ("firedrill.incident.desk", "firedrill.journal", "firedrill.playbook.loader", "firedrill.procedure.loader")

class FirstLevel(HeadlessDriver):
    @property
    def is_headless(self):
        return False

    def write(self, data):
        if not seen and app.main.banner.level is not None:
            seen.append((app.main.banner.level, sorted(m for m in LATER if m in sys.modules)))

app.driver_class = FirstLevel

async def ready(pilot):
    await app.engine_ready.wait()
    while not seen or app.main.active is None:
        await asyncio.sleep(0.01)
    app.exit()

app.run(auto_pilot=ready, size=(120, 40))
print(seen[0], app.main.active.assessment.level.value)
"""


def test_the_first_level_is_painted_before_the_journal_desk_and_playbooks_load(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", FIRST_LEVEL, str(tmp_path)], capture_output=True, text=True,
                          check=False, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "('general', []) general"


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"location": "江汉路某商场", "deaths": "12"},
        {"burning_area_m2": "800", "site_category": "crowded_place"},
        {"reported_at": "23:10", "burning_area_m2": "700", "site_category": "high_rise"},
        {"deaths": "三人"},  # does not parse: left out, as the opening leaves it out
    ],
)
def test_the_first_level_is_the_level_the_incident_opens_with(tmp_path: Path, raw: dict[str, str]) -> None:
    clock = ManualClock(datetime(2026, 3, 11, 23, 40, tzinfo=LOCAL_TZ))
    options = Options(data_dir=tmp_path / "data")
    grader = load_grader(options)
    first = preview(grader, raw, clock())
    engine = load_engine(options, grader)
    try:
        opened = Session.start(engine, clock, raw).assessment
    finally:
        engine.close()
    assert first is not None and opened is not None
    assert (first.level, first.accident_grade, first.triggers) == (opened.level, opened.accident_grade,
                                                                   opened.triggers)  # fmt: skip


def test_with_an_open_incident_no_level_is_previewed(tmp_path: Path) -> None:
    clock = ManualClock(datetime(2026, 3, 11, 21, 40, tzinfo=LOCAL_TZ))
    options = Options(data_dir=tmp_path / "data")
    engine = load_engine(options)
    try:
        Session.start(engine, clock, {"deaths": "12"})
    finally:
        engine.close()
    grader = load_grader(options)
    try:
        assert grader.open_incidents  # the dialog asks what to resume; a blank form's level would mislead
    finally:
        assert grader.journal is not None
        grader.journal.close()
