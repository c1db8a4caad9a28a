"""What the main screens look like, at 80×24 and 120×40, in Chinese and English (fixed clock, no blink).

Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot
from textual.widgets import Input

from firedrill.tui.app import FiredrillApp
from firedrill.tui.clock import ManualClock
from tests.tui.conftest import ready

Step = Callable[[Pilot[object]], Awaitable[None]]


def night_mall_fire(clock: ManualClock, *keys: str, deaths: str | None = None) -> Step:
    """A mall fire reported at 21:45, 800 m², force 6 wind; the clock then at 22:05; then ``keys``."""

    async def run(pilot: Pilot[object]) -> None:
        app = await ready(pilot)
        app.main.choose_scenario("shopping-mall")  # the picker itself is tested in test_scenario_picker.py
        place = "江汉路商场" if app.lang == "zh" else "Jianghan Rd mall"
        for field, text in (("location", place), ("reported_at", "21:45"), ("burning_area_m2", "800"),
                            ("wind", "6级"), ("deaths", deaths or "")):  # fmt: skip
            app.main.query_one(f"#in-{field}", Input).value = text  # as if pasted: one change per field
        await pilot.pause()
        app.main.flush_now()
        clock.advance(minutes=15)
        app.main.tick()
        app.main.form.focus_field("gust")
        await pilot.pause()  # notifications arrive as messages: let them in before clearing them
        app.clear_notifications()  # toasts fade after seconds; the level and timeline keep the change
        await pilot.press(*keys)
        await pilot.pause()

    return run


def _snap(snap_compare, app: FiredrillApp, size: tuple[int, int], step: Step) -> bool:  # type: ignore[no-untyped-def]
    return bool(snap_compare(app, terminal_size=size, run_before=step))


def test_night_mall_fire_zh_wide(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(), (120, 40), night_mall_fire(clock))


def test_night_mall_fire_zh_narrow(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(), (80, 24), night_mall_fire(clock))


def test_dispatch_panel_en_wide(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(lang="en"), (120, 40), night_mall_fire(clock, "f10"))


def test_groups_panel_en_narrow(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(lang="en"), (80, 24), night_mall_fire(clock, "f10", "f10"))


def test_safety_notes_zh_narrow(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(), (80, 24), night_mall_fire(clock, "f5"))


def test_dispatch_order_zh_wide(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(), (120, 40), night_mall_fire(clock, "f7"))


def test_stale_after_bad_input_zh_wide(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(), (120, 40), night_mall_fire(clock, deaths="三人"))


def test_board_zh_narrow(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(), (80, 24), night_mall_fire(clock, "f3"))


def test_board_en_wide(snap_compare, make_app, clock) -> None:  # type: ignore[no-untyped-def]
    assert _snap(snap_compare, make_app(lang="en"), (120, 40), night_mall_fire(clock, "f3"))
