"""An inject may correct the report time (``reported_at``): from that inject on the incident's span
starts there, so a day fire reported, as it turns out, before 06:00 is a night fire (4.3(3))."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import load_script
from firedrill.replay.timeline import ChangeKind
from firedrill.timeutil import to_local
from tests.replay.helpers import BASE, line_with, replay_of, write

# BASE moved to the morning: a major fire (700 m², 1.4) at +00:10 and no night at the start.
MORNING = BASE.replace("start: 2026-11-24T21:40:00", "start: 2026-11-24T09:00:00")
CORRECTED = MORNING.replace(
    """    seq: 2
    message: 无变化""",
    """    seq: 2
    reported_at: 2026-11-24T05:50:00   # the call came in before 06:00
    message: 报警时间更正""",
)
START = to_local(datetime(2026, 11, 24, 9, 0))


def test_a_corrected_report_time_applies_from_its_inject_on(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, CORRECTED)
    before, after = START + timedelta(minutes=29), START + timedelta(minutes=30)
    assert replay.incident_at(before).reported_at == START
    assert replay.incident_at(after).reported_at == to_local(datetime(2026, 11, 24, 5, 50))
    assert replay.assess_at(before).level.value == "major" and not replay.assess_at(before).triggers
    night = replay.assess_at(after)
    assert (night.level.value, night.base_level.value, [t.value for t in night.triggers]) == (
        "especially_major", "major", ["night"])  # fmt: skip
    entry = next(e for e in replay.timeline if e.at == after)
    assert [(c.kind, c.after) for c in entry.changes if c.kind is ChangeKind.LEVEL] == [
        (ChangeKind.LEVEL, "especially_major")]  # fmt: skip


def test_without_the_correction_the_same_script_stays_a_day_fire(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, MORNING)
    assert replay.assess_at(START + timedelta(minutes=30)).level.value == "major"


def test_expectations_see_the_corrected_report_time(tmp_path: Path) -> None:
    text = CORRECTED + '  - at: "+00:30"\n    level: especially_major\n    triggers: [night]\n'
    results = check_replay(replay_of(tmp_path, text))
    assert [r.passed for r in results] == [True, True]


def test_a_naive_report_time_is_local(tmp_path: Path) -> None:
    inject = load_script(write(tmp_path, CORRECTED)).script.injects[1]
    assert inject.reported_at == datetime.fromisoformat("2026-11-24T05:50:00+08:00")


@pytest.mark.parametrize("value", ["昨晚", "25:99", "[2026-11-24T05:50:00]"])
def test_a_bad_report_time_is_one_error_naming_file_line_and_field(tmp_path: Path, value: str) -> None:
    text = CORRECTED.replace("reported_at: 2026-11-24T05:50:00", f"reported_at: {value}")
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_script(path)
    error = caught.value
    assert (error.file, error.field, error.line) == (str(path), "injects.1.reported_at", line_with(text, "reported_at"))
    assert "\n" not in error.one_line()
