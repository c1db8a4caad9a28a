"""Contingency injects (``when:``): decided from the incident's state in a replay, and from the
trainee's answers and ticks in a drill."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.replay.drill import score_drill
from firedrill.replay.interactive import run_interactive
from firedrill.replay.problems import FileProblems
from tests.replay.helpers import line_with, replay_of, write
from tests.replay.test_roles_review import ROLES

# Two roles played; at +0:15 the command centre chases the alarm record if the dispatcher has not
# recorded receiving the alarm (4.1); at +0:28 the office is told to report if the level is major.
CONTINGENT = ROLES.split("injects:")[0] + """injects:
  - {at: "+00:10", seq: 1, to: dispatcher, method: phone, incident: {burning_area_m2: 700}, prompt: 判断等级}
  - at: "+00:15"
    seq: 4
    to: dispatcher
    when: {not_done: alarm_received}
    message: 指挥中心:接警记录未见,请立即补录
    prompt: 补录并再次判断
  - {at: "+00:20", seq: 2, to: [office, commander], method: radio, message: 火势扩大, prompt: 再次判断}
  - at: "+00:28"
    seq: 5
    to: office
    when: {level: [major, especially_major], no_trigger: night}
    message: 请按重大火灾上报
end: "+00:30"
"""
ANSWER_1 = "  - {inject: 1, level: major, seconds: 20, dispatch: {stations: 6, formations: 11, engines: 21}"


def _answers(ticks: str) -> str:
    return f"roles: [dispatcher, office]\nanswers:\n{ANSWER_1}{ticks}}}\n"


def test_a_state_condition_is_decided_from_the_script_alone(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, CONTINGENT)
    numbers = [replay.loaded.inject_number(i) for i in range(len(replay.loaded.script.injects))]
    # no trainee: nothing records the alarm, so #4 fires; the fire is major (700 m², 1.4) by +0:28: #5 fires
    assert numbers == [1, 4, 2, 5] and replay.fired == {1, 3}  # indices of the script as written
    quiet = replay_of(tmp_path, CONTINGENT.replace("{level: [major, especially_major], no_trigger: night}",
                                                   "{level: especially_major}"))  # fmt: skip
    assert 5 not in [quiet.loaded.inject_number(i) for i in range(len(quiet.loaded.script.injects))]


def test_the_contingency_fires_only_when_the_trainee_misses_the_step(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, CONTINGENT)
    ticked = score_drill(replay, write(tmp_path, _answers(", ticks: [alarm_received, forces_dispatched]"), "a.yaml"))
    assert ticked.fired == (5,) and [m.number for m in ticked.marks] == [1, 2]
    missed = score_drill(replay, write(tmp_path, _answers(", ticks: [forces_dispatched]"), "b.yaml"))
    assert missed.fired == (4, 5) and [m.number for m in missed.marks] == [1, 4, 2]
    assert missed.marks[1].declared is None  # the contingency's prompt, not answered in the file
    assert [d.number for d in missed.deliveries] == [1, 4, 2, 5]


def test_an_interactive_two_role_drill_with_a_contingency(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, CONTINGENT)
    lines = ["", "3", "", "6 11 21", "forces_dispatched",  # #1: the alarm not recorded
             "", "3", "", "6 11 21", "alarm_received",  # #4 fires: chased, now recorded
             "", "3", "", "6 11 21", "", ""]  # fmt: skip
    typed = iter(lines)
    clock = iter(float(n) for n in range(200))
    said: list[str] = []
    result = run_interactive(replay, "张三", lambda _: next(typed), said.append, lambda: next(clock),
                             roles=("dispatcher", "office"))  # fmt: skip
    assert result.fired == (4, 5) and [m.number for m in result.marks] == [1, 4, 2]
    assert any("接警记录未见" in s for s in said)


def test_a_condition_on_an_unknown_step_or_prompt_is_an_error(tmp_path: Path) -> None:
    bad = "{not_done: alarm_heard, answer: {inject: 9, level: below}}"
    text = CONTINGENT.replace("{not_done: alarm_received}", bad)
    with pytest.raises(FileProblems) as caught:
        replay_of(tmp_path, text)
    assert [p.field for p in caught.value.problems] == ["injects.1.when", "injects.1.when.answer.inject"]
    assert caught.value.line == line_with(text, "alarm_heard")
