"""The checklist reads facts as the console records them through the Desk: a cleared field takes the
Incident's default, a wind field holds one form (typing a speed clears the force), calls count."""

from __future__ import annotations

from firedrill.facts import form_changes
from firedrill.journal import Journal
from tests.procedure.conftest import T0, at, desk


def test_cleared_fields_take_the_default_and_wind_is_read_in_either_form(journal: Journal) -> None:
    d = desk(journal)
    incident_id = d.open(at=T0).state.id
    facts = [
        ("burning_area_m2", 300, 1),
        ("burning_area_m2", None, 2),  # the dispatcher cleared the field
        ("wind", {"wind_force": 6}, 3),
        ("wind", {"wind_speed_ms": 5.0}, 4),  # retyped as a speed: the force no longer applies
        ("location", "江汉路商场", 5),
    ]
    for field, value, minutes in facts:
        d.set_facts(incident_id, form_changes(field, value), at=at(minutes))
    d.call(incident_id, at=at(6))

    early = d.load(incident_id, until=at(3)).incident
    assert early is not None
    assert (early.burning_area_m2, early.wind_force, early.wind_speed_ms) == (0, 6, None)
    state = d.load(incident_id, until=at(10))
    late = state.incident
    assert late is not None
    assert (late.wind_force, late.wind_speed_ms) == (None, 5.0)
    assert late.calls == (at(6),) and late.reported_at == T0
    assert state.facts["location"] == "江汉路商场"
    # what the checklist is evaluated on is that same Incident
    checklist = d.checklist(state, at(10))
    assert checklist is not None and checklist.reported_at == T0
