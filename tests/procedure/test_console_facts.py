"""The checklist reads a journal written by the console: cleared fields and wind in one form."""

from __future__ import annotations

from firedrill.journal import EventKind, Journal
from firedrill.procedure.source import incident_at
from tests.procedure.conftest import T0, at


def test_cleared_fields_take_the_default_and_wind_is_read_in_either_form(journal: Journal) -> None:
    record = journal.create_incident("商场火灾", None, T0)
    facts = [
        ("reported_at", T0.isoformat(), 0.1),
        ("burning_area_m2", 300, 1),
        ("burning_area_m2", None, 2),  # the dispatcher cleared the field
        ("wind", {"wind_force": 6}, 3),
        ("wind", {"wind_speed_ms": 5.0}, 4),  # retyped as a speed: the force no longer applies
        ("location", "江汉路商场", 5),
    ]
    for field, value, minutes in facts:
        journal.append(record.id, EventKind.FACT, {"field": field, "value": value}, at(minutes))
    journal.append(record.id, EventKind.CALL, {"call_at": at(6).isoformat()}, at(6))
    events = journal.events(record.id)

    early = incident_at(journal, record.id, events, at(3))
    assert (early.burning_area_m2, early.wind_force, early.wind_speed_ms) == (0, 6, None)
    late = incident_at(journal, record.id, events, at(10))
    assert (late.wind_force, late.wind_speed_ms) == (None, 5.0)
    assert late.calls == (at(6),) and late.reported_at == T0
