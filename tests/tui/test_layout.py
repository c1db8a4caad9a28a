"""At 80×24, the smallest terminal the console supports, every tab on the right stays in view in both
languages: the panels' tabs and the playbook's section tabs, whichever tab is active."""

from __future__ import annotations

import pytest
from textual.widgets import Tab, Tabs

from firedrill.tui.app import FiredrillApp
from firedrill.tui.screens.display import PANELS
from tests.tui.conftest import ready


def hidden_tabs(app: FiredrillApp, bar_id: str) -> list[str]:
    """Labels of the tabs of the tab bar inside ``#bar_id`` that do not lie wholly inside the bar."""
    bar = app.main.query_one(f"#{bar_id} Tabs", Tabs)
    assert bar.region.width > 0
    tabs = list(bar.query(Tab))
    assert tabs
    return [str(tab.label) for tab in tabs if not bar.region.contains_region(tab.region)]


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_every_tab_is_in_view_at_80x24(make_app, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.main.choose_scenario("shopping-mall")
        for pane in PANELS:  # the last tab active scrolls a bar that is too narrow
            app.main.show_panel(pane)
            await pilot.pause()
            assert hidden_tabs(app, "panels") == [], pane
        app.main.show_panel("playbook")
        app.main.playbook_panel.show_calculators()  # the last section
        await pilot.pause()
        assert hidden_tabs(app, "playbook") == []
        app.main.playbook_panel.show_safety()
        await pilot.pause()
        assert hidden_tabs(app, "playbook") == []
