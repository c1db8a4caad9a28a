"""The facts after each inject, checked when a script is read: what pydantic takes (where the plain
path declines) is taken, what passes an Incident's bound is named at the inject that gives it, and the
facts before a refused inject stand for the checks after it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from firedrill.errors import InputError
from firedrill.replay.engine import Replay
from firedrill.replay.parser import parse_script
from firedrill.replay.problems import Collector, FileProblems
from firedrill.replay.states import fact_states

SCRIPT = """\
id: states
title: 事实
author: tests
playbook: shopping-mall
start: 2026-11-24T10:00:00
location: 测试地点
incident:
  burning_area_m2: 100
injects:
  - at: "+00:10"
    incident: {burning_area_m2: 700, deaths: 2}
  - at: "+00:20"
    weather: {wind_speed_ms: 12.5}
    flags: {manual_escalation: 指挥部决定}
  - at: "+00:30"
    incident: {burning_area_m2: 2500}
"""


def test_each_state_is_the_incident_of_the_facts_then() -> None:
    loaded = parse_script(SCRIPT, "states.yaml")
    assert [s.burning_area_m2 for s in loaded.states] == [100, 700, 700, 2500]
    assert [s.deaths for s in loaded.states] == [0, 2, 2, 2]
    assert loaded.states[2].manual_escalation == "指挥部决定" and loaded.states[3].wind_speed_ms == 12.5
    assert all(s.calls == () for s in loaded.states)
    replay = Replay(loaded)
    assert replay.incident_at(loaded.inject_times[1]) == Replay(replace(loaded, states=())).incident_at(
        loaded.inject_times[1])


def test_a_value_the_plain_path_declines_is_taken_as_pydantic_takes_it() -> None:
    loaded = parse_script(SCRIPT, "states.yaml")
    check = Collector("states.yaml", loaded.lines)
    states = fact_states(loaded.initial, loaded.script.injects[:1], [{"deaths": 3.0}], check)  # a whole float
    assert states[1].deaths == 3 and type(states[1].deaths) is int
    assert check.problems == []


@pytest.mark.parametrize(("change", "field", "line"), [
    ("    incident: {burning_area_m2: 700, deaths: 2}", "injects.0.incident.burning_area_m2", 11),
    ("    weather: {wind_speed_ms: 12.5}", "injects.1.weather.wind_speed_ms", 13),
    ("    flags: {manual_escalation: 指挥部决定}", "injects.1.flags.manual_escalation", 14),
])  # fmt: skip
def test_a_fact_past_the_incidents_bound_is_named_where_the_inject_gives_it(change: str, field: str,
                                                                            line: int) -> None:  # fmt: skip
    bad = {"incident": "    incident: {burning_area_m2: 200000000, deaths: 2}",
           "weather": "    weather: {wind_speed_ms: 500}",
           "flags": "    flags: {manual_escalation: " + "长" * 501 + "}"}
    text = SCRIPT.replace(change, bad[field.split(".")[2]])
    with pytest.raises(InputError) as refused:
        parse_script(text, "states.yaml")
    assert isinstance(refused.value, FileProblems) and len(refused.value.problems) == 1  # named once, not again
    assert (refused.value.field, refused.value.line) == (field, line)


def test_a_corrected_report_time_outside_the_bounds_is_named() -> None:
    text = SCRIPT + "  - at: \"+00:40\"\n    reported_at: 2100-01-02T10:00:00\n"
    with pytest.raises(InputError) as refused:
        parse_script(text, "states.yaml")
    assert (refused.value.field, refused.value.line) == ("injects.3.reported_at", 18)


def test_a_call_past_the_last_year_an_incident_holds_is_named_at_its_inject() -> None:
    text = SCRIPT.replace("2026-11-24T10:00:00", "2099-12-31T23:50:00") + "    calls: {count: 2}\n"
    with pytest.raises(InputError) as refused:
        parse_script(text, "states.yaml")
    assert refused.value.field is not None and refused.value.field.startswith("injects.2.calls")
    assert refused.value.line == 17
