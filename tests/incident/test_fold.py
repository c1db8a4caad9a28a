"""``fold``: facts taken as recorded (times back as datetimes, nothing typed parsed again), the state as
it stood at an earlier moment, and a hand-edited journal read without a crash."""

from __future__ import annotations

from firedrill.facts import form_changes
from firedrill.incident.desk import Desk
from firedrill.incident.fold import fold
from firedrill.journal import EventKind, Journal
from firedrill.models import Level
from tests.incident.conftest import T0, at


def test_recorded_facts_come_back_as_recorded_and_typed_text_is_provenance_only(desk: Desk, journal: Journal) -> None:
    incident_id = desk.open(at=T0, typed={"reported_at": "2140"}).state.id
    desk.set_facts(incident_id, {"reported_at": at(-5)}, {"reported_at": "2135"}, at=at(1))
    desk.set_facts(incident_id, form_changes("wind", {"wind_speed_ms": 10.8}), {"wind": "10.8m/s"}, at=at(2))
    desk.set_facts(incident_id, form_changes("wind", {"wind_force": 6}), {"wind": "6"}, at=at(3))
    desk.set_facts(incident_id, {"deaths": 2}, {"deaths": "2"}, at=at(4))
    desk.set_facts(incident_id, {"deaths": 3}, at=at(5))  # set without typing (another seat, the CLI)
    state = fold(journal.incident(incident_id), journal.events(incident_id))
    assert state.reported_at == at(-5) and state.facts["reported_at"] == at(-5)
    assert (state.facts["wind_force"], state.facts["wind_speed_ms"]) == (6, None)
    # what was typed is kept for each value now recorded; a value set without text has none
    assert dict(state.typed) == {"reported_at": "2135", "wind": "6"}
    assert state.incident is not None and state.incident.deaths == 3 and state.incident.wind_force == 6


def test_the_state_as_it_stood_at_an_earlier_moment(desk: Desk, journal: Journal) -> None:
    incident_id = desk.open({"burning_area_m2": 300}, at=T0).state.id
    desk.set_facts(incident_id, {"burning_area_m2": 1200}, at=at(10))  # 重大 at 21:50
    desk.call(incident_id, at=at(12))
    desk.close(incident_id, at(30))
    record, events = journal.incident(incident_id), journal.events(incident_id)
    earlier = fold(record, events, until=at(5))
    assert earlier.facts["burning_area_m2"] == 300 and earlier.calls == ()
    assert earlier.recorded is not None and earlier.recorded.level is Level.GENERAL
    assert not earlier.closed and earlier.record.status == "open"  # not yet closed then
    assert earlier.version == len([e for e in events if e.at <= at(5)])
    later = fold(record, events, until=at(20))
    assert later.recorded is not None and later.recorded.level is Level.MAJOR and later.calls == (at(12),)
    assert fold(record, events, until=at(30)).closed and fold(record, events).closed


def test_a_time_that_is_no_date_time_is_kept_and_said_not_a_crash(desk: Desk, journal: Journal) -> None:
    """No Desk records such a time (checks refuse it); a hand-edited journal might hold one."""
    incident_id = desk.open(at=T0).state.id
    journal.append(incident_id, EventKind.FACT, {"changes": {"ignition_at": "昨晚"}}, at(1))
    state = fold(journal.incident(incident_id), journal.events(incident_id))
    assert state.facts["ignition_at"] == "昨晚" and state.ignition_at is None and state.incident is not None
    journal.append(incident_id, EventKind.FACT, {"changes": {"reported_at": "昨晚"}}, at(2))
    state = fold(journal.incident(incident_id), journal.events(incident_id))
    assert state.incident is None and state.problem is not None and state.problem.startswith("facts.reported_at")
    assert state.reported_at == T0  # the timeline keeps its origin: the opening


def test_the_desk_state_after_a_write_is_the_fold_of_the_journal(desk: Desk) -> None:
    incident_id = desk.open({"deaths": 3}, at=T0).state.id
    change = desk.order(incident_id, "调集3个站", ["站1"], at=at(2))
    change = desk.set_facts(incident_id, {"deaths": 12}, at=at(3), expected_version=change.state.version)
    assert change.state == desk.load(incident_id)
