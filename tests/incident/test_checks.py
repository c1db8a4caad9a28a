"""Facts are checked before they are recorded: each refusal is one InputError naming the fact, and a
refused change writes nothing (not the fact, not a decision)."""

from __future__ import annotations

from typing import Any

import pytest

from firedrill.errors import InputError
from firedrill.incident.checks import FactsFrozenError
from firedrill.incident.desk import Desk
from firedrill.journal import IncidentClosedError, Journal
from firedrill.timeutil import now_local
from tests.incident.conftest import T0, Clock, at, tick_through


def _refused(desk: Desk, incident_id: str, changes: dict[str, Any], minutes: float) -> InputError:
    before = desk.journal.events(incident_id)
    with pytest.raises(InputError) as caught:
        desk.set_facts(incident_id, changes, at=at(minutes))
    assert desk.journal.events(incident_id) == before  # nothing written
    return caught.value


def test_a_report_time_after_the_moment_it_is_recorded_is_refused(desk: Desk) -> None:
    incident_id = desk.open(at=T0).state.id
    error = _refused(desk, incident_id, {"reported_at": at(10)}, 5)
    assert error.field == "facts.reported_at" and "cannot be in the future" in error.message
    assert desk.set_facts(incident_id, {"reported_at": at(-5)}, at=at(5)).state.reported_at == at(-5)
    assert desk.set_facts(incident_id, {"reported_at": at(6)}, at=at(6)).state.reported_at == at(6)  # now is not later


def test_an_incident_is_not_opened_on_facts_that_would_be_refused(desk: Desk, journal: Journal) -> None:
    with pytest.raises(InputError) as caught:
        desk.open({"reported_at": at(30)}, at=T0)
    assert caught.value.field == "facts.reported_at"
    with pytest.raises(InputError):
        desk.open({"deaths": True}, at=T0)
    assert journal.incidents() == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"deaths": True}, "facts.deaths"),  # true is not one death
        ({"deaths": 2.5}, "facts.deaths"),
        ({"deaths": -1}, "facts.deaths"),
        ({"wind_force": "6"}, "facts.wind_force"),
        ({"wind_force": 18}, "facts.wind_force"),  # Beaufort ends at 17
        ({"burning_area_m2": float("nan")}, "facts.burning_area_m2"),
        ({"severe_weather": "yes"}, "facts.severe_weather"),
        ({"hazards": ["fire"]}, "facts.hazards.0"),
        ({"reported_at": None}, "facts.reported_at"),  # the timeline's origin cannot be cleared
        ({"reported_at": "yesterday"}, "facts.reported_at"),
        ({"scene": {"lon": 200, "lat": 30}}, "facts.scene"),
        ({"site_category": "moon"}, "facts.site_category"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_naming_the_fact(desk: Desk, changes: dict[str, Any], field: str) -> None:
    incident_id = desk.open(at=T0).state.id
    assert _refused(desk, incident_id, changes, 1).field == field


def test_an_unknown_fact_is_refused(desk: Desk) -> None:
    incident_id = desk.open(at=T0).state.id
    error = _refused(desk, incident_id, {"crew_count": 12}, 1)
    assert error.field == "facts" and "unknown fact 'crew_count'" in error.message
    error = _refused(desk, incident_id, {"wind": {"wind_force": 6}}, 1)  # a console field, not a fact
    assert "unknown fact 'wind'" in error.message
    # one bad fact refuses the whole change: the good one with it is not recorded either
    error = _refused(desk, incident_id, {"deaths": 3, "crew_count": 12}, 1)
    assert "deaths" not in desk.load(incident_id).facts


def test_facts_no_longer_change_once_the_emergency_is_declared_over(desk: Desk, clock: Clock) -> None:
    incident_id = desk.open({"deaths": 3}, at=T0).state.id  # 较大 (1.4): 3 deaths
    changes = tick_through(desk, clock, incident_id, lambda state: state.ended)
    assert changes[-1].events[-1].payload["step"] == "termination_declared"
    state = changes[-1].state
    assert state.ended and not state.closed  # the aftermath (6) is still to be recorded
    with pytest.raises(FactsFrozenError) as caught:
        desk.set_facts(incident_id, {"deaths": 4}, at=clock.now)
    assert caught.value.field == "facts" and "declared over" in caught.value.message
    assert desk.load(incident_id).version == state.version
    # a call for the same location is still recorded, but no new level is decided
    called = desk.call(incident_id, at=clock.now)
    assert [e.kind.value for e in called.events] == ["call"] and called.state.recorded == state.recorded


def test_a_closed_incident_refuses_every_change(desk: Desk, clock: Clock) -> None:
    incident_id = desk.open({"deaths": 3}, at=T0).state.id
    closed = desk.close(incident_id, at(30), reason="测试结束")
    assert closed.state.closed and [e.payload["state"] for e in closed.events] == ["closed"]
    version = closed.state.version
    for attempt in (
        lambda: desk.set_facts(incident_id, {"deaths": 4}, at=at(31)),
        lambda: desk.set_facts(incident_id, {"deaths": True}, at=at(31)),  # closed is said first, not the value
        lambda: desk.step(incident_id, "alarm_received", at=at(31)),
        lambda: desk.resume(incident_id, at=at(31)),
        lambda: desk.call(incident_id, at=at(31)),
        lambda: desk.order(incident_id, "调集2个站", ["站1-水罐车"], at=at(31)),
        lambda: desk.note(incident_id, "迟到的备注", at=at(31)),
        lambda: desk.close(incident_id, at(32)),
    ):
        with pytest.raises(IncidentClosedError):
            attempt()
    assert desk.load(incident_id).version == version
    assert desk.advance(incident_id, at(40)).events == ()  # the clock moving writes nothing


def test_an_entry_dated_in_the_future_or_before_the_report_is_refused(desk: Desk, journal: Journal) -> None:
    incident = desk.open({"deaths": 12}, at=T0).state.id
    version = journal.version(incident)
    for write in (
        lambda when: desk.step(incident, "alarm_received", at=when),
        lambda when: desk.call(incident, at=when),
        lambda when: desk.note(incident, "到场", at=when),
        lambda when: desk.order(incident, "调集", ["汉口站-水罐车1"], at=when),
    ):
        for when, words in ((T0.replace(year=2099), "in the future"), (at(-30), "before the incident's report")):
            with pytest.raises(InputError) as caught:
                write(when)
            assert words in caught.value.message and caught.value.field == "at"
    assert journal.version(incident) == version  # nothing was written


def test_an_exercise_on_a_clock_ahead_of_real_time_may_record_on_that_clock(desk: Desk) -> None:
    ahead = T0.replace(year=2030)
    offset = (ahead - now_local()).total_seconds()  # the exercise clock runs this far ahead of real time
    incident = desk.open({"deaths": 12}, at=ahead, exercise_offset_s=offset).state.id
    assert desk.call(incident, at=ahead).state.calls
