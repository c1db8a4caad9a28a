"""Ticks are journal events, recorded by the Desk only when the checklist allows them; the checklist is
rebuilt from them after the journal is reopened."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firedrill.errors import InputError
from firedrill.journal import EventKind, Journal, ProcedureState
from firedrill.procedure import (
    ProcedureRefused,
    RefusalCode,
    StepState,
    evaluate,
    load_catalogue,
    refusal,
)
from firedrill.procedure.state import ticks_from_events
from tests.procedure.conftest import ACTIVATION, MAJOR, T0, at, desk, done_events, incident, open_major_incident

DONE, SKIPPED, UNDONE = ProcedureState.DONE, ProcedureState.SKIPPED, ProcedureState.UNDONE


def test_ticks_are_written_and_the_checklist_survives_reopening(db_path: Path) -> None:
    with Journal.open(db_path) as journal:
        incident_id = open_major_incident(journal)
        d = desk(journal)
        for step, minute in ACTIVATION:
            d.step(incident_id, step, DONE, at(minute), "值班员甲", note=f"note {step}")
        d.step(incident_id, "public_mobilised", SKIPPED, at(20), "指挥长", note="无需群众参与")
        before = d.checklist(d.load(incident_id), at(30))
    with Journal.open(db_path) as journal:
        events = journal.events(incident_id, [EventKind.PROCEDURE])
        d = desk(journal)
        state = d.load(incident_id)
        after = d.checklist(state, at(30))
    assert before is not None and after is not None
    assert [e.payload["step"] for e in events] == [s for s, _ in ACTIVATION] + ["public_mobilised"]
    first = events[0]
    assert first.payload["state"] == "done" and first.payload["clause"] == "4.1"
    assert first.payload["level"] == "major" and first.actor == "值班员甲"
    assert [s.state for s in after.statuses] == [s.state for s in before.statuses]
    determined, skipped = after.status("level_determined").tick, after.status("public_mobilised").tick
    assert determined is not None and determined.at == at(8)
    assert after.status("public_mobilised").state is StepState.SKIPPED
    assert skipped is not None and skipped.note == "无需群众参与"
    # The checklist follows the level recorded (shown to the dispatcher), not one graded afresh.
    assert state.recorded is not None and d.grade(state, at(30)) == MAJOR == after.grade


def test_a_refused_tick_records_nothing(journal: Journal) -> None:
    incident_id = open_major_incident(journal)
    count = journal.version(incident_id)
    with pytest.raises(ProcedureRefused) as caught:
        desk(journal).step(incident_id, "city_government_reported", DONE, at(5), "x")
    assert isinstance(caught.value, InputError) and caught.value.field == "step"
    assert "level_determined" in caught.value.one_line()
    assert journal.version(incident_id) == count


def test_undo_takes_a_tick_back_and_keeps_both_events(journal: Journal) -> None:
    incident_id = open_major_incident(journal)
    d = desk(journal)
    d.step(incident_id, "alarm_received", DONE, at(0), "x")
    d.step(incident_id, "alarm_received", UNDONE, at(1), "x", note="wrong incident")
    state = d.checklist(d.load(incident_id), at(2))
    assert state is not None and state.status("alarm_received").state is StepState.DUE
    states = [e.payload["state"] for e in journal.events(incident_id, [EventKind.PROCEDURE])]
    assert states == ["done", "undone"]


def test_a_tick_earlier_than_its_dependency_is_refused(journal: Journal) -> None:
    incident_id = open_major_incident(journal)
    d = desk(journal)
    d.step(incident_id, "alarm_received", DONE, at(5), "x")
    with pytest.raises(ProcedureRefused) as caught:
        d.step(incident_id, "forces_dispatched", DONE, at(4), "x")
    assert caught.value.refusal.code is RefusalCode.BEFORE_DEPENDENCY


def test_a_step_done_later_in_time_cannot_be_ticked_again_earlier(journal: Journal) -> None:
    incident_id = open_major_incident(journal)
    d = desk(journal)
    d.step(incident_id, "alarm_received", DONE, at(5), "x")
    with pytest.raises(ProcedureRefused) as caught:
        d.step(incident_id, "alarm_received", DONE, at(3), "x")
    assert caught.value.refusal.code is RefusalCode.ALREADY_RECORDED


def test_a_step_of_another_level_is_refused(journal: Journal) -> None:
    incident_id = open_major_incident(journal)
    with pytest.raises(ProcedureRefused) as caught:
        desk(journal).step(incident_id, "office_staff_on_scene", DONE, at(10), "x")
    assert caught.value.refusal.code is RefusalCode.NOT_APPLICABLE
    assert "not asked for at level major" in caught.value.message


def test_skipping_needs_a_reason(journal: Journal) -> None:
    incident_id = open_major_incident(journal)
    with pytest.raises(ProcedureRefused) as caught:
        desk(journal).step(incident_id, "combat.forcible_entry", SKIPPED, at(10), "x", note="  ")
    assert caught.value.refusal.code is RefusalCode.NOTE_REQUIRED


def test_the_level_is_the_latest_assessment_recorded(journal: Journal) -> None:
    incident_id = open_major_incident(journal)
    d = desk(journal)
    # At 22:10 the clock has entered the night window (4.3(3)): the Desk records the major fire raised.
    raised = d.advance(incident_id, at(30))
    assert [e.payload["level"] for e in raised.events if e.kind is EventKind.ASSESSMENT] == ["especially_major"]
    early = d.checklist(d.load(incident_id, until=at(20)), at(20))
    late = d.checklist(d.load(incident_id), at(31))
    assert early is not None and late is not None
    assert early.grade == MAJOR and early.status("escalation_recorded").state is StepState.NOT_APPLICABLE
    assert late.grade.escalated and late.status("escalation_recorded").state is not StepState.NOT_APPLICABLE


def test_without_an_assessment_the_facts_are_graded(journal: Journal) -> None:
    """A journal whose facts were recorded without a decision (not by a Desk): the checklist grades them."""
    record = journal.create_incident("t", None, T0)
    journal.append(record.id, EventKind.FACT, {"changes": {"burning_area_m2": 2500}}, at(1))
    d = desk(journal)
    state = d.load(record.id)
    assert state.recorded is None
    checklist = d.checklist(state, at(2))
    assert checklist is not None
    assert checklist.grade.level.value == "especially_major"  # 2000 m² and above, ordinary building (1.4)


def test_invalid_recorded_facts_are_one_clear_error(journal: Journal) -> None:
    """The Desk refuses such facts; a journal that holds them anyway (hand-edited) gives no checklist,
    and a tick on it is one error saying which fact is wrong, with nothing recorded."""
    d = desk(journal)
    incident_id = d.open(at=T0).state.id
    with pytest.raises(InputError) as refused:
        d.set_facts(incident_id, {"deaths": -3}, at=at(1))
    assert refused.value.field == "facts.deaths"
    journal.append(incident_id, EventKind.FACT, {"changes": {"deaths": -3}}, at(1))
    state = d.load(incident_id)
    assert state.incident is None and state.problem is not None and state.problem.startswith("facts.deaths:")
    assert d.checklist(state, at(2)) is None
    count = journal.version(incident_id)
    with pytest.raises(InputError) as caught:
        d.step(incident_id, "alarm_received", DONE, at(2), "x")
    assert caught.value.field == "facts" and "facts.deaths" in caught.value.one_line()
    assert journal.version(incident_id) == count


IDS = list(load_catalogue().ids())


@given(st.lists(st.sampled_from(IDS), max_size=60))
def test_whatever_is_attempted_only_allowed_ticks_follow_the_plan_order(attempts: list[str]) -> None:
    """Tick in any order: a tick is accepted only after its dependencies, and never twice."""
    events = []
    for minute, step in enumerate(attempts):
        state = evaluate(MAJOR, incident(), events, at(minute))
        if refusal(state, step, ProcedureState.DONE, at(minute)) is None:
            events += done_events((step, minute))
            events[-1] = events[-1].model_copy(update={"seq": len(events)})
    ticks = ticks_from_events(events)
    assert len(ticks) == len(events)
    catalogue = load_catalogue()
    for step_id, done in ticks.items():
        step = catalogue.step(step_id)
        assert step is not None and MAJOR.level in step.levels
        for dep in step.depends_on:
            assert dep in ticks and ticks[dep].at <= done.at
