"""Which steps the plan asks for at each level, and what a change of level adds or removes."""

from __future__ import annotations

from firedrill.models import Level
from firedrill.procedure import Grade, StepState, applies, evaluate, level_change, load_catalogue
from firedrill.rules import assess
from tests.procedure.conftest import ESCALATED, MAJOR, T0, at, done_events, incident

CATALOGUE = load_catalogue()


def asked_for(grade: Grade) -> set[str]:
    return {s.id for s in CATALOGUE.steps if applies(s, grade)}


def test_a_general_fire_gets_only_the_alarm_steps_of_4_1() -> None:
    assert asked_for(Grade(level=Level.GENERAL)) == {"alarm_received", "forces_dispatched"}


def test_larger_fire_sends_office_staff_not_the_commander() -> None:
    larger = asked_for(Grade(level=Level.LARGER))
    assert "office_staff_on_scene" in larger
    assert "commander_on_scene" not in larger
    # 4.2 activation applies, but the headquarters' own organisation does not (2.1: major and above).
    assert {"level_determined", "city_government_reported", "emergency_bureau_notified"} <= larger
    assert not {"field_headquarters_set_up", "linked_units_called", "major_scale_dispatched"} & larger


def test_major_fire_sends_the_commander_and_the_major_scale() -> None:
    major = asked_for(MAJOR)
    assert {"commander_on_scene", "major_scale_dispatched", "province_reported", "experts_called"} <= major
    assert {"field_headquarters_set_up", "group_medical", "linked_units_called"} <= major
    assert not {"office_staff_on_scene", "especially_major_scale_dispatched", "escalation_recorded"} & major


def test_especially_major_fire_gets_the_larger_scale() -> None:
    graded = asked_for(Grade(level=Level.ESPECIALLY_MAJOR))
    assert {"especially_major_scale_dispatched", "province_reported_especially_major", "commander_on_scene"} <= graded
    assert "major_scale_dispatched" not in graded
    # Graded especially major by the facts (not raised under 4.3): there is no escalation to record.
    assert "escalation_recorded" not in graded
    assert "escalation_recorded" in asked_for(ESCALATED)


def test_escalating_a_major_fire_adds_the_4_3_record_and_the_larger_scale() -> None:
    change = level_change(MAJOR, ESCALATED)
    added = [s.id for s in change.added]
    removed = [s.id for s in change.removed]
    assert added == ["escalation_recorded", "especially_major_scale_dispatched", "province_reported_especially_major"]
    assert removed == ["major_scale_dispatched", "province_reported"]


def test_raising_a_larger_fire_makes_the_commanders_attendance_due() -> None:
    change = level_change(Grade(level=Level.LARGER), Grade(level=Level.ESPECIALLY_MAJOR))
    added = {s.id for s in change.added}
    assert {"commander_on_scene", "especially_major_scale_dispatched", "field_headquarters_set_up"} <= added
    assert "office_staff_on_scene" in {s.id for s in change.removed}


def test_level_change_accepts_assessments_from_the_rules_engine() -> None:
    major = assess(incident())  # 1200 m² ordinary building: major (1.4)
    night = assess(incident(), at=T0.replace(hour=23))  # 4.3(3): raised at night
    assert major.level is Level.MAJOR and night.escalated
    assert "escalation_recorded" in {s.id for s in level_change(major, night).added}


def test_after_escalation_the_commander_step_is_due_and_done_steps_stay_done() -> None:
    events = done_events(("alarm_received", 0), ("forces_dispatched", 1), ("situation_reported", 6),
                         ("level_determined", 8), ("major_scale_dispatched", 9))
    state = evaluate(ESCALATED, incident(), events, at(12))
    assert state.status("commander_on_scene").state is StepState.DUE
    assert state.status("especially_major_scale_dispatched").state is StepState.DUE
    assert state.status("escalation_recorded").state is StepState.DUE
    old_scale = state.status("major_scale_dispatched")
    assert old_scale.state is StepState.DONE and not old_scale.applicable
    assert state.status("office_staff_on_scene").state is StepState.NOT_APPLICABLE
