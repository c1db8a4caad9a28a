"""Fair checklist scoring: each step is due by its own deadline (the designer's, a time target or
the local default), counted once, credited to whoever recorded it first; script marks are gated as
the console gates a tick."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.procedure import RefusalCode
from firedrill.replay.deadlines import DeadlineSource
from firedrill.replay.problems import FileProblems
from firedrill.replay.scoring import GradeId
from tests.replay.helpers import line_with, replay_of
from tests.replay.test_drill_ticks import GENERAL_STEPS, MAJOR_STEPS, answers, drill

# Major from the first prompt (700 m², 1.4) with the reconnaissance reported; a second prompt only
# three minutes later. The plan demands 25 steps at #1 (4.1's two and the 23 of major).
CLOSE = """\
id: close-prompts
title: 提问相隔三分钟
author: tests
playbook: shopping-mall
start: 2026-11-24T14:00:00
location: 测试地点
incident:
  burning_area_m2: 700
injects:
  - {at: "+00:05", seq: 1, phase: reconnaissance, prompt: p1}
  - {at: "+00:08", seq: 2, prompt: p2}
end: "+00:30"
"""
ALL = GENERAL_STEPS + MAJOR_STEPS


def two(first: list[str], second: list[str], *, seconds: int = 15, extra: str = "") -> str:
    return answers(first, second, seconds=seconds, extra=extra).replace("level: general", "level: major")


def test_five_right_steps_in_fifteen_seconds_are_not_u(tmp_path: Path) -> None:
    result = drill(tmp_path, two(ALL[:5], ALL[5:]), script=CLOSE)
    first, second = (m.procedure for m in result.marks)
    assert first is not None and second is not None
    assert list(first.due) == ALL and first.missed == () and first.grade is GradeId.P
    assert second.due == () and second.grade is GradeId.P  # the rest ticked at #2, in time, no step counted twice
    deadline = next(t for t in second.ticks if t.step == ALL[5])
    assert deadline.deadline is not None and deadline.deadline.strftime("%H:%M") == "14:20"  # 15 min from #1
    assert deadline.deadline_source is DeadlineSource.LOCAL_DEFAULT and not deadline.late


def test_a_step_left_past_its_deadline_is_missed_once(tmp_path: Path) -> None:
    script = CLOSE.replace("end: ", 'drill: {deadlines: {steps: {experts_called: "0:02"}}}\nend: ')
    result = drill(tmp_path, two(ALL[:5], [s for s in ALL[5:] if s != "experts_called"]), script=script)
    first, second = (m.procedure for m in result.marks)
    assert first is not None and second is not None
    assert first.missed == ("experts_called",) and first.grade is GradeId.S  # due by 14:07, never ticked
    assert "experts_called" not in second.due and second.missed == ()


def test_a_designer_deadline_makes_a_tick_late(tmp_path: Path) -> None:
    script = CLOSE.replace("end: ", 'drill: {deadlines: {default: "0:01"}}\nend: ')
    result = drill(tmp_path, two(ALL[:5], ALL[5:]), script=script)
    second = result.marks[1].procedure
    assert second is not None and len(second.late) == len(ALL) - 5  # ticked at 14:08:15, due at 14:06
    assert {t.deadline_source for t in second.late} == {DeadlineSource.SCRIPT_DEFAULT}
    assert result.marks[0].procedure is not None and result.marks[0].procedure.grade is GradeId.P


def test_a_deadline_past_the_end_is_not_yet_due(tmp_path: Path) -> None:
    script = CLOSE.replace('end: "+00:30"', 'end: "+00:12"')  # the local default (15 min) lies past the end
    result = drill(tmp_path, two(ALL[:5], []), script=script)
    first = result.marks[0].procedure
    assert first is not None and list(first.due) == ALL[:5] and first.grade is GradeId.P


def test_a_refused_tick_is_wrong_once_and_not_also_missed(tmp_path: Path) -> None:
    # the turn-out ticked before the alarm (5 s before): refused; never ticked again
    text = two([], []).replace("ticks: []", "ticks:\n      - {step: forces_dispatched, seconds: 5}\n"
                               "      - alarm_received", 1)  # fmt: skip
    script = CLOSE.replace("end: ", 'drill: {deadlines: {default: "0:02"}}\nend: ')
    result = drill(tmp_path, text, script=script)
    first = result.marks[0].procedure
    assert first is not None
    assert [(t.step, t.refused) for t in first.wrong] == [("forces_dispatched", RefusalCode.DEPENDENCIES)]
    assert "forces_dispatched" not in first.missed
    assert [i.detail for i in first.issues if i.code.value == "procedure_wrong"] == ["forces_dispatched: dependencies"]


LATER_MARK = CLOSE.replace(
    '  - {at: "+00:08", seq: 2, prompt: p2}',
    '  - {at: "+00:06", seq: 3, procedure: [{step: alarm_received, by: 119指挥中心}]}\n'
    '  - {at: "+00:08", seq: 2, prompt: p2}',
)


def test_a_later_script_mark_does_not_take_the_trainees_credit(tmp_path: Path) -> None:
    result = drill(tmp_path, two(ALL[:5], ALL[5:]), script=LATER_MARK)
    first = result.marks[0].procedure
    assert first is not None and "alarm_received" in first.due and first.missed == ()
    assert first.by_script == () and first.grade is GradeId.P


def test_an_earlier_script_mark_is_nobodys_credit_and_a_later_tick_no_mistake(tmp_path: Path) -> None:
    early = LATER_MARK.replace('at: "+00:06", seq: 3', 'at: "+00:05", seq: 3')
    result = drill(tmp_path, two(ALL[:5], ALL[5:]), script=early)
    first = result.marks[0].procedure
    assert first is not None and "alarm_received" not in first.due and first.by_script == ("alarm_received",)
    assert first.wrong == () and first.grade is GradeId.P


@pytest.mark.parametrize(
    ("mark", "code"),
    [
        ("{step: situation_reported}", "not_applicable"),  # 4.1 general fire: no situation report asked
        ("{step: forces_dispatched}", "dependencies"),  # no alarm_received before it
        ("{step: alarm_received, state: skipped}", "note_required"),  # skipped with no reason
    ],
)
def test_a_script_mark_the_console_would_refuse_is_an_error(tmp_path: Path, mark: str, code: str) -> None:
    script = CLOSE.replace("burning_area_m2: 700", "burning_area_m2: 100").replace(
        "phase: reconnaissance, prompt: p1", f"procedure: [{mark}], prompt: p1"
    )
    with pytest.raises(FileProblems) as caught:
        replay_of(tmp_path, script)
    (problem,) = caught.value.problems
    assert problem.field == "injects.0.procedure.0" and problem.line == line_with(script, mark)
    assert problem.params["refused"] == code
    assert "控制台会拒绝" in problem.message("zh") and "the console would refuse" in problem.message("en")
