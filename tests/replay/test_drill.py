"""Drill scoring on a scripted answers file, every grade worked out by hand from the rule in
docs/scenarios.md, and the interactive drill driven with scripted input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.models import Level
from firedrill.replay.drill import prompts, score_drill
from firedrill.replay.interactive import run_interactive
from firedrill.replay.scoring import GradeId, IssueCode, load_scoring
from tests.replay.helpers import BASE, line_with, replay_of, write

# A crowded-place fire from 21:40 (1.4: 600 m² major, 1000 m² especially major); the night
# trigger (4.3(3)) holds from 22:00 (+00:20).
DRILL = """\
id: drill-script
title: 演练脚本
author: tests
playbook: shopping-mall
start: 2026-11-24T21:40:00
location: 测试地点
drill: {target_seconds: 60, limit_seconds: 180}
incident:
  burning_area_m2: 100
injects:
  - {at: "+00:02", prompt: p1}
  - {at: "+00:05", incident: {burning_area_m2: 300}, prompt: p2}
  - {at: "+00:10", incident: {burning_area_m2: 700}, prompt: p3}
  - {at: "+00:25", message: 22时后, prompt: p4}
  - {at: "+00:35", incident: {hazards: [collapse]}, prompt: p5}
  - {at: "+00:45", prompt: p6}
  - {at: "+00:50", prompt: p7}
  - {at: "+00:55", prompt: p8}
  - {at: "+00:58", prompt: p9}
"""

ANSWERS = """\
script: drill-script
trainee: 李四
answers:
  - {inject: 1, level: major, seconds: 20}
  - {inject: 2, level: general, seconds: 30}
  - {inject: 3, level: major, dispatch: {stations: 8, formations: 15, engines: 30}, seconds: 90}
  - {inject: 4, level: especially_major, dispatch: {stations: 10, formations: 20, engines: 40}, seconds: 100}
  - {inject: 5, level: major, triggers: [night], dispatch: {stations: 10, formations: 20, engines: 40}, seconds: 30}
  - {inject: 6, level: especially_major, triggers: [night], dispatch: {stations: 12, formations: 24, engines: 45},
     seconds: 200, opened_playbook: true}
  - {inject: 8, level: especially_major, triggers: [night], seconds: 10}
  - {inject: 9, level: especially_major, triggers: [night], dispatch: {stations: 9, formations: 20, engines: 40},
     seconds: 10}
"""

# By hand (target 60 s, limit 180 s):
#  1 general required, major declared: level above → M
#  2 general, all right in 30 s → P
#  3 major 6—9/11—20/21—40, 8/15/30 right, 90 s > 60 s → one minor → S
#  4 especially major [night]: triggers missing night + 100 s > 60 s → two minors → M
#  5 especially major, major declared: level below → U
#  6 right, but 200 s > 180 s → M
#  7 no answer → U
#  8 right, no dispatch scale declared → one minor → S
#  9 right, stations 9 < 10 → one minor → S
EXPECTED = ["M", "P", "S", "M", "U", "M", "U", "S", "S"]


@pytest.fixture
def drilled(tmp_path: Path):  # type: ignore[no-untyped-def]
    replay = replay_of(tmp_path, DRILL)
    return replay, score_drill(replay, write(tmp_path, ANSWERS, "answers.yaml"))


def test_grades_by_hand(drilled) -> None:  # type: ignore[no-untyped-def]
    _, result = drilled
    assert [m.grade.value for m in result.marks] == EXPECTED
    issues = {m.number: {i.code for i in m.issues} for m in result.marks}
    assert issues[1] == {IssueCode.LEVEL_ABOVE}
    assert issues[4] == {IssueCode.TRIGGERS_DIFFER, IssueCode.OVER_TIME_TARGET}
    assert issues[5] == {IssueCode.LEVEL_BELOW}
    assert issues[6] == {IssueCode.OVER_TIME_LIMIT}
    assert issues[7] == {IssueCode.NO_ANSWER}
    assert issues[8] == {IssueCode.DISPATCH_MISSING}
    assert issues[9] == {IssueCode.DISPATCH_OUTSIDE}


def test_required_side_is_what_the_plan_demanded_then(drilled) -> None:  # type: ignore[no-untyped-def]
    _, result = drilled
    required = [(m.required.level, [t.value for t in m.required.triggers]) for m in result.marks]
    assert required[:4] == [(Level.GENERAL, []), (Level.GENERAL, []), (Level.MAJOR, []),
                            (Level.ESPECIALLY_MAJOR, ["night"])]  # fmt: skip
    assert result.marks[5].declared is not None and result.marks[5].declared.opened_playbook
    assert result.marks[6].declared is None and result.marks[6].seconds is None


def test_overall_score(drilled) -> None:  # type: ignore[no-untyped-def]
    _, result = drilled
    # Decisions, points P3 S2 M1 U0: 1+3+2+1+0+1+0+2+2 = 12 of 27. No ticks: the procedure is rated
    # U where steps are due — #1 (general: alarm_received, forces_dispatched, 4.1), #3 (major: the
    # 4.2/4.4.2/4.4.3/2.3/2.4 steps) and #4 (especially major by 4.3: escalation_recorded and the
    # especially-major scale and report) — and not rated where nothing new is due (#2 is general
    # again, its two steps already counted missed at #1; #5–#9 stay especially major).
    # 12 points of 12 ratings × 3 → 33.3 %; mean 1.0 reaches M.
    assert result.score == 33.3
    assert result.overall is GradeId.M
    assert result.counts == {GradeId.P: 1, GradeId.S: 3, GradeId.M: 3, GradeId.U: 2}
    assert result.procedure_counts == {GradeId.P: 0, GradeId.S: 0, GradeId.M: 0, GradeId.U: 3}
    rated = [m.number for m in result.marks if m.procedure is not None and m.procedure.grade is not None]
    assert rated == [1, 3, 4]
    assert result.trainee == "李四"


def test_default_times_come_from_the_scoring_data(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, DRILL.replace("drill: {target_seconds: 60, limit_seconds: 180}\n", ""))
    answers = write(tmp_path, "answers:\n  - {inject: 2, level: general, seconds: 1}\n", "a.yaml")
    result = score_drill(replay, answers)
    assert result.times == load_scoring().time


@pytest.mark.parametrize(
    ("answers", "marker", "field"),
    [
        ("answers:\n  - {inject: 42, level: general, seconds: 1}\n", "inject: 42", "answers.0.inject"),
        ("answers:\n  - {inject: 2, level: general, seconds: 1}\n  - {inject: 2, level: major, seconds: 1}\n",
         "level: major", "answers.1.inject"),
        ("answers:\n  - {inject: 2, level: huge, seconds: 1}\n", "huge", "answers.0.level"),
        ("answers:\n  - {inject: 2, level: general, seconds: 1, mood: calm}\n", "mood", "answers.0.mood"),
        ("script: another\nanswers: []\n", "another", "script"),
    ],
)
def test_bad_answers_file_is_one_error(tmp_path: Path, answers: str, marker: str, field: str) -> None:
    replay = replay_of(tmp_path, DRILL)
    path = write(tmp_path, answers, "answers.yaml")
    with pytest.raises(InputError) as caught:
        score_drill(replay, path)
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), line_with(answers, marker), field)


def _feed(values: list[str]) -> Iterator[str]:
    yield from values


def test_interactive_drill_with_scripted_input(tmp_path: Path) -> None:
    # helpers.BASE: prompts at +00:10 (major) and +00:30 (especially major, night)
    text = BASE.replace("    prompt: 判断等级", "    prompt: 判断等级\n    expected_action: 答案是重大")
    replay = replay_of(tmp_path, text)
    said: list[str] = []
    typed = _feed(["?", "3", "", "8 15 30", "",  # opens the playbook, then major, no triggers, a major scale, no ticks
                   "huge", "特别重大", "night", "ten", "10/20/40", ""])  # a bad level and a bad scale are asked again
    ticks = iter([0.0, 42.0, 45.0, 100.0, 170.0, 171.0])  # prompt shown, decision given, ticks given
    result = run_interactive(replay, "王五", lambda _: next(typed), said.append, lambda: next(ticks))
    assert [m.grade for m in result.marks] == [GradeId.P, GradeId.S]  # the second took 70 s > 60 s
    first, second = result.marks
    assert first.declared is not None and first.declared.opened_playbook and first.seconds == 42.0
    assert second.declared is not None and not second.declared.opened_playbook
    assert [t.value for t in second.declared.triggers] == ["night"]
    assert any("商场火灾扑救" in s or "附件5" in s for s in said)  # the playbook was shown
    shown = [s.strip() for text in said for s in text.splitlines()]
    assert not any(s.startswith(("=", "*")) for s in shown)  # neither the decision nor the changes
    assert any("提问: 判断等级" in s for s in shown) and not any("答案是重大" in s for s in shown)


def test_prompts_are_the_injects_with_a_prompt(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, DRILL)
    assert [p.number for p in prompts(replay)] == list(range(1, 10))
