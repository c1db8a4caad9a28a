"""The console's controller screen on a shipped exercise: the exercise clock paused and resumed,
an inject sent now and found delivered by the trainee's side (the journal folded), the chase of
inject #3 fired only when the trainee has not reported the situation, each role's declaration
beside the plan's demand as the trainee works, and the end writing the after-action report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.replay.drill import DrillResult
from firedrill.tui.controller.widgets import ContingencyTable, InjectTable, RoleTable
from tests.tui.controller.helpers import (
    Exercise,
    clock_text,
    delivered_numbers,
    later,
    open_exercise,
    rows,
    screen,
)


@pytest.fixture
def exercise(tmp_path: Path) -> Iterator[Exercise]:
    with open_exercise(tmp_path) as opened:
        yield opened


async def test_pause_and_resume_stop_and_start_the_exercise_clock(exercise: Exercise) -> None:
    async with exercise.app.run_test(size=(120, 40)) as pilot:
        assert "2026-06-18 14:10:00 (+0:00:00) · 暂停" in clock_text(pilot)  # opened paused at the start
        await later(pilot, exercise, minutes=1)
        assert "14:10:00" in clock_text(pilot) and "实际时间 10:01:00" in clock_text(pilot)
        await pilot.press("r")
        await later(pilot, exercise, minutes=2)
        assert "2026-06-18 14:12:00 (+0:02:00) · 运行" in clock_text(pilot)
        await pilot.press("p")
        await later(pilot, exercise, minutes=10)
        assert "14:12:00 (+0:02:00) · 暂停" in clock_text(pilot) and "实际时间 10:13:00" in clock_text(pilot)
        await pilot.press("r", "plus")  # resumed at twice the speed
        await later(pilot, exercise, seconds=30)
        assert "14:13:00 (+0:03:00) · 运行 · 速度 2×" in clock_text(pilot)
        await pilot.press("j")  # five minutes on: inject #1 (+0:05) is due and delivered
        await later(pilot, exercise, seconds=0)
        assert "14:18:00 (+0:08:00)" in clock_text(pilot)
        assert delivered_numbers(exercise) == {1}


async def test_send_now_delivers_the_selected_inject_to_the_trainee(exercise: Exercise) -> None:
    async with exercise.app.run_test(size=(120, 40)) as pilot:
        assert [r[0] for r in rows(pilot, InjectTable)] == ["#1", "#2", "#3", "#4"]
        assert delivered_numbers(exercise) == set()
        await pilot.press("down", "s")  # inject #2 (+0:18), while the clock stands at +0:00
        await pilot.pause()
        assert delivered_numbers(exercise) == {2}
        (note,) = [t for t in exercise.delivered() if "#2 [" in t]
        assert "经企业核算,库存货值及厂房损失约1.2亿元" in note
        assert [r[0] for r in rows(pilot, InjectTable)] == ["#1", "#3", "#4"]  # #1 still comes at +0:05
        assert "#2" in screen(pilot).said[-1]


@pytest.mark.parametrize("reports", [True, False], ids=["reported", "missed"])
async def test_the_chase_fires_only_when_the_trainee_misses_the_report(exercise: Exercise, reports: bool) -> None:
    incident = exercise.live.incident_id
    async with exercise.app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await later(pilot, exercise, minutes=6)  # inject #1 delivered: 400 m², 1500万
        exercise.trainee.set_facts(incident, {"direct_loss_yuan": 15_000_000, "burning_area_m2": 400})
        for step in ("alarm_received", "forces_dispatched", *(("situation_reported",) if reports else ())):
            exercise.trainee.step(incident, step)
        await later(pilot, exercise, minutes=4)
        chase = next(r for r in rows(pilot, ContingencyTable) if r[0] == "#3")
        assert chase[2] == ("不成立" if reports else "成立") and "not_done: situation_reported" in chase[3]
        await later(pilot, exercise, minutes=16)  # +0:26: the chase's time has come
        chase = next(r for r in rows(pilot, ContingencyTable) if r[0] == "#3")
        assert chase[2] == ("未发出(条件不成立)" if reports else "已发出")
        assert (3 in delivered_numbers(exercise)) is not reports
        ticked = screen(pilot).query_one("#controller-ticks").render()
        assert "situation_reported" in str(ticked) if reports else "situation_reported" not in str(ticked)


async def test_each_roles_declaration_beside_the_demand_follows_the_trainee(tmp_path: Path) -> None:
    with open_exercise(tmp_path, refresh_seconds=0.05) as exercise:
        incident = exercise.live.incident_id
        async with exercise.app.run_test(size=(120, 40)) as pilot:
            await pilot.press("r")
            await later(pilot, exercise, minutes=6)
            dispatcher = rows(pilot, RoleTable)[0]
            assert dispatcher == ("119指挥中心调度员", "#1 +0:05:00", "一般", "较大", "U")
            exercise.trainee.set_facts(incident, {"direct_loss_yuan": 15_000_000, "burning_area_m2": 400})
            await pilot.pause(0.3)  # no key pressed: the screen reads the journal by itself
            assert rows(pilot, RoleTable)[0] == ("119指挥中心调度员", "#1 +0:05:00", "较大", "较大", "P")
            await later(pilot, exercise, minutes=13)  # +0:19: #2 revises the loss to 1.2亿; the trainee has not
            office = rows(pilot, RoleTable)[1]
            assert office == ("指挥部办公室", "#2 +0:18:00", "较大", "特别重大", "U")
            assert rows(pilot, RoleTable)[0][2:] == ("较大", "较大", "P")  # #1's answer was closed by #2


async def test_ending_writes_the_after_action_report(exercise: Exercise) -> None:
    async with exercise.app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await later(pilot, exercise, minutes=6)
        exercise.trainee.set_facts(exercise.live.incident_id, {"direct_loss_yuan": 15_000_000})
        await later(pilot, exercise, seconds=10)
        controller = screen(pilot)
        await pilot.press("f9")
        await pilot.pause()
    result = exercise.app.return_value
    assert isinstance(result, DrillResult)
    assert [m.number for m in result.marks] == [1] and result.marks[0].grade.value == "P"
    assert result.not_reached  # the later prompts were never delivered: listed, not rated
    assert [p.suffix for p in controller.reports] == [".md", ".html"] and all(p.is_file() for p in controller.reports)


def test_a_script_that_does_not_read_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ninjects: [1, 2\n", encoding="utf-8")
    assert main(["console", "--controller", str(bad), "--data-dir", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.yaml" in err[0]
    assert main(["drill", str(bad), "--console", "--controller", "--answers", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--answers" in err[0]
