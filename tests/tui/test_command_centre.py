"""The console at a command centre: several incidents share one pool of units, several seats share one
journal, and an exercise runs on its own clock (演练时间)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from firedrill.incident.board import read_board
from firedrill.incident.desk import Desk
from firedrill.journal import EventKind, Journal, StatusState, UnitStatus
from firedrill.models import Level
from firedrill.rules import assess
from firedrill.tui.app import create_app
from firedrill.tui.clock import LOCAL_TZ, ManualClock
from firedrill.tui.screens.dialogs import ResumeScreen
from tests.tui.conftest import enter_value, ready, recorded_facts
from tests.tui.test_stations_panel import network, order

JIANGHAN, WUCHANG = "114.27,30.58", "114.28,30.585"


async def _major_fire_at(pilot, place: str) -> None:  # type: ignore[no-untyped-def]
    await enter_value(pilot, "scene", place)
    await enter_value(pilot, "deaths", "12")  # 重大 (1.4): 10 to 29 deaths


async def test_two_incidents_dispatched_never_share_a_unit(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _major_fire_at(pilot, JIANGHAN)
        await network(app)
        first = app.main.active
        await order(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        second = app.main.active
        assert second is not first
        await _major_fire_at(pilot, WUCHANG)
        await order(pilot)
        sent_first, sent_second = set(first.state.units_sent), set(second.state.units_sent)
        assert sent_first and sent_second
        assert not sent_first & sent_second  # one pool: no unit is sent to both fires
        board = read_board(app.engine.journal)
        for unit in sent_first:
            assert board.position(unit).status is UnitStatus.DISPATCHED
            assert board.position(unit).incident_id == first.id
        for unit in sent_second:
            assert board.position(unit).incident_id == second.id
        # The second order says what it went without: units the first fire holds that it would have had.
        went_without = second.state.events[-1].payload.get("went_without") or []
        assert went_without and {w["taken_by"] for w in went_without} == {first.id}
        assert {w["unit"] for w in went_without} <= sent_first


async def test_a_stale_seat_is_refused_and_shown_what_changed(make_app, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        session = app.main.active
        # Another seat records 12 deaths on the same incident.
        with Journal.open(app.engine.journal.path) as other_journal:
            Desk(other_journal, clock=clock).set_facts(session.id, {"deaths": 12}, at=clock())
        # This seat, which has not seen it, types a burning area: refused, reloaded, then recorded over it.
        await enter_value(pilot, "burning_area_m2", "300")
        journal = app.engine.journal
        facts = recorded_facts(journal, session.id)
        assert facts["deaths"] == 12
        assert app.main.query_one("#in-deaths").value == "12"
        assert any("死亡人数" in said for said in app.announcements)
        # Never a level that contradicts the recorded facts: each assessment matches the facts before it.
        desk = Desk(journal)
        state = desk.load(session.id)
        assert state.recorded is not None and state.incident is not None
        assert state.recorded.level is assess(state.incident, at=clock()).level
        for event in state.events:
            if event.kind is EventKind.ASSESSMENT:
                before = desk.load(session.id, until=event.at)
                assert before.incident is not None and before.recorded is not None
                assert before.recorded.level is assess(before.incident, at=event.at).level


async def test_resumed_a_day_later_keeps_its_report_time(tmp_path: Path) -> None:
    data = tmp_path / "data"
    clock = ManualClock(datetime(2026, 3, 3, 21, 50, tzinfo=LOCAL_TZ))
    app = create_app(lang="zh", data_dir=data, clock=clock, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "reported_at", "2145")  # a bare clock time, read once: 2026-03-03 21:45
        ident = app.main.active.id
    clock.set(datetime(2026, 3, 4, 21, 50, tzinfo=LOCAL_TZ))
    again = create_app(lang="zh", data_dir=data, clock=clock, blink=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for _ in range(200):  # the dialog is pushed just after the engine is ready; a loaded machine lags
            if isinstance(again.screen, ResumeScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert again.main.query_one("#in-reported_at").value == "2026-03-03 21:45"
        events = again.engine.journal.events(ident)
        reported = [e for e in events if e.kind is EventKind.FACT and "reported_at" in e.payload["changes"]]
        assert [e.payload["changes"]["reported_at"] for e in reported][-1] == "2026-03-03T21:45:00+08:00"
        # The resumption is recorded and no fact with it; after it, only what the clock makes due (the
        # console's once-a-second tick may already have recorded the night alert of 4.3(3) for this fire).
        resumed = max(i for i, e in enumerate(events) if e.kind is EventKind.STATUS)
        assert events[resumed].payload["state"] == StatusState.RESUMED
        assert {e.kind for e in events[resumed + 1 :]} <= {EventKind.ALERT, EventKind.ASSESSMENT}


async def test_an_exercise_runs_on_scenario_time_and_says_so(tmp_path: Path) -> None:
    real = ManualClock(datetime(2026, 12, 1, 23, 0, tzinfo=LOCAL_TZ))
    start = datetime(2026, 4, 15, 14, 10, tzinfo=LOCAL_TZ)
    app = create_app(lang="zh", data_dir=tmp_path / "data", clock=real, blink=False, exercise_start=start)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        real.advance(minutes=5)
        await enter_value(pilot, "deaths", "12")
        session = app.main.active
        opened = session.state.events[0]
        assert opened.payload["state"] == StatusState.OPENED and opened.payload["exercise"] is True
        assert opened.at == start  # the journal's times are scenario times
        assert session.state.events[-1].at == datetime(2026, 4, 15, 14, 15, tzinfo=LOCAL_TZ)
        # 14:15 is daytime: a major fire stays major (no night trigger of 4.3(3)), though it is 23:05 really.
        assert session.state.recorded is not None and session.state.recorded.level is Level.MAJOR
        bar = str(app.main.query_one("#incident-bar").render())
        assert "演练时间 2026-04-15 14:15:00" in bar


async def test_the_exercise_clock_from_the_palette(make_app, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first = app.main.active
        app.main.ask_exercise_start()
        await pilot.pause()
        app.screen.query_one("#exercise-start").value = "2026-04-15 14:10"
        await pilot.press("enter")
        await asyncio.sleep(0)
        await pilot.pause()
        session = app.main.active
        assert session is not first and session.state.exercise
        assert session.state.record.opened_at == datetime(2026, 4, 15, 14, 10, tzinfo=LOCAL_TZ)
        assert not first.state.exercise  # an incident opened on real time stays on it


async def test_an_incident_open_at_another_seat_is_followed_or_taken_over(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    first = create_app(lang="zh", data_dir=data, clock=clock, blink=False, seat="seat-A")
    async with first.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "deaths", "12")
        ident = first.main.active.id
    second = create_app(lang="zh", data_dir=data, clock=clock, blink=False, seat="seat-B")
    async with second.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(second.screen, ResumeScreen)
        assert "seat-A" in str(second.screen.query_one("#resume-list").content)
        await pilot.press("f")  # follow, do not take over
        await pilot.pause()
        session = second.main.active
        assert session.id == ident and session.following
        before = second.engine.journal.version(ident)
        assert not session.edit("deaths", "0")  # nothing typed here changes the incident
        second.main.action_add_call()
        await pilot.pause()
        assert second.engine.journal.version(ident) == before  # following writes nothing
        second.main.take_over()
        await pilot.pause()
        last = second.engine.journal.events(ident)[-1]
        assert last.payload["state"] == StatusState.TAKEN_OVER and last.actor == "seat-B"
        assert last.payload["from_seat"] == "seat-A" and not session.following
