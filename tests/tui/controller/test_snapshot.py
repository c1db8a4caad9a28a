"""What the controller screen looks like at 120×40: the warehouse exercise at +0:06, inject #1
delivered and the trainee's level recorded (hand-moved clock, notifications cleared).

Regenerate with ``pytest tests/tui/controller/test_snapshot.py --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.tui.controller.helpers import later, open_exercise


def test_controller_at_the_first_inject_zh(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_exercise(tmp_path, roles=("dispatcher", "office")) as exercise:

        async def run(pilot: Pilot[object]) -> None:
            await pilot.press("r")
            await later(pilot, exercise, minutes=6)
            exercise.trainee.set_facts(exercise.live.incident_id, {"direct_loss_yuan": 15_000_000})
            exercise.trainee.step(exercise.live.incident_id, "alarm_received")
            await later(pilot, exercise, seconds=5)
            pilot.app.clear_notifications()
            await pilot.pause()

        assert snap_compare(exercise.app, terminal_size=(120, 40), run_before=run)
