"""Shared pieces of the incident-core tests: a clock moved by hand, a journal in tmp_path and its Desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from firedrill.incident.desk import Change, Desk
from firedrill.incident.state import IncidentState
from firedrill.journal import Journal, ProcedureState
from firedrill.procedure import refusal
from firedrill.timeutil import LOCAL_TZ

# A Wednesday evening with no holiday (4.3(1)); the night window (4.3(3)) opens 20 minutes later.
T0 = datetime(2026, 3, 11, 21, 40, tzinfo=LOCAL_TZ)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


class Clock:
    """A clock that stands still until moved: the Desk's ``now`` in these tests."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> datetime:
        self.now = now
        return now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(journal: Journal, clock: Clock) -> Desk:
    return Desk(journal, clock=clock)


def tick_through(desk: Desk, clock: Clock, incident_id: str, until: Callable[[IncidentState], bool],
                 limit: int = 200) -> list[Change]:  # fmt: skip
    """Tick, one minute apart, the first step the checklist allows, until ``until`` holds of the state."""
    changes: list[Change] = []
    state = desk.load(incident_id)
    while not until(state):
        assert len(changes) < limit, "the checklist never got there"
        now = clock.set(clock.now + timedelta(minutes=1))
        checklist = desk.checklist(state, now)
        assert checklist is not None
        allowed = [s.id for s in checklist.due() if refusal(checklist, s.id, ProcedureState.DONE, now) is None]
        assert allowed, f"nothing can be ticked at {now:%H:%M}"
        change = desk.step(incident_id, allowed[0], at=now, actor="值班员", expected_version=state.version)
        changes.append(change)
        state = change.state
    return changes
