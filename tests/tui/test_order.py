"""One key gives the dispatch order: shown, written to the journal (kind 'order') and to a file."""

from __future__ import annotations

from pathlib import Path

from firedrill.journal import EventKind
from firedrill.tui.screens.dialogs import OrderScreen
from tests.tui.conftest import enter_value, pick_scenario, ready


async def test_f7_order_is_recorded_and_saved(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "商场")
        await enter_value(pilot, "location", "江汉路商场")
        await enter_value(pilot, "burning_area_m2", "700")
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, OrderScreen)
        text = app.screen.text
        for expected in ("调度令", "江汉路商场", "火警等级(响应等级,4.3)：重大 (事故等级(1.4) 重大",
                         "消防救援站：6—9", "作战编队：11—20", "消防车：21—40", "重型机械工程救援大队",
                         "支队负责人", "指挥部指挥长或者副指挥长赶赴现场", "公安", "注意事项"):
            assert expected in text, expected
        orders = app.engine.journal.events(app.main.active.id, kinds=[EventKind.ORDER])
        assert [o.payload["text"] for o in orders] == [text]
        saved = tmp_path / "data" / "orders" / f"{app.main.active.id}-{orders[0].seq:06d}.txt"
        assert saved.read_text(encoding="utf-8").strip() == text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, OrderScreen)
        assert "调度令：【调度】重大 · 江汉路商场" in app.main.panel("timeline").text  # its radio line


async def test_order_for_a_general_fire_says_the_plan_sets_no_scale(make_app) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f7")
        await pilot.pause()
        text = app.screen.text
        assert "Fire alarm level (response level, 4.3): General (Accident grade (1.4) General" in text
        assert "sets no dispatch scale for a general fire" in text
        assert "No scenario playbook chosen" in text


async def test_the_order_starts_with_a_radio_line_and_can_be_copied(make_app) -> None:
    from tests.tui.test_stations_panel import network

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "location", "江汉路商场")
        await enter_value(pilot, "scene", "江汉")
        await enter_value(pilot, "deaths", "12")
        await network(app)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, OrderScreen)
        text = app.screen.text
        radio, rest = text.split("\n", 1)
        assert radio.startswith("【调度】重大 · 江汉路商场(江汉) · 派：") and "(车" in radio
        assert radio.endswith("(预案未规定集结点)") and "到：现场 114." in radio
        plan_units = [line for line in rest.splitlines() if "主战站" in line]
        assert plan_units and len(radio) < len(text) // 4  # short, then the full order
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == text
        assert isinstance(app.screen, OrderScreen)  # copied, still shown
