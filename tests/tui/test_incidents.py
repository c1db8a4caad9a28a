"""Several incidents open at once, each with its own form and timeline; switching records first."""

from __future__ import annotations

from firedrill.journal import EventKind
from firedrill.tui.screens.dialogs import IncidentsScreen
from tests.tui.conftest import banner_text, enter_value, panel_text, ready, recorded_facts, type_into


async def test_new_incident_switch_back_and_forth(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first = app.main.active
        await enter_value(pilot, "location", "汉口站")
        await type_into(pilot, "direct_loss_yuan", "6000万", leave=False)  # not yet recorded…

        clock.advance(minutes=5)
        await pilot.press("ctrl+n")  # …a new incident records it first
        await pilot.pause()
        second = app.main.active
        assert second.id != first.id and second.id.endswith("0002")
        assert recorded_facts(app.engine.journal, first.id)["direct_loss_yuan"] == 60_000_000
        assert app.main.query_one("#in-location").value == ""
        assert "一 般" in banner_text(app)
        await enter_value(pilot, "location", "光谷")
        assert "0001 汉口站 重大" in app.main.query_one("#incident-bar").content.plain
        assert "光谷" in panel_text(app, "timeline") and "汉口站" not in panel_text(app, "timeline")

        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, IncidentsScreen)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.main.active is first
        assert app.main.query_one("#in-location").value == "汉口站"
        assert app.main.query_one("#in-direct_loss_yuan").value == "6000万"
        assert "重 大" in banner_text(app)
        timeline = panel_text(app, "timeline")
        assert "汉口站" in timeline and "光谷" not in timeline
        second_facts = [name for e in second.events if e.kind is EventKind.FACT for name in e.payload["changes"]]
        assert "direct_loss_yuan" not in second_facts
