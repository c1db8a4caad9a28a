"""What the replay and drill screens look like at 120×40 (hand-moved clock, notifications cleared).

Regenerate with ``pytest tests/tui/replay/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Select

from firedrill.tui.clock import ManualClock
from tests.tui.replay.helpers import MALL, drill_app, drill_screen, replay_app

SIZE = (120, 40)


async def _settle(pilot: Pilot[object]) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()  # toasts fade after seconds; the messages list keeps them
    await pilot.pause()


def test_replay_after_the_fire_spreads_zh(snap_compare, clock: ManualClock) -> None:  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[object]) -> None:
        await pilot.pause()
        await pilot.press("n", "n")  # +0:25: 650 m² at night, especially major
        await _settle(pilot)

    assert snap_compare(replay_app(MALL, clock), terminal_size=SIZE, run_before=run)


def test_drill_form_at_the_second_prompt_zh(snap_compare, clock: ManualClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[object]) -> None:
        await pilot.pause()
        screen = drill_screen(pilot)
        await pilot.press("n")  # the first prompt, answered as the drill tests do (test_drill_screen.py)
        await pilot.pause()
        screen.query_one("#drill-level", Select).value = "general"
        screen.query_one("#drill-none", Checkbox).value = True
        screen.action_submit()
        await pilot.press("n")  # the second prompt: level chosen, night ticked, 10 stations typed
        await pilot.pause()
        await pilot.press("enter", "down", "down", "down", "down", "enter", "tab", "tab", "tab", "space")
        await pilot.press("tab", "tab", "tab", "1", "0")
        await _settle(pilot)

    assert snap_compare(drill_app(MALL, clock, tmp_path), terminal_size=SIZE, run_before=run)
