"""Safe by default: a new incident starts in 地点 wherever the focus was, check boxes say their state
in words, one key reaches each panel at 80×24, PageDown from the form scrolls the panel in view,
and one notice is shown at a time."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.widgets import Checkbox, Input, TabbedContent

from firedrill.tui.panes import PANEL_LETTERS, PANELS
from firedrill.tui.widgets.panel import wrap_content
from firedrill.tui.words import w
from tests.tui.conftest import ready, recorded_facts
from tests.tui.test_key_order import burst


async def test_ctrl_n_from_the_right_panel_lands_in_location_with_no_key_lost(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first = app.main.active.id
        app.main.show_panel("procedure")
        app.main.checklist_panel.steps.focus()
        await pilot.pause()
        await burst(pilot, "ctrl+n", *"汉口站", "enter")
        assert app.main.active.id != first
        assert app.focused is app.main.query_one("#in-location", Input)
        assert recorded_facts(app.engine.journal, app.main.active.id)["location"] == "汉口站"
        assert "location" not in recorded_facts(app.engine.journal, first)


async def test_typed_keys_before_ctrl_n_stay_with_the_incident_they_were_typed_for(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first = app.main.active.id
        app.main.form.focus_field("location")
        await burst(pilot, *"武昌站", "ctrl+n", *"汉口站", "enter")
        assert recorded_facts(app.engine.journal, first)["location"] == "武昌站"
        assert recorded_facts(app.engine.journal, app.main.active.id)["location"] == "汉口站"


async def test_check_boxes_say_their_state_in_words(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        box = app.main.query_one("#hz-collapse", Checkbox)
        assert str(box.label) == "无 倒塌"
        box.toggle()
        await pilot.pause()
        assert str(box.label) == "有 倒塌"
        assert str(app.main.query_one("#in-severe_weather", Checkbox).label).startswith("否 ")
        await pilot.press("f8")
        await pilot.pause()
        assert str(box.label) == "yes Collapse"
        assert str(app.main.query_one("#hz-explosion", Checkbox).label) == "no Explosion"


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_at_80x24_one_key_reaches_each_panel_and_pagedown_scrolls_it(make_app, lang: str) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.main.form.focus_field("location")
        await burst(pilot, *"江汉路", "tab", *"江汉")
        await burst(pilot, "enter")
        tabs = app.main.query_one("#panels", TabbedContent)
        for pane in PANELS:
            await burst(pilot, f"alt+{PANEL_LETTERS[pane]}")
            assert tabs.active == f"tab-{pane}", pane
            assert isinstance(app.focused, Input)  # the focus stays in the form
        await burst(pilot, "alt+d")  # the dispatch panel, at the units to send
        await pilot.pause(0.3)
        dispatch = app.main.panel("dispatch")
        width = dispatch.query_one(".panel-body").content_region.width
        at = round(dispatch.scroll_y)
        top = wrap_content(Content(dispatch.text), width).plain.splitlines()[at]
        assert at > 0 and top.startswith(w("stations_title", lang)[:8]), top  # the units to send, at the top
        await burst(pilot, "pagedown")
        assert dispatch.scroll_y > at and isinstance(app.focused, Input)  # scrolled from the form
        await burst(pilot, "pageup")
        assert round(dispatch.scroll_y) == at


async def test_one_notice_at_a_time(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        app.announce("一")
        app.announce("二")
        app.notify("三")
        await pilot.pause()
        await pilot.pause()
        await pilot.pause(0.2)
        shown = list(app.screen.query("Toast"))
        assert len(shown) == 1 and "三" in str(shown[0].render())
        assert app.announcements[-2:] == ["一", "二"]
