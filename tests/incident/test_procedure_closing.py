"""The procedure worked through the Desk to its end closes the record: the tick that finishes the
aftermath (chapter 6) is followed, in the same call, by ``status: closed``; nothing can follow it."""

from __future__ import annotations

import pytest

from firedrill.incident.desk import CLOSE_REASON, Desk
from firedrill.journal import EventKind, IncidentClosedError, IncidentStatus, Journal, ProcedureState
from firedrill.procedure import after_ending, ready_to_close
from tests.incident.conftest import T0, Clock, tick_through


@pytest.mark.parametrize(("facts", "level"), [({"deaths": 3}, "larger"), ({"burning_area_m2": 1200}, "major")])
def test_the_last_aftermath_tick_closes_the_record(desk: Desk, journal: Journal, clock: Clock,
                                                   facts: dict[str, int], level: str) -> None:  # fmt: skip
    incident_id = desk.open(facts, at=T0).state.id
    changes = tick_through(desk, clock, incident_id, lambda state: state.closed)
    *before, last = changes
    # Nothing closed the record early: every tick before the last wrote its procedure event only.
    assert all([e.kind for e in c.events] == [EventKind.PROCEDURE] for c in before)
    assert all(not c.state.closed for c in before)
    tick, closing = last.events
    assert tick.kind is EventKind.PROCEDURE and tick.payload["level"] == level
    assert tick.payload["step"] in {s.id for s in after_ending(desk.catalogue)}
    assert (closing.kind, closing.payload["state"], closing.payload["reason"]) == (EventKind.STATUS, "closed",
                                                                                  CLOSE_REASON)  # fmt: skip
    assert closing.at == tick.at == clock.now
    state = last.state
    assert state.closed and state.ended
    record = journal.incident(incident_id)
    assert record.status is IncidentStatus.CLOSED and record.closed_at == clock.now
    assert journal.open_incidents() == [] and journal.events(incident_id)[-1] == closing
    # what the checklist says of the closed record: complete
    checklist = desk.checklist(state, clock.now)
    assert checklist is not None and ready_to_close(checklist)
    with pytest.raises(IncidentClosedError):
        desk.step(incident_id, tick.payload["step"], ProcedureState.UNDONE, at=clock.now)
    assert desk.load(incident_id).version == state.version


def test_the_declaration_alone_does_not_close_the_record(desk: Desk, clock: Clock) -> None:
    incident_id = desk.open({"deaths": 3}, at=T0).state.id
    changes = tick_through(desk, clock, incident_id, lambda state: state.ended)
    assert not changes[-1].state.closed
    checklist = desk.checklist(changes[-1].state, clock.now)
    assert checklist is not None and checklist.terminated and not ready_to_close(checklist)
