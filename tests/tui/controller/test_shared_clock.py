"""One exercise clock for both screens: the controller's screen and a trainee's console on the same
data directory. The controller pauses, resumes at twice the speed and jumps; the trainee's console,
reading the incident as it does every second, shows the same scenario time (已暂停 while paused) and
records its entries at it. A controller closed and opened again goes on at the journaled clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot

from firedrill.datadir import default_db_path, ensure_data_dir
from firedrill.journal import EventKind, Journal
from firedrill.tui.app import FiredrillApp, create_app
from firedrill.tui.clock import LOCAL_TZ, ManualClock
from firedrill.tui.controller.launch import controller_app, live_exercise
from firedrill.tui.controller.widgets import InjectTable
from firedrill.tui.replay import load_replay
from tests.tui.conftest import enter_value, panel_text, ready
from tests.tui.controller.helpers import REAL_START, WAREHOUSE, clock_text, rows

START = datetime(2026, 6, 18, 14, 10, tzinfo=LOCAL_TZ)  # the script's start


def bar(app: FiredrillApp) -> str:
    return str(app.main.query_one("#incident-bar").render())


async def trainee_reads(pilot: Pilot[object], app: FiredrillApp) -> str:
    """The console's tick (every second in use): the incident read again, the bar redrawn."""
    app.main.tick()
    await pilot.pause()
    return bar(app)


async def test_the_trainee_console_follows_the_controllers_clock(tmp_path: Path) -> None:
    real = ManualClock(REAL_START)
    data = ensure_data_dir(tmp_path / "data")
    with Journal.open(default_db_path(data)) as journal:
        live = live_exercise(load_replay(WAREHOUSE), journal, real, seat="导调员")
        controller = controller_app(live, real, refresh_seconds=0)
        trainee = create_app(lang="zh", data_dir=data, clock=real, blink=False, seat="学员张三")
        async with controller.run_test(size=(120, 40)) as cp, trainee.run_test(size=(120, 40)) as tp:
            await ready(tp)
            await tp.press("enter")  # resume the open exercise incident (taken over from the controller)
            await tp.pause()
            assert trainee.main.active is not None and trainee.main.active.id == live.incident_id
            assert "演练时间 2026-06-18 14:10:00 已暂停" in await trainee_reads(tp, trainee)  # opened paused
            real.advance(minutes=1)
            assert "14:10:00 已暂停" in await trainee_reads(tp, trainee)
            await cp.press("r")
            real.advance(seconds=30)
            assert "演练时间 2026-06-18 14:10:30 " in (text := await trainee_reads(tp, trainee))
            assert "已暂停" not in text
            await cp.press("p")
            real.advance(minutes=3)  # paused: the trainee's clock stands still as the controller's does
            assert "14:10:30 已暂停" in await trainee_reads(tp, trainee)
            assert "14:10:30 (+0:00:30) · 暂停" in clock_text(cp)
            await cp.press("r", "plus")  # resumed at twice the speed
            real.advance(seconds=30)
            assert "14:11:30 " in (text := await trainee_reads(tp, trainee)) and "已暂停" not in text
            real.advance(seconds=15)
            assert "14:12:00 " in await trainee_reads(tp, trainee)
            # What the trainee records is timed on that clock: the journal's time is the scenario time.
            await enter_value(tp, "deaths", "2")
            await tp.pause()
            fact = [e for e in journal.events(live.incident_id) if e.kind is EventKind.FACT][-1]
            assert fact.at == datetime(2026, 6, 18, 14, 12, tzinfo=LOCAL_TZ)
            await cp.press("j")  # five minutes on
            await cp.pause()
            assert "14:17:00 " in await trainee_reads(tp, trainee)
            timeline = panel_text(trainee, "timeline")
            assert "演练时钟：暂停于 14:10:30" in timeline and "演练时钟：跳至 14:17:00 ×2" in timeline


async def test_a_controller_reopened_goes_on_at_the_journaled_clock(tmp_path: Path) -> None:
    real = ManualClock(REAL_START)
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        first = live_exercise(load_replay(WAREHOUSE), journal, real, seat="导调员")
        app = controller_app(first, real, refresh_seconds=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("r", "plus")
            real.advance(minutes=3)  # +0:06 at twice the speed: inject #1 (+0:05) delivered
            app.screen.refresh_live()  # type: ignore[attr-defined]
            await pilot.pause()
            assert "14:16:00 (+0:06:00) · 运行 · 速度 2×" in clock_text(pilot)
        # Closed without F9; real time goes on, and so does the exercise's clock.
        real.advance(minutes=1)
        again = live_exercise(load_replay(WAREHOUSE), journal, real, seat="导调员")
        assert again.incident_id == first.incident_id  # taken up, not a new incident
        app = controller_app(again, real, refresh_seconds=0)
        async with app.run_test(size=(120, 40)) as pilot:
            assert "14:18:00 (+0:08:00) · 运行 · 速度 2×" in clock_text(pilot)
            notes = [e for e in journal.events(first.incident_id) if e.kind is EventKind.NOTE]
            assert [n.payload.get("injects") for n in notes] == [[], [1]]  # the start and #1, not again
            assert "#1" not in [row[0] for row in rows(pilot, InjectTable)]
            await pilot.press("p")
            real.advance(minutes=5)
            app.screen.refresh_live()  # type: ignore[attr-defined]
            await pilot.pause()
            assert "14:18:00 (+0:08:00) · 暂停" in clock_text(pilot)
