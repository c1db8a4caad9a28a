"""Shared helpers: a fixed clock, incidents, synthetic procedure events, and a journal in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

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
    return Incident(reported_at=T0, burning_area_m2=1200, hazards=hazards)


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


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "firedrill.sqlite3"


@pytest.fixture
def journal(db_path: Path) -> Iterator[Journal]:
    with Journal.open(db_path) as j:
        yield j


def open_major_incident(journal: Journal, *hazards: Hazard) -> str:
    """A journal incident reported at T0 with a 1200 m² fire assessed as major."""
    record = journal.create_incident("仓库火灾", None, T0)
    journal.append(record.id, EventKind.FACT, {"field": "burning_area_m2", "value": 1200}, at(1))
    if hazards:
        journal.append(record.id, EventKind.FACT, {"field": "hazards", "value": [h.value for h in hazards]}, at(1))
    journal.append(record.id, EventKind.ASSESSMENT, {"level": "major", "base_level": "major"}, at(2))
    return record.id
