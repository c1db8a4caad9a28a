"""Property: whatever a dispatcher does through the Desk (facts, calls, ticks the checklist allows,
orders, restarts), the level of the state it returns is the rules' level of an Incident built here
from the operations alone, the level recorded is the one decided at the last change of facts or
calls, and a restarted console (a fresh Desk on the same file) gets exactly the same state back,
then records one ``resumed`` event and nothing else."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from firedrill.adapters import validate
from firedrill.facts import form_changes
from firedrill.incident.checks import FactsFrozenError
from firedrill.incident.desk import Change, Desk
from firedrill.incident.state import IncidentState
from firedrill.journal import EventKind, Journal, ProcedureState
from firedrill.models import Assessment, Hazard, Incident
from firedrill.procedure import ending_step, load_catalogue, refusal
from firedrill.rules import assess
from tests.incident.conftest import T0, Clock

UNITS = [f"站{n}-水罐车" for n in range(1, 6)]
HAZARDS = st.lists(st.sampled_from([h.value for h in Hazard]), unique=True, max_size=2)
FACT_VALUES = {
    "deaths": st.integers(0, 40),
    "burning_area_m2": st.integers(0, 3000),
    "wind_force": st.integers(0, 12),
    "hazards": HAZARDS,
    "reported_minutes_before": st.integers(0, 120),  # a report time before the moment it is recorded
}
FACTS = st.lists(st.sampled_from(sorted(FACT_VALUES)), min_size=1, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: FACT_VALUES[name] for name in names}))  # fmt: skip
STEP = st.integers(0, 10_000)  # which of the steps the checklist allows now
FORWARD = st.integers(0, 15)  # minutes the clock moves before the operation
OPERATION = st.one_of(
    st.tuples(st.just("facts"), FORWARD, FACTS),
    st.tuples(st.just("call"), FORWARD),
    st.tuples(st.just("step"), FORWARD, STEP),
    st.tuples(st.just("order"), FORWARD, st.lists(st.sampled_from(UNITS), max_size=3)),
    st.tuples(st.just("restart"), st.integers(0, 3 * 24 * 60)),  # a console restarted up to three days later
)
ENDING = ending_step(load_catalogue()).id


class Model:
    """What the operations applied so far say, kept apart from the Desk, the journal and the fold."""

    def __init__(self, opened: datetime) -> None:
        self.facts: dict[str, Any] = {"reported_at": opened, "site_category": "ordinary_building"}
        self.calls: list[datetime] = []
        self.units: list[str] = []
        self.ended = False
        self.recorded: tuple[str, str, tuple[str, ...]] | None = None

    def incident(self) -> Incident:
        return validate(Incident, {**self.facts, "calls": self.calls})

    def level(self, at: datetime) -> Assessment:
        return assess(self.incident(), at=max(at, self.facts["reported_at"]))

    def decide(self, at: datetime) -> None:
        """The Desk records a decision with each change of facts or calls, until the emergency is over."""
        if not self.ended:
            found = self.level(at)
            self.recorded = (found.level.value, found.base_level.value, tuple(t.value for t in found.triggers))


def _snapshot(state: IncidentState) -> tuple[Any, ...]:
    return (dict(state.facts), state.calls, state.recorded, state.alerted, state.orders, state.ended, state.version,
            state.closed)  # fmt: skip


def _desk_changes(changes: dict[str, Any], now: datetime) -> dict[str, Any]:
    given_facts = {k: v for k, v in changes.items() if k not in ("wind_force", "reported_minutes_before")}
    if "wind_force" in changes:  # typed in the wind field: a force, the speed cleared
        given_facts.update(form_changes("wind", {"wind_force": changes["wind_force"]}))
    if "reported_minutes_before" in changes:
        given_facts["reported_at"] = now - timedelta(minutes=changes["reported_minutes_before"])
    return given_facts


@settings(max_examples=30, deadline=None)
@given(operations=st.lists(OPERATION, min_size=3, max_size=16))
def test_every_state_is_graded_as_its_operations_say_and_survives_a_restart(operations: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "firedrill.sqlite3"
        journal = Journal.open(path)
        clock = Clock(T0)
        desk = Desk(journal, clock=clock)
        model = Model(T0)
        state = desk.open(at=T0).state
        model.decide(T0)
        try:
            for operation in operations:
                if state.closed:
                    break
                kind, forward = operation[0], operation[1]
                event(f"operation: {kind}")
                now = clock.set(clock.now + timedelta(minutes=forward))
                if kind == "restart":
                    journal.close()
                    journal = Journal.open(path)
                    desk = Desk(journal, clock=clock)
                    reloaded = desk.load(state.id)
                    assert _snapshot(reloaded) == _snapshot(state)
                    resumed = desk.resume(state.id, at=now)
                    assert [(e.kind, e.payload["state"]) for e in resumed.events] == [(EventKind.STATUS, "resumed")]
                    assert journal.version(state.id) == state.version + 1
                    before, state = state, resumed.state
                    assert _snapshot(state)[:6] == _snapshot(before)[:6]  # only the version moved
                    assert _snapshot(desk.load(state.id)) == _snapshot(state)
                    continue
                state = _apply(desk, journal, model, state, operation, now)
                # The Desk's state is the journal's: a fresh fold from disk gives the same.
                assert _snapshot(desk.load(state.id)) == _snapshot(state)
                found = desk.assessment(state)
                expected = model.level(now)
                assert found is not None
                assert (found.level, found.base_level, found.triggers) == (
                    expected.level, expected.base_level, expected.triggers)  # fmt: skip
                assert state.recorded is not None and state.recorded.key == model.recorded
                assert state.calls == tuple(sorted(model.calls)) and state.units_sent == tuple(model.units)
                assert state.ended == model.ended
                event(f"level: {found.level.value}")
        finally:
            journal.close()


def _apply(desk: Desk, journal: Journal, model: Model, state: IncidentState, operation: tuple[Any, ...],
           now: datetime) -> IncidentState:  # fmt: skip
    kind = operation[0]
    change: Change
    if kind == "facts":
        changes = _desk_changes(operation[2], now)
        if model.ended:
            before = journal.version(state.id)
            try:
                desk.set_facts(state.id, changes, at=now)
            except FactsFrozenError:
                assert journal.version(state.id) == before
                return state
            raise AssertionError("facts recorded after the emergency was declared over")
        differs = {k: v for k, v in changes.items() if model.facts.get(k) != v}
        change = desk.set_facts(state.id, changes, at=now, expected_version=state.version)
        model.facts.update(changes)
        if differs:
            model.decide(now)
        else:
            assert change.events == ()  # nothing new: nothing recorded
        return change.state
    if kind == "call":
        change = desk.call(state.id, at=now, expected_version=state.version)
        model.calls.append(now)
        model.decide(now)
        return change.state
    if kind == "step":
        checklist = desk.checklist(state, now)
        assert checklist is not None
        allowed = [s.id for s in checklist.due() if refusal(checklist, s.id, ProcedureState.DONE, now) is None]
        if not allowed:
            return state
        step_id = allowed[operation[2] % len(allowed)]
        change = desk.step(state.id, step_id, at=now, expected_version=state.version)
        assert change.events[0].kind is EventKind.PROCEDURE and change.events[0].payload["step"] == step_id
        model.ended = model.ended or step_id == ENDING
        return change.state
    units = operation[2]
    change = desk.order(state.id, f"调度令 {now:%H:%M}", units, at=now, expected_version=state.version)
    model.units += [u for u in dict.fromkeys(units) if u not in model.units]
    [order] = change.events
    assert order.kind is EventKind.ORDER and order.payload["units"] == model.units
    return change.state
