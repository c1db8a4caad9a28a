"""Housekeeping: F3 lists incidents not taken up here by place and level (from the journal), any
incident can be closed with a reason, a closed incident's clock stops, and each incident keeps its
own checklist cursor."""

from __future__ import annotations

from textual.widgets import Input

from firedrill.journal import EventKind, IncidentStatus
from firedrill.tui.screens.close import CloseScreen
from firedrill.tui.screens.dialogs import IncidentsScreen, ResumeScreen
from tests.tui.conftest import banner_text, enter_value, ready


async def _incident_list(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, IncidentsScreen)
    options = pilot.app.screen.query_one("#incident-list")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_f3_lists_incidents_not_loaded_by_place_and_level(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first = app.main.active.id
        await enter_value(pilot, "location", "汉正街")
        await enter_value(pilot, "deaths", "12")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")  # a new incident; the first stays open, not loaded here
        await pilot.pause()
        listed = await _incident_list(pilot)
        line = next(text for text in listed if text.startswith(first))
        assert "汉正街" in line and "重大" in line and "未载入" in line and "地点未填" not in line


async def test_a_general_fire_is_closed_with_a_reason_and_its_clock_stops(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        session = app.main.active
        await enter_value(pilot, "location", "误报地点")
        clock.advance(minutes=3)
        await _incident_list(pilot)
        await pilot.press("c")  # close the highlighted incident (this one)
        await pilot.pause()
        assert isinstance(app.screen, CloseScreen)
        await pilot.press("enter")  # no reason: refused, said so
        await pilot.pause()
        assert isinstance(app.screen, CloseScreen)
        assert "须填写结束原因" in str(app.screen.query_one("#close-error").content)
        app.screen.query_one("#close-reason", Input).value = "误报"
        await pilot.press("enter")
        await pilot.pause()
        record = app.engine.journal.incident(session.id)
        assert record.status is IncidentStatus.CLOSED and session.closed
        last = app.engine.journal.events(session.id)[-1]
        assert last.kind is EventKind.STATUS and last.payload["state"] == "closed" and last.payload["reason"] == "误报"
        assert "已过 +00:03:00" in banner_text(app)
        clock.advance(minutes=10)
        app.main.tick()
        await pilot.pause()
        assert "已过 +00:03:00" in banner_text(app)  # the clock stands at the closing
        assert app.engine.journal.open_incidents() == []
        assert "已结束" in str(app.main.query_one("#incident-bar").content)


async def test_each_incident_keeps_its_own_checklist_cursor(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first = app.main.active
        await enter_value(pilot, "deaths", "3")
        app.main.show_panel("procedure")
        await pilot.pause()
        panel = app.main.checklist_panel
        panel.highlight("situation_reported")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await enter_value(pilot, "deaths", "12")
        app.main.render_checklist()
        await pilot.pause()
        assert panel.highlighted_step == "alarm_received"  # the new incident's first step due
        panel.highlight("level_determined")
        app.main.action_switch_to(first.id)
        await pilot.pause()
        assert panel.highlighted_step == "situation_reported"
        second = next(s for s in app.main.sessions.values() if s is not first)
        app.main.action_switch_to(second.id)
        await pilot.pause()
        assert panel.highlighted_step == "level_determined"
