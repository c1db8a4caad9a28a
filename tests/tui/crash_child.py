"""Child process for the crash test: drives the console headless and says what the journal has.

Usage: python crash_child.py DATA_DIR. Prints "ready <incident>", then "recorded <field>" after each
field the screen shows as recorded (its mark is ✓ only once the journal has committed it), then
"typed" for a value left pending, then waits to be killed.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from pathlib import Path

from textual.widgets import Input

from firedrill.tui.app import create_app
from firedrill.tui.clock import LOCAL_TZ, ManualClock

STEPS = (("location", "武昌站"), ("burning_area_m2", "800"), ("deaths", "2"), ("direct_loss_yuan", "1.2亿"))


def say(text: str) -> None:
    print(text, flush=True)


async def main(data_dir: Path) -> None:
    clock = ManualClock(datetime(2026, 3, 11, 21, 50, tzinfo=LOCAL_TZ))
    app = create_app(lang="zh", data_dir=data_dir, clock=clock, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await asyncio.wait_for(app.engine_ready.wait(), 30)
        await pilot.pause()
        main_screen = app.main
        main_screen.choose_scenario("shopping-mall")
        await pilot.pause()
        say(f"ready {main_screen.active.id}")
        for field, text in STEPS:
            clock.advance(minutes=1)
            main_screen.form.focus_field(field)
            main_screen.query_one(f"#in-{field}", Input).value = text  # as pasted: one change
            await pilot.press("tab")
            await pilot.pause()
            if main_screen.query_one(f"#mark-{field}").has_class("-recorded"):
                say(f"recorded {field}")
        await pilot.press("f4")  # a call: recorded at once
        await pilot.pause()
        say("recorded call")
        import firedrill.tui.screens.main as main_module

        main_module.DEBOUNCE_SECONDS = 3600  # the pause that would record it never ends before the kill
        main_screen.form.focus_field("serious_injuries")
        await pilot.press("7")  # typed, not yet recorded
        say("typed")
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
