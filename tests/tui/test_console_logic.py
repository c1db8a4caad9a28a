"""The console's procedure, place and dispatch logic without a screen: a resumed incident remembers the
declaration, places are read as typed or refused, sent units come from the recorded orders."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from firedrill.incident.places import PlaceError, parse_place
from firedrill.journal import EventKind, ProcedureState
from firedrill.procedure import Grade, ProcedureRefused, after_ending
from firedrill.tui.checklist import checklist, level_changes, record_step
from firedrill.tui.clock import LOCAL_TZ, ManualClock
from firedrill.tui.engine import Options, load_engine
from firedrill.tui.session import Session

NOON = datetime(2026, 3, 11, 12, 0, tzinfo=LOCAL_TZ)
TO_DECLARATION = (
    "alarm_received", "forces_dispatched", "situation_reported", "level_determined",
    "activation_proposed", "control_confirmed", "termination_reported", "termination_declared",
)  # fmt: skip


@pytest.mark.parametrize(("text", "value"), [
    ("114.26,30.60", {"lon": 114.26, "lat": 30.6}), ("114.26， 30.6", {"lon": 114.26, "lat": 30.6}),
    ("江汉区", {"lon": 114.26, "lat": 30.6, "district": "江汉"}),
    ("Jiang'an", {"lon": 114.31, "lat": 30.62, "district": "江岸"}), ("", None),
])  # fmt: skip
def test_places_as_typed(text: str, value: object) -> None:
    assert parse_place(text) == value


@pytest.mark.parametrize("text", ["30.6,114.26", "114.26", "北京", "181,30"])
def test_places_not_guessed_at(text: str) -> None:
    with pytest.raises(PlaceError):
        parse_place(text)


def test_a_declared_incident_resumes_read_only_and_is_closed_after_its_aftermath(tmp_path: Path) -> None:
    clock = ManualClock(NOON)
    engine = load_engine(Options(data_dir=tmp_path))
    session = Session.start(engine, clock, {"deaths": "3"})  # 较大: chapter 5 applies
    for step in TO_DECLARATION:
        clock.advance(minutes=1)
        record_step(session, step, ProcedureState.DONE, "指挥部办公室", None)
    assert session.ended and not session.closed
    with pytest.raises(ProcedureRefused):  # the journal's rules, not only the screen's
        record_step(session, "termination_declared", ProcedureState.DONE, None, None)

    again = Session.resume(engine, engine.journal.incident(session.id), clock)
    assert again.ended and not again.edit("deaths", "30") and again.tick() == []
    aftermath = [s.id for s in after_ending(engine.catalogue)]
    assert aftermath == ["recovery_plan", "loss_assessed", "handed_over"]
    for step in aftermath:
        clock.advance(minutes=1)
        record_step(again, step, ProcedureState.DONE, None, None)
    assert again.closed and engine.journal.open_incidents() == []
    state = checklist(again)
    assert state is not None and state.terminated


def test_units_sent_and_level_changes_come_from_the_journal(tmp_path: Path) -> None:
    clock = ManualClock(NOON)
    engine = load_engine(Options(data_dir=tmp_path))
    session = Session.start(engine, clock, {"deaths": "3"})
    session.record_order("first", "zh", ("a", "b"))
    session.record_order("second", "zh", ("b", "c"))  # b was sent before: not sent twice
    assert session.state.units_sent == ("a", "b", "c")
    assert session.state.orders[-1].new_units == ("c",)
    session.edit("deaths", "30")
    session.flush()
    changes = level_changes(session.state.levels, engine.catalogue)
    (change,) = [c for c in changes.values() if c.after == Grade(level="especially_major")]
    added = {s.id for s in change.added}
    assert "commander_on_scene" in added and "office_staff_on_scene" in {s.id for s in change.removed}
    assert [e.kind for e in session.events].count(EventKind.ORDER) == 2
