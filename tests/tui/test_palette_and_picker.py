"""Keyboard first: the command palette lists every action and playbook; the picker finds playbooks in
Chinese, English and by alias."""

from __future__ import annotations

import pytest

from firedrill.playbook.loader import load_library
from firedrill.tui.screens.dialogs import OrderScreen
from firedrill.tui.screens.scenario import matching_ids
from tests.tui.conftest import enter_value, palette, ready


@pytest.mark.parametrize(("query", "first"), [
    ("商场", "shopping-mall"), ("mall", "shopping-mall"), ("影院", "theatre"), ("tank", "oil-tank"),
    ("地铁", "metro"), ("LPG", "lpg"), ("隧道", "river-tunnel"),
])  # fmt: skip
def test_picker_search_puts_the_named_playbook_first(query: str, first: str) -> None:
    assert matching_ids(load_library(), query)[0] == first


async def test_palette_runs_an_action_by_its_name(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "burning_area_m2", "700")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one("CommandInput").placeholder == "搜索命令或预案…"
        await pilot.press(*"调度令")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrderScreen)


async def test_palette_chooses_a_playbook(make_app) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await palette(pilot, "Use playbook: Theatre")
        assert app.main.active.values["scenario"] == "theatre"
        assert app.main.query_one("#in-site_category").value == "crowded_place"
