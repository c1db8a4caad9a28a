"""Local time targets (the plan sets none), overdue steps under an injected clock, and expectations."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from firedrill.errors import InputError
from firedrill.procedure import (
    ProcedureSettings,
    StepState,
    check_expectation,
    evaluate,
    load_settings,
)
from firedrill.procedure.timeline import timeline
from tests.procedure.conftest import ACTIVATION, MAJOR, T0, at, done_events, incident

REPORTS = ("activation_proposed", "city_government_reported", "emergency_bureau_notified")


def settings(**targets: dict[str, object]) -> ProcedureSettings:
    return ProcedureSettings.model_validate({"targets": targets})


def test_with_no_settings_nothing_is_ever_overdue() -> None:
    """Default: no targets, because the plan gives no minutes."""
    state = evaluate(MAJOR, incident(), done_events(("alarm_received", 0)), at(60 * 24 * 7))
    assert ProcedureSettings().targets == {}
    assert state.overdue() == ()
    assert state.status("forces_dispatched").state is StepState.DUE


def test_a_target_from_the_report_time_makes_a_step_overdue_after_its_minutes() -> None:
    local = settings(turn_out={"minutes": 3})
    events = done_events(("alarm_received", 0))
    assert evaluate(MAJOR, incident(), events, at(3), settings=local).status("forces_dispatched").state is StepState.DUE
    late = evaluate(MAJOR, incident(), events, at(3.5), settings=local).status("forces_dispatched")
    assert late.state is StepState.OVERDUE
    assert late.deadline == at(3)


def test_a_target_after_a_step_starts_when_that_step_is_done() -> None:
    local = settings(activation_reports={"minutes": 15, "after": "level_determined"})
    chain = done_events(*ACTIVATION[:3])
    waiting = evaluate(MAJOR, incident(), chain, at(120), settings=local).status("city_government_reported")
    assert waiting.deadline is None and waiting.state is StepState.WAITING  # level not determined yet
    determined = done_events(*ACTIVATION[:4])  # level_determined at +8
    for step in REPORTS:
        status = evaluate(MAJOR, incident(), determined, at(24), settings=local).status(step)
        assert status.deadline == at(23)
        assert status.state is StepState.OVERDUE


def test_a_step_done_after_its_deadline_is_marked_late_in_the_timeline() -> None:
    local = settings(activation_reports={"minutes": 15, "after": "level_determined"})
    events = done_events(*ACTIVATION[:4], ("city_government_reported", 30), ("emergency_bureau_notified", 12))
    state = evaluate(MAJOR, incident(), events, at(40), settings=local)
    entries = {e.step: e for e in timeline(state)}
    assert entries["city_government_reported"].late
    assert not entries["emergency_bureau_notified"].late
    assert entries["city_government_reported"].elapsed == timedelta(minutes=30)
    assert entries["city_government_reported"].elapsed_text == "+00:30:00"
    assert [e.step for e in timeline(state)][-1] == "city_government_reported"  # time order


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ({"coffee": {"minutes": 5}}, "unknown time target 'coffee'"),
        ({"turn_out": {"minutes": 5, "after": "lunch"}}, "'after' is 'reported' or a step id"),
        ({"activation_reports": {"minutes": 5, "after": "city_government_reported"}}, "a step it measures"),
        ({"turn_out": {"minutes": 0}}, "greater than 0"),
    ],
)
def test_bad_targets_are_refused(targets: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ProcedureSettings.model_validate({"targets": targets})


def test_settings_file_errors_name_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("lang: en\nprocedure:\n  targets:\n    turn_out: {minutes: -2}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(path)
    assert caught.value.file == str(path)
    assert caught.value.line == 4
    assert caught.value.field == "procedure.targets.turn_out.minutes"


def test_settings_file_is_read_from_its_procedure_mapping(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("procedure:\n  targets:\n    on_scene: {minutes: 45, after: level_determined}\n", "utf-8")
    loaded = load_settings(path)
    assert loaded.targets["on_scene"].span() == timedelta(minutes=45)
    assert load_settings(None).targets == {}


class TestExpectations:
    events = done_events(*ACTIVATION, ("city_government_reported", 12))

    def test_met_when_done_by_the_offset(self) -> None:
        state = evaluate(MAJOR, incident(), self.events, at(30))
        result = check_expectation(state, "city_government_reported", timedelta(minutes=15))
        assert result and result.done_at == at(12) and result.elapsed == timedelta(minutes=12)
        assert result.deadline == at(15)

    def test_not_met_when_done_later_than_asked(self) -> None:
        state = evaluate(MAJOR, incident(), self.events, at(30))
        result = check_expectation(state, "city_government_reported", at(10))
        assert not result and not result.pending
        assert "after +00:10:00" in result.reason

    def test_pending_before_the_deadline_then_failed_after_it(self) -> None:
        early = evaluate(MAJOR, incident(), self.events, at(20))
        assert check_expectation(early, "commander_on_scene", timedelta(minutes=30)).pending
        late = evaluate(MAJOR, incident(), self.events, at(31))
        result = check_expectation(late, "commander_on_scene", timedelta(minutes=30))
        assert not result and not result.pending and "not done by +00:30:00" in result.reason

    def test_a_step_of_another_level_is_not_met(self) -> None:
        state = evaluate(MAJOR, incident(), self.events, at(30))
        result = check_expectation(state, "office_staff_on_scene", timedelta(minutes=30))
        assert not result and "not asked for at level major" in result.reason

    def test_an_unknown_step_is_an_input_error(self) -> None:
        state = evaluate(MAJOR, incident(), self.events, at(30))
        with pytest.raises(InputError, match="unknown step"):
            check_expectation(state, "tea_served", timedelta(minutes=5))

    def test_ticks_after_the_state_time_do_not_count_yet(self) -> None:
        """A replay evaluating at +00:11 must not see the report made at +00:12."""
        state = evaluate(MAJOR, incident(), self.events, at(11))
        assert state.status("city_government_reported").state is StepState.DUE
        assert state.now == at(11) and state.reported_at == T0
