"""Shared helpers: a fixed clock, incidents, synthetic procedure events, a journal in tmp_path and its Desk."""

from __future__ import annotations

from datetime import datetime, timedelta

from firedrill.adapters import validate
from firedrill.incident.desk import Desk
from firedrill.journal import Event, EventKind, Journal, ProcedureState
from firedrill.models import Hazard, Incident, Level
from firedrill.procedure import Grade
from firedrill.timeutil import LOCAL_TZ

T0 = datetime(2026, 11, 29, 21, 40, tzinfo=LOCAL_TZ)
MAJOR = Grade(level=Level.MAJOR)
ESCALATED = Grade(level=Level.ESPECIALLY_MAJOR, escalated=True)


def at(minutes: float) -> datetime:
    """``minutes`` after T0, the report time of the test incidents."""
    return T0 + timedelta(minutes=minutes)


def incident(*hazards: Hazard) -> Incident:
    return validate(Incident, dict(reported_at=T0, burning_area_m2=1200, hazards=hazards))


def done_events(*steps: tuple[str, float], state: ProcedureState = ProcedureState.DONE) -> list[Event]:
    """Procedure events for (step, minutes after T0), in the order given."""
    return [
        Event(seq=i + 1, incident_id="x", at=at(m), kind=EventKind.PROCEDURE, actor="tester",
              payload={"step": step, "state": state.value, "note": None})
        for i, (step, m) in enumerate(steps)
    ]


# The activation chain of a major fire, one minute apart.
ACTIVATION = [
    ("alarm_received", 0),
    ("forces_dispatched", 1),
    ("situation_reported", 6),
    ("level_determined", 8),
    ("activation_proposed", 10),
]


def desk(journal: Journal) -> Desk:
    """The Desk on ``journal``, its clock stopped at T0 (every change names its own time)."""
    return Desk(journal, clock=lambda: T0)


def open_major_incident(journal: Journal, *hazards: Hazard) -> str:
    """A 1200 m² fire reported at T0, opened through the Desk, which records its level with the facts:
    major (1.4); with a hazard given, especially major (an active hazard of 1.4)."""
    facts: dict[str, object] = {"burning_area_m2": 1200}
    if hazards:
        facts["hazards"] = [h.value for h in hazards]
    return desk(journal).open(facts, at=T0).state.id
