"""Chapter 5 is refused while a hazard is active or before the office confirms; chapter 6 waits for 5."""

from __future__ import annotations

import pytest

from firedrill.journal import EventKind, Journal, ProcedureState
from firedrill.models import Hazard
from firedrill.procedure import (
    ChecklistState,
    ProcedureRefused,
    RefusalCode,
    StepState,
    evaluate,
    refusal,
    termination_refusal,
)
from tests.procedure.conftest import ACTIVATION, MAJOR, at, desk, done_events, incident, open_major_incident

DONE = ProcedureState.DONE


def _activated(journal: Journal, *hazards: Hazard) -> str:
    incident_id = open_major_incident(journal, *hazards)
    for step, minute in ACTIVATION:
        desk(journal).step(incident_id, step, DONE, at(minute), "值班员")
    return incident_id


def _checklist(journal: Journal, incident_id: str, minutes: float) -> ChecklistState:
    d = desk(journal)
    state = d.checklist(d.load(incident_id), at(minutes))
    assert state is not None
    return state


def test_termination_is_refused_without_the_office_confirmation(journal: Journal) -> None:
    incident_id = _activated(journal)
    with pytest.raises(ProcedureRefused) as caught:
        desk(journal).step(incident_id, "termination_declared", DONE, at(90), "指挥长")
    assert caught.value.refusal.code is RefusalCode.DEPENDENCIES
    assert "termination_reported" in caught.value.message
    state = _checklist(journal, incident_id, 90)
    assert termination_refusal(state, at(90)) is not None
    assert not state.terminated


def test_the_office_cannot_confirm_control_while_a_hazard_is_active(journal: Journal) -> None:
    incident_id = _activated(journal, Hazard.EXPLOSION)
    before = journal.version(incident_id)
    with pytest.raises(ProcedureRefused) as caught:
        desk(journal).step(incident_id, "control_confirmed", DONE, at(60), "办公室")
    assert caught.value.refusal.code is RefusalCode.ACTIVE_HAZARD
    assert "explosion" in caught.value.one_line()
    assert journal.version(incident_id) == before  # nothing recorded
    status = _checklist(journal, incident_id, 60).status("control_confirmed")
    assert status.state is StepState.WAITING and status.hazards == (Hazard.EXPLOSION,)


def test_a_hazard_reported_after_confirmation_still_blocks_the_declaration(journal: Journal) -> None:
    incident_id = _activated(journal)
    d = desk(journal)
    d.step(incident_id, "control_confirmed", DONE, at(60), "办公室")
    d.step(incident_id, "termination_reported", DONE, at(61), "办公室")
    d.set_facts(incident_id, {"hazards": ["collapse"]}, at=at(62))
    before = journal.version(incident_id)
    with pytest.raises(ProcedureRefused, match="collapse"):
        d.step(incident_id, "termination_declared", DONE, at(63), "指挥长")
    assert journal.version(incident_id) == before


def test_termination_is_allowed_once_confirmed_and_the_hazards_are_cleared(journal: Journal) -> None:
    incident_id = _activated(journal, Hazard.TOXIC_SPREAD)
    d = desk(journal)
    d.set_facts(incident_id, {"hazards": []}, at=at(55))
    d.step(incident_id, "control_confirmed", DONE, at(60), "办公室")
    d.step(incident_id, "termination_reported", DONE, at(61), "办公室")
    assert termination_refusal(_checklist(journal, incident_id, 62), at(62)) is None
    declared = d.step(incident_id, "termination_declared", DONE, at(62), "指挥长")
    assert declared.state.ended and not declared.state.closed  # the aftermath (6) is still to record
    assert _checklist(journal, incident_id, 63).terminated
    kinds = [e.kind for e in declared.events]
    assert kinds == [EventKind.PROCEDURE]


def test_aftermath_opens_only_after_termination() -> None:
    confirmed = [*ACTIVATION, ("control_confirmed", 60), ("termination_reported", 61)]
    before = evaluate(MAJOR, incident(), done_events(*confirmed), at(62))
    for step in ("recovery_plan", "loss_assessed", "handed_over"):
        assert before.status(step).state is StepState.WAITING
        problem = refusal(before, step, ProcedureState.DONE, at(62))
        assert problem is not None and problem.code is RefusalCode.DEPENDENCIES
    after = evaluate(MAJOR, incident(), done_events(*confirmed, ("termination_declared", 62)), at(63))
    assert after.status("recovery_plan").state is StepState.DUE
    assert after.status("loss_assessed").state is StepState.DUE
    assert after.status("handed_over").state is StepState.WAITING  # after the loss assessment


def test_termination_steps_cannot_be_skipped() -> None:
    state = evaluate(MAJOR, incident(), done_events(*ACTIVATION), at(20))
    problem = refusal(state, "control_confirmed", ProcedureState.SKIPPED, at(20), note="no time")
    assert problem is not None and problem.code is RefusalCode.NOT_SKIPPABLE


def test_declaration_cannot_be_taken_back_once_aftermath_has_started() -> None:
    steps = [*ACTIVATION, ("control_confirmed", 60), ("termination_reported", 61), ("termination_declared", 62),
             ("loss_assessed", 200)]
    state = evaluate(MAJOR, incident(), done_events(*steps), at(201))
    problem = refusal(state, "termination_declared", ProcedureState.UNDONE, at(201))
    assert problem is not None and problem.code is RefusalCode.DEPENDENTS_DONE
    assert "loss_assessed" in problem.message
