"""Procedure ticks in a drill, rated by hand from the rule in docs/scenarios.md ("Procedure ticks")
and the step table of docs/procedure.md: a correct sequence, a missed step, a wrong tick, ticks out
of order, most steps missed, a local time target, the script's own marks; and the answers file's
ticks with bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.procedure import ProcedureSettings, RefusalCode, TimeTarget
from firedrill.replay.drill import score_drill
from firedrill.replay.scoring import GradeId, IssueCode
from tests.replay.helpers import line_with, replay_of, write

# A crowded-place fire by day: 100 m² is general (1.4) at #1 (+0:05); 700 m² is major at #2
# (+0:15), where the fire ground reports reconnaissance (4.5). Windows: #1 from the start to +0:15,
# #2 from +0:15 to the end at +0:30.
SCRIPT = """\
id: tick-script
title: 程序勾选
author: tests
playbook: shopping-mall
start: 2026-11-24T14:00:00
location: 测试地点
incident:
  burning_area_m2: 100
injects:
  - {at: "+00:05", seq: 1, prompt: p1}
  - {at: "+00:15", seq: 2, incident: {burning_area_m2: 700}, phase: reconnaissance, prompt: p2}
end: "+00:30"
"""

# By hand from docs/procedure.md: at general only 4.1 applies.
GENERAL_STEPS = ["alarm_received", "forces_dispatched"]
# At major, after 4.1: every step with M in its levels whose dependencies can be met, less the
# as-needed public_mobilised, clause 5 and 6 (never demanded in a drill), office_staff_on_scene
# (larger only), the especially-major and escalation steps, and the combat phases not reported.
MAJOR_STEPS = [
    "situation_reported", "level_determined", "activation_proposed", "city_government_reported",
    "emergency_bureau_notified", "commander_on_scene", "member_units_respond", "major_scale_dispatched",
    "leaders_responded", "local_government_coordinated", "experts_called", "province_reported",
    "linked_units_called", "rescue_teams_called", "field_headquarters_set_up", "group_firefighting",
    "group_cordon", "group_experts", "group_logistics", "group_medical", "group_aftermath", "group_publicity",
    "combat.reconnaissance",
]  # fmt: skip


def answers(first: list[str], second: list[str], *, seconds: int = 20, extra: str = "") -> str:
    def block(steps: list[str]) -> str:
        return "".join(f"\n      - {s}" for s in steps) if steps else " []"

    return (
        "answers:\n"
        f"  - inject: 1\n    level: general\n    seconds: {seconds}\n    ticks:{block(first)}\n"
        "  - inject: 2\n    level: major\n    dispatch: {stations: 6, formations: 11, engines: 21}\n"
        f"    seconds: 30\n    ticks:{block(second)}\n" + extra
    )


def drill(tmp_path: Path, text: str, script: str = SCRIPT, settings: ProcedureSettings | None = None):  # type: ignore[no-untyped-def]
    replay = replay_of(tmp_path, script)
    return score_drill(replay, write(tmp_path, text, "answers.yaml"), settings=settings)


def test_a_correct_sequence_is_p(tmp_path: Path) -> None:
    result = drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS))
    first, second = (m.procedure for m in result.marks)
    assert first is not None and second is not None
    assert list(first.due) == GENERAL_STEPS and list(second.due) == MAJOR_STEPS
    assert (first.grade, second.grade) == (GradeId.P, GradeId.P)
    assert [m.grade for m in result.marks] == [GradeId.P, GradeId.P]
    assert result.score == 100.0 and result.overall is GradeId.P
    # ticked at the prompt + the answer's seconds: 14:05:20 and 14:15:30
    assert {t.at.strftime("%H:%M:%S") for t in result.ticks} == {"14:05:20", "14:15:30"}


@pytest.mark.parametrize(
    ("leave_out", "add", "grade"),
    [
        ("experts_called", None, GradeId.S),  # one missed step: one minor
        (None, "especially_major_scale_dispatched", GradeId.S),  # one wrong tick: one minor
        ("experts_called", "especially_major_scale_dispatched", GradeId.M),  # two minors
    ],
)
def test_a_missed_step_and_a_wrong_tick(tmp_path: Path, leave_out: str | None, add: str | None, grade: GradeId) -> None:
    second = [s for s in MAJOR_STEPS if s != leave_out] + ([add] if add else [])
    result = drill(tmp_path, answers(GENERAL_STEPS, second))
    rating = result.marks[1].procedure
    assert rating is not None and rating.grade is grade
    assert list(rating.missed) == ([leave_out] if leave_out else [])
    # the especially-major scale is not asked for at major (4.4.2): the engine refuses it
    assert [(t.step, t.refused) for t in rating.wrong] == ([(add, RefusalCode.NOT_APPLICABLE)] if add else [])


def test_missed_and_wrong_count_in_the_score(tmp_path: Path) -> None:
    second = [s for s in MAJOR_STEPS if s != "experts_called"] + ["especially_major_scale_dispatched"]
    result = drill(tmp_path, answers(GENERAL_STEPS, second))
    # decisions P, P; procedure P, M: (3 + 3 + 3 + 1) / 12 = 83.3 %; a mean of 2.5 is S
    assert result.score == 83.3 and result.overall is GradeId.S
    assert result.procedure_counts == {GradeId.P: 1, GradeId.S: 0, GradeId.M: 1, GradeId.U: 0}


def test_ticks_given_together_are_judged_in_checklist_order_but_an_earlier_time_is_before(tmp_path: Path) -> None:
    together = drill(tmp_path, answers(["forces_dispatched", "alarm_received"], MAJOR_STEPS))
    assert together.marks[0].procedure is not None and together.marks[0].procedure.grade is GradeId.P
    # the turn-out ticked 5 s after the prompt, the alarm at 20 s: the turn-out is before its dependency
    first_ticks = "\n      - {step: forces_dispatched, seconds: 5}\n      - alarm_received"
    text = answers([], ["forces_dispatched", *MAJOR_STEPS]).replace("ticks: []", "ticks:" + first_ticks, 1)
    result = drill(tmp_path, text)
    first, second = (m.procedure for m in result.marks)
    assert first is not None and second is not None
    assert [(t.step, t.refused) for t in first.wrong] == [("forces_dispatched", RefusalCode.DEPENDENCIES)]
    # counted once: a wrong tick, not also missed, since it is ticked in time at #2 (the deadline is
    # the local default, 15 min from #1); it is due at #1 only, and the rest follows it
    assert first.missed == () and first.grade is GradeId.S
    assert "forces_dispatched" not in second.due and second.wrong == () and second.grade is GradeId.P


def test_most_steps_missed_is_u(tmp_path: Path) -> None:
    result = drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS[:11]))  # 12 of 23 missed: more than half
    rating = result.marks[1].procedure
    assert rating is not None and rating.grade is GradeId.U and len(rating.missed) == 12
    assert rating.issues[0].code is IssueCode.PROCEDURE_MOSTLY_MISSED and rating.issues[0].detail == "12/23"


def test_nothing_due_and_nothing_ticked_is_not_rated(tmp_path: Path) -> None:
    script = SCRIPT.replace("end: ", '  - {at: "+00:20", seq: 3, prompt: p3}\nend: ')
    result = drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS))
    three = drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS), script=script)
    assert three.marks[2].procedure is not None and three.marks[2].procedure.grade is None
    assert three.procedure_counts == result.procedure_counts  # the third prompt adds no procedure rating


def test_a_local_time_target_makes_a_tick_late(tmp_path: Path) -> None:
    # turn-out within 3 min of the report (a local setting; the plan sets no minutes): ticked at 14:05:20
    script = SCRIPT.replace("end: ", "drill: {procedure: {targets: {turn_out: {minutes: 3}}}}\nend: ")
    result = drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS), script=script)
    first = result.marks[0].procedure
    assert first is not None and [t.step for t in first.late] == ["forces_dispatched"]
    assert first.late[0].deadline is not None and first.late[0].deadline.strftime("%H:%M") == "14:03"
    assert first.grade is GradeId.S and result.targets.targets["turn_out"].minutes == 3
    # the config's targets apply when the script has none: 10 min is kept
    loose = ProcedureSettings(targets={"turn_out": TimeTarget(minutes=10)})
    kept = drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS), settings=loose)
    assert kept.marks[0].procedure is not None and kept.marks[0].procedure.grade is GradeId.P


def test_top_level_ticks_fall_in_the_window_of_their_time(tmp_path: Path) -> None:
    extra = 'ticks:\n  - {step: combat.reconnaissance, at: "+00:16", by: 现场指挥员}\n'
    result = drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS[:-1], extra=extra))
    second = result.marks[1].procedure
    assert second is not None and second.grade is GradeId.P
    assert [(t.step, t.offset, t.by) for t in second.ticks][-1] == ("combat.reconnaissance", "+0:16:00", "现场指挥员")


def test_a_tick_never_passes_the_next_prompt(tmp_path: Path) -> None:
    result = drill(tmp_path, answers(GENERAL_STEPS, MAJOR_STEPS, seconds=900))  # 15 min at #1: capped at #2
    assert {t.at.strftime("%H:%M:%S") for t in result.ticks if t.prompt == 1} == {"14:15:00"}


def test_the_scripts_own_marks_count_as_done_for_nobodys_credit(tmp_path: Path) -> None:
    ship = Path(__file__).resolve().parents[2] / "scenarios" / "yangtze-ship-night.yaml"
    text = ("answers:\n  - inject: 2\n    level: major\n    seconds: 10\n"
            "    ticks: [level_determined, activation_proposed]\n")  # fmt: skip
    result = drill(tmp_path, text, script=ship.read_text(encoding="utf-8"))
    rating = result.marks[0].procedure
    assert rating is not None
    # +0:20: the script marks 4.1, the situation report, the level and the major scale (its inject #2)
    assert rating.by_script == ("alarm_received", "forces_dispatched", "situation_reported", "level_determined",
                                "major_scale_dispatched")  # fmt: skip
    assert "level_determined" not in rating.due and "activation_proposed" in rating.due
    # the trainee's tick after the script's mark is refused, as the console would, but is no mistake
    assert rating.wrong == ()
    (after,) = [t for t in rating.ticks if t.step == "level_determined"]
    assert after.refused is RefusalCode.ALREADY_RECORDED and after.by_others


@pytest.mark.parametrize(
    ("tail", "marker", "field"),
    [
        ("      - alarm_received\n      - alarm_recieved\n", "alarm_recieved", "answers.0.ticks.1"),
        ("      - {step: nope, seconds: 3}\n", "nope", "answers.0.ticks.0.step"),
        ("      - {step: alarm_received, when: 3}\n", "when", "answers.0.ticks.0.when"),
    ],
)
def test_bad_ticks_in_an_answer_are_one_error(tmp_path: Path, tail: str, marker: str, field: str) -> None:
    text = "answers:\n  - inject: 1\n    level: general\n    seconds: 1\n    ticks:\n" + tail
    with pytest.raises(InputError) as caught:
        drill(tmp_path, text)
    error = caught.value
    assert (error.file, error.line, error.field) == (str(tmp_path / "answers.yaml"), line_with(text, marker), field)
    if marker != "when":
        assert f"unknown procedure step '{marker}'" in error.one_line()


@pytest.mark.parametrize(
    ("ticks", "marker", "field"),
    [
        ('  - {step: level_fixed, at: "+00:16"}\n', "level_fixed", "ticks.0.step"),
        ('  - {step: alarm_received, at: "+00:01"}\n  - {step: alarm_received, at: "+01:00"}\n', "+01:00",
         "ticks.1.at"),
        ("  - {step: alarm_received}\n", "step: alarm_received}", "ticks.0.at"),
    ],
)  # fmt: skip
def test_bad_timed_ticks_are_one_error(tmp_path: Path, ticks: str, marker: str, field: str) -> None:
    text = "answers: []\nticks:\n" + ticks
    with pytest.raises(InputError) as caught:
        drill(tmp_path, text)
    error = caught.value
    assert (error.file, error.line, error.field) == (str(tmp_path / "answers.yaml"), line_with(text, marker), field)
