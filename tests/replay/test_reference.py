"""The engine against the straightforward replay of ``reference.py``: the same alerts, timeline,
states, checklist marks and expectation results for every shipped scenario, for generated scripts
(the speed bench's generator, seeded) and for scripts whose report time moves across the night."""

from __future__ import annotations

import importlib.util
import random
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import ValidationError

from firedrill.errors import InputError
from firedrill.playbook.loader import load_library
from firedrill.replay.alerts import night_from
from firedrill.replay.engine import Replay
from firedrill.replay.expect import check_replay
from firedrill.replay.parser import LoadedScript, load_script, parse_script
from firedrill.rules import load_rulebook
from firedrill.rules.schema import NightRule
from firedrill.timeutil import LOCAL_TZ
from tests.replay.reference import ReferenceReplay

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
HALF_MINUTE = timedelta(seconds=30)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_replay", ROOT / "bench" / "bench_replay.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _moments(replay: Replay) -> list[datetime]:
    """Every timeline moment, and half a minute either side of each (between entries)."""
    points = {replay.start, replay.end, *replay.loaded.inject_times, *replay.loaded.expect_times}
    points.update(e.at for e in replay.timeline)
    points.update(a.at for a in replay.alerts)
    around = {p + d for p in points for d in (-HALF_MINUTE, HALF_MINUTE)}
    return sorted(p for p in points | around if replay.start <= p <= replay.end)


def assert_same(loaded: LoadedScript) -> None:
    replay, reference = Replay(loaded), ReferenceReplay(loaded)
    assert replay.alerts == reference.alerts
    assert replay.procedure_events == reference.procedure_events
    assert replay.timeline == reference.timeline
    assert check_replay(replay) == check_replay(reference)
    for at in _moments(reference):
        assert replay.state_at(at) == reference.state_at(at), at
        assert replay.checklist_at(at) == reference.checklist_at(at), at


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenario_replays_as_the_reference(path: Path) -> None:
    assert_same(load_script(path))


@pytest.mark.parametrize("injects", [None, 10], ids=["mixed", "goal-shape"])
def test_generated_scripts_replay_as_the_reference(injects: int | None) -> None:
    bench, library = _bench(), load_library()
    rng = random.Random(20211)
    for index in range(150):
        text = bench.generate(index, rng, list(library.ids()), injects)
        assert_same(parse_script(text, f"generated-{index}.yaml", library))


NIGHT_REPORT = """\
id: night-report
title: 报警时间更正
author: tests
playbook: shopping-mall
start: 2026-11-24T{start}
location: 测试地点
incident:
  burning_area_m2: 100
injects:
  - at: "+00:10"
    incident: {{burning_area_m2: 700}}
    calls: {{count: 4, over: "0:06"}}
  - at: "+00:40"
    reported_at: 2026-11-24T{report}
    message: 报警时间更正
  - at: "+01:20"
    incident: {{burning_area_m2: 2500}}
    calls: {{count: 3}}
expect:
  - at: "+00:40"
    escalated: true
"""


@pytest.mark.parametrize(("start", "report"), [
    ("21:00:00", "21:50:00"), ("21:00:00", "20:00:00"), ("05:00:00", "04:30:00"), ("05:00:00", "05:50:00"),
    ("21:45:00", "22:30:00"), ("04:00:00", "06:10:00"),
])  # fmt: skip
def test_a_report_time_moved_across_the_night_replays_as_the_reference(start: str, report: str) -> None:
    assert_same(parse_script(NIGHT_REPORT.format(start=start, report=report), "night-report.yaml"))


NIGHT_STARTS = """\
id: night-starts
title: 入夜
author: tests
playbook: shopping-mall
start: 2026-11-24T{start}
location: 测试地点
incident:
  burning_area_m2: {area}
injects:
  - at: "+00:05"
    calls: {{count: 9, over: "0:40"}}
  - at: "+00:50"
    incident: {{burning_area_m2: 2500}}
    calls: {{count: 7, over: "0:21"}}
  - at: "+01:30"
    reported_at: 2026-11-24T{report}
expect:
  - at: "+00:50"
    escalated: true
"""


@pytest.mark.parametrize(("start", "area", "report"), [
    ("21:20:00", 100, "21:30:00"), ("21:20:00", 2500, "21:30:00"), ("21:40:00", 700, "22:20:00"),
    ("21:10:00", 100, "23:00:00"), ("20:50:00", 2500, "20:55:00"), ("05:30:00", 100, "05:40:00"),
])  # fmt: skip
def test_the_night_beginning_between_two_calls_replays_as_the_reference(start: str, area: int, report: str) -> None:
    """The clock reaches the night window between the calls that follow an inject: the alert is raised
    at the first point where it holds, whichever point of the run between injects that is."""
    assert_same(parse_script(NIGHT_STARTS.format(start=start, area=area, report=report), "night-starts.yaml"))


@pytest.mark.parametrize("injects", [None, 10], ids=["mixed", "goal-shape"])
def test_scripts_changed_after_reading_replay_as_the_reference(injects: int | None) -> None:
    """A script changed after it was read (a drill's contingencies, a controller's moved inject) has no
    states checked by the parser: the engine builds its Incidents itself, and gives the same."""
    bench, library = _bench(), load_library()
    rng = random.Random(20212)
    for index in range(60):
        loaded = parse_script(bench.generate(index, rng, list(library.ids()), injects), f"g-{index}.yaml", library)
        assert_same(replace(loaded, states=(), changes=()))


def test_calls_past_the_incidents_bound_are_refused_when_the_script_is_read() -> None:
    """The bound is passed by the calls of the last inject, spread after it: the script is refused at that
    inject, in one line naming it."""
    text = NIGHT_REPORT.format(start="10:00:00", report="10:20:00").replace("count: 3}", 'count: 3, over: "0:06"}')
    with pytest.raises(InputError, match="more than 10000") as refused:
        parse_script(text.replace('count: 4, over: "0:06"', "count: 9998"), "many-calls.yaml")
    assert refused.value.field == "injects.2.calls"
    assert refused.value.line == text.splitlines().index("    calls: {count: 3, over: \"0:06\"}") + 1


def test_calls_past_the_incidents_bound_fail_a_changed_script_as_the_reference() -> None:
    """A script changed after it was read to hear more calls than an Incident holds: the engine validates
    its Incidents itself, and the bound passed between injects fails it as it fails the reference."""
    text = NIGHT_REPORT.format(start="10:00:00", report="10:20:00").replace("count: 3}", 'count: 3, over: "0:06"}')
    loaded = parse_script(text.replace('count: 4, over: "0:06"', "count: 5000"), "many-calls.yaml")
    more = replace(loaded, call_times=(loaded.call_times[0] * 2, *loaded.call_times[1:]), states=())
    for replay in (Replay, ReferenceReplay):
        with pytest.raises(ValidationError, match="at most"):
            replay(more)


def _may_be_night(reported: datetime, at: datetime, night: NightRule) -> bool:
    """Whether the span from ``reported`` to ``at`` touches a night window (both ends closed), day by day."""
    first, last = reported, max(at, reported)
    day = first.date() - timedelta(days=1)
    while day <= last.date():
        opens = datetime.combine(day, night.starts, tzinfo=first.tzinfo)
        closes = datetime.combine(day + timedelta(days=1), night.ends, tzinfo=first.tzinfo)
        if opens <= last and first <= closes:
            return True
        day += timedelta(days=1)
    return False


@pytest.mark.parametrize(("starts", "ends"), [(time(22), time(6)), (time(1), time(5)), (time(0), time(0))])
def test_where_the_span_can_touch_the_night_is_where_a_day_by_day_look_finds(starts: time, ends: time) -> None:
    """The point from which the night alerts assess, against looking at each night window in turn."""
    night = replace(load_rulebook().escalation.night, starts=starts, ends=ends)
    rng = random.Random(3)
    base = datetime(2026, 11, 24, tzinfo=LOCAL_TZ)
    for _ in range(3000):
        reported = base + timedelta(minutes=rng.randrange(0, 3 * 24 * 60))
        at = reported + timedelta(minutes=rng.randrange(-120, 30 * 60))
        assert _may_be_night(reported, at, night) == (max(at, reported) >= night_from(reported, night)), (reported, at)
