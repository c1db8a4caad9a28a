"""The terminal controller: the exercise clock (pause, resume, speed, jump), send an inject now,
and the board with each role's declaration beside the plan's demand."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from firedrill.replay.controller import ExerciseClock, run_controller
from tests.replay.helpers import replay_of
from tests.replay.test_roles_review import ROLES


class Wall:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_the_exercise_clock_pauses_resumes_and_changes_speed(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    wall = Wall()
    clock = ExerciseClock(replay.start, wall)
    wall.t = 100
    assert clock.now() == replay.start  # not started: paused
    clock.resume()
    wall.t = 160
    assert clock.now() == replay.start + timedelta(minutes=1)
    clock.set_speed(10)
    wall.t = 190
    assert clock.now() == replay.start + timedelta(minutes=6)  # 1 min at 1×, then 30 s at 10×
    clock.pause()
    wall.t = 10_000
    assert clock.now() == replay.start + timedelta(minutes=6)  # a pause does not move however long
    clock.jump(timedelta(minutes=2))
    assert clock.now() == replay.start + timedelta(minutes=8)


def test_pause_and_send_now_steer_the_drill(tmp_path: Path) -> None:
    replay = replay_of(tmp_path, ROLES)
    wall = Wall()
    # (what is typed, wall seconds that pass while typing it)
    script = iter([
        ("x 60", 0), ("r", 0),  # 60×, running
        ("", 11),  # 11 s × 60 = +0:11: prompt #1 (+0:10) arrives and is answered
        ("3", 1), ("", 0), ("6 11 21", 1), ("", 0),
        ("p", 0), ("", 600),  # paused: ten minutes of wall time move nothing
        ("send 3", 0),  # #3 (+0:25) sent now, before #2
        ("q", 0),
    ])  # fmt: skip
    boards: list[str] = []

    def ask(_: str) -> str:
        text, seconds = next(script)
        wall.t += seconds
        return text

    result = run_controller(replay, "张三", ask, boards.append, wall, roles=("dispatcher", "office"))
    assert [m.number for m in result.marks] == [1]
    shown = "\n".join(boards)
    assert "通报" in shown and "火势扩大" not in shown  # #3 sent and shown; #2 (+0:20) never reached
    paused = [b.splitlines()[0].split(" · ")[0] for b in boards if b.startswith("== ") and "· 暂停 ·" in b]
    assert len(paused) >= 3 and len(set(paused[-3:])) == 1  # before, during and after the 600 s: one time
    last = [b for b in boards if b.startswith("== ")][-1]
    assert "119指挥中心调度员: #1 重大 / 重大 · P" in last and "预案要求" in last
