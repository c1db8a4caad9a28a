"""How fast the console is: launch → first usable screen, beside a minimal Textual app, and keystroke →
updated level on screen. Prints figures; asserts nothing (timings vary by machine).

    .venv/bin/python bench/bench_console.py [--runs N]

Launch: each run is a fresh process started headless with an empty data directory; it reports the
moment its first screen is up with the cursor in the first field (for the console, the intake's
"location" field), measured from just before the process was started. The engine (rules, playbooks,
journal) loads in a worker thread after that moment; its ready time is printed too.
Keystroke: in one process under Pilot, each key is timed from being sent to the first screen paint
after the level banner was updated (Textual paints at most 60 times a second).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5
TARGET_KEY_MS = 50.0

MINIMAL = textwrap.dedent("""
    import asyncio, sys
    from textual.app import App
    from textual.widgets import Input, Static

    class Minimal(App):
        def compose(self):
            yield Static("minimal")
            yield Input(id="first")

    async def ready(pilot):
        while not isinstance(pilot.app.focused, Input):
            await asyncio.sleep(0)
        print("screen", flush=True)
        pilot.app.exit()

    Minimal().run(headless=True, auto_pilot=ready, size=(120, 40))
""")

CONSOLE = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path
    from firedrill.tui.app import create_app

    app = create_app(lang="zh", data_dir=Path(sys.argv[1]))

    async def ready(pilot):
        while getattr(pilot.app.focused, "id", None) != "in-location":
            await asyncio.sleep(0)
        print("screen", flush=True)
        await pilot.app.engine_ready.wait()
        print("engine", flush=True)
        pilot.app.exit()

    app.run(headless=True, auto_pilot=ready, size=(120, 40))
""")


def launch(code: str, *args: str) -> dict[str, float]:
    """Seconds from process start to each line the child prints."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    marks: dict[str, float] = {}
    assert child.stdout is not None
    for line in child.stdout:
        marks[line.strip()] = time.perf_counter() - started
    child.wait()
    return marks


def bench_launch(runs: int) -> tuple[float, float, float]:
    minimal, console, engine = [], [], []
    for _ in range(runs):
        minimal.append(launch(MINIMAL)["screen"])
        with tempfile.TemporaryDirectory() as data:
            marks = launch(CONSOLE, data)
        console.append(marks["screen"])
        engine.append(marks["engine"])
    return statistics.median(minimal), statistics.median(console), statistics.median(engine)


async def bench_keys(rounds: int) -> list[float]:
    from textual.widgets import Input

    from firedrill.tui.app import create_app
    from firedrill.tui.clock import LOCAL_TZ, ManualClock

    clock = ManualClock(datetime(2026, 3, 11, 21, 40, tzinfo=LOCAL_TZ))
    painted: list[float] = []
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as data:
        app = create_app(data_dir=Path(data), clock=clock, blink=False)
        display = app._display

        def timed_display(screen, renderable):  # type: ignore[no-untyped-def]
            painted.append(time.perf_counter())
            display(screen, renderable)

        app._display = timed_display  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            await app.engine_ready.wait()
            await pilot.pause()
            app.main.choose_scenario("shopping-mall")
            app.main.form.focus_field("burning_area_m2")
            field = app.main.query_one("#in-burning_area_m2", Input)
            await pilot.pause()
            # Typing 1200 passes general (1, 12, 120) and major (700…) to especially major (1200):
            # every key changes what the assessment panel shows ("实际 … m²") and some change the level.
            updated: list[float] = []
            refresh_live = app.main.refresh_live

            def timed_refresh() -> None:
                refresh_live()
                updated.append(time.perf_counter())

            app.main.refresh_live = timed_refresh  # type: ignore[method-assign]
            for _ in range(rounds):
                field.value = ""
                await pilot.pause()
                for key in "1200":
                    sent = time.perf_counter()
                    await pilot.press(key)
                    shown = [t for t in updated if t > sent]
                    after = [t for t in painted if shown and t > shown[-1]]
                    if after:
                        timings.append((after[0] - sent) * 1000)
                assert "特 别 重 大" in app.main.banner.text
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches of each app (default 5)")
    parser.add_argument("--rounds", type=int, default=15, help="keystroke rounds (default 15)")
    args = parser.parse_args()

    minimal, console, engine = bench_launch(args.runs)
    ratio = console / minimal
    print(f"launch → first usable screen (median of {args.runs}, fresh processes):")
    print(f"  minimal Textual app   {minimal * 1000:7.0f} ms")
    print(f"  firedrill console     {console * 1000:7.0f} ms   ratio {ratio:.2f} (target ≤ {TARGET_RATIO})")
    print(f"  engine loaded (level shown) {engine * 1000:7.0f} ms")
    keys = asyncio.run(bench_keys(args.rounds))
    print(f"keystroke → updated level on screen ({len(keys)} keys, Pilot):")
    print(f"  median {statistics.median(keys):5.1f} ms   p90 {statistics.quantiles(keys, n=10)[-1]:5.1f} ms"
          f"   max {max(keys):5.1f} ms   (target < {TARGET_KEY_MS:.0f} ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
