"""The playbook panel: sections as tabs, safety notes one key away, calculators, and time alerts."""

from __future__ import annotations

from firedrill.journal import EventKind
from firedrill.playbook.calculators import tank_cooling
from firedrill.playbook.loader import load_library
from firedrill.playbook.params import rounded
from tests.tui.conftest import enter_value, pick_scenario, ready


async def test_f5_shows_the_one_page_card_then_the_safety_notes(make_app) -> None:
    from firedrill.playbook.card import card_lines

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "高层")
        await pilot.press("f5")
        await pilot.pause()
        assert app.main.query_one("#panels").active == "tab-playbook"
        assert app.main.playbook_panel.tabs.active == "sec-safety_notes"
        assert app.focused is app.main.query_one("#text-safety_notes")
        playbook = load_library().get("high-rise")
        shown = app.main.query_one("#text-safety_notes").text
        card = card_lines(playbook, "zh")
        assert shown.splitlines()[: len(card)] == card  # the card first
        notes = shown  # then the notes in full
        section = playbook.section("safety_notes")  # type: ignore[arg-type]
        assert section.heading.zh in notes and "附件1 一(五)" in notes
        assert all(item.text.zh in notes for item in section.items if item.text is not None)


async def test_oil_tank_calculator_from_the_console(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "油罐")
        await pilot.press("f6")
        await pilot.pause()
        assert app.focused is app.main.query_one("#calc-diameter")
        await pilot.press(*"20", "tab")
        app.focused.value = "15"  # type: ignore[union-attr]
        await pilot.press("tab", "2")
        await pilot.pause()
        shown = app.main.query_one("#calc-tank-result").text
        expected = tank_cooling(load_library().get("oil-tank"), 20, 15, 2)
        assert f"{rounded(expected.total_min)}–{rounded(expected.total_max)} L/s" in shown
        await pilot.press("backspace", "-", "1")
        await pilot.pause()
        assert app.main.query_one("#calc-tank-result").text == "不能为负数"
        await pilot.press("backspace", "backspace", *"1.5")
        await pilot.pause()
        assert app.main.query_one("#calc-tank-result").text == "应为整数"


async def test_theatre_collapse_window_alert_when_the_clock_enters_it(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pick_scenario(pilot, "影剧院")
        await enter_value(pilot, "ignition_at", "21:45")
        clock.advance(minutes=14)  # 22:04: 19 minutes after ignition
        app.main.tick()
        await pilot.pause()
        assert not any("塌落时段" in text for text in app.announcements), app.announcements
        clock.advance(minutes=1)  # 22:05: 20 minutes, the window opens (both ends inside)
        app.main.tick()
        await pilot.pause()
        alerts = [e.payload for e in app.main.active.events if e.kind is EventKind.ALERT]
        assert [a["code"] for a in alerts if "collapse" in a["code"]] == ["collapse_window_open"]
        assert "处于塌落时段内" in alerts[-1]["text"] and "22:05—22:15" in alerts[-1]["text"]
        assert any("处于塌落时段内" in text for text in app.announcements)
        app.main.tick()  # raised once only
        clock.advance(minutes=11)
        app.main.tick()
        await pilot.pause()
        codes = [e.payload["code"] for e in app.main.active.events if e.kind is EventKind.ALERT]
        assert codes.count("collapse_window_open") == 1 and "collapse_window_past" in codes
