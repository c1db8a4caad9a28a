"""How fast the console is: launch → first usable screen, beside a minimal Textual app, and keystroke →
updated level on screen. Prints figures; asserts nothing (timings vary by machine).

    .venv/bin/python bench/bench_console.py [--runs N]

Launch: each run is a fresh process started headless with an empty data directory; it reports the
moment its first screen is painted with the cursor in the first field (for the console, the intake's
"location" field), measured from just before the process was started. "Painted" is the first frame
the app hands to its driver (``App._display``) once the field has the focus; headless, the driver
does not write it out, for either app. The engine (rules, playbooks, journal) loads in a worker
thread after that moment; its ready time is printed too, and so is the moment the whole form and
the panels are mounted.
Bytecode: the children keep compiled bytecode in a temporary cache (one unmeasured launch of each app
fills it), as an installed package has its .pyc files and as Textual's own are in the venv; with
PYTHONDONTWRITEBYTECODE set (as in the project's shell) every firedrill module would otherwise be
compiled from source at every start. ``--no-bytecode`` measures that case.
Keystroke: in one process under Pilot, each key is timed from being sent to the first screen paint
after the level banner was updated (Textual paints at most 60 times a second).
"""

from __future__ import annotations

import argparse
import asyncio
import os
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
TARGET_LEVEL_RATIO = 2.0  # launch → first level painted, against the minimal app's first screen
TARGET_KEY_MS = 50.0

# Both children time their first painted frame the same way: App._display is wrapped, and the first
# frame handed over while the wanted field has the focus is stamped on the system-wide monotonic
# clock, which the parent reads too.
PAINT_WATCH = textwrap.dedent("""
    import time

    def watch_paint(app, focused):
        painted = []
        display = app._display

        def timed(screen, renderable):
            display(screen, renderable)
            if not painted and renderable is not None and not app._batch_count and focused(app):
                painted.append(time.monotonic())

        app._display = timed
        return painted
""")

MINIMAL = PAINT_WATCH + textwrap.dedent("""
    import asyncio, sys
    from textual.app import App
    from textual.widgets import Input, Static

    class Minimal(App):
        def compose(self):
            yield Static("minimal")
            yield Input(id="first")

    app = Minimal()
    painted = watch_paint(app, lambda app: isinstance(app.focused, Input))

    async def ready(pilot):
        while not painted:
            await asyncio.sleep(0)
        print("screen", painted[0], flush=True)
        pilot.app.exit()

    app.run(headless=True, auto_pilot=ready, size=(120, 40))
""")

CONSOLE = PAINT_WATCH + textwrap.dedent("""
    import asyncio, sys, time
    from pathlib import Path
    from firedrill.tui.app import create_app

    app = create_app(lang="zh", data_dir=Path(sys.argv[1]))
    painted = watch_paint(app, lambda app: getattr(app.focused, "id", None) == "in-location")
    # The first frame painted with a level in the banner (the first incident assessed).
    leveled = watch_paint(app, lambda app: app._main is not None and app._main.active is not None
                          and app._main.active.assessment is not None)

    async def ready(pilot):
        while not painted:
            await asyncio.sleep(0)
        print("screen", painted[0], flush=True)
        while not pilot.app.main.built:
            await asyncio.sleep(0)
        print("built", time.monotonic(), flush=True)
        await pilot.app.engine_ready.wait()
        print("engine", time.monotonic(), flush=True)
        while not leveled:
            await asyncio.sleep(0)
        print("level", leveled[0], flush=True)
        pilot.app.exit()

    app.run(headless=True, auto_pilot=ready, size=(120, 40))
""")


def child_env(bytecode_dir: str | None) -> dict[str, str]:
    """The children's environment: with compiled bytecode kept in ``bytecode_dir`` (as an installed
    package has it), or without any (every module compiled from source at each start)."""
    env = dict(os.environ)
    if bytecode_dir is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_dir  # outside the working tree
    return env


def launch(code: str, *args: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from process start to each moment the child stamps (``name monotonic-time`` lines)."""
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                             env=env)  # fmt: skip
    marks: dict[str, float] = {}
    assert child.stdout is not None
    for line in child.stdout:
        name, _, stamp = line.strip().partition(" ")
        if stamp:
            marks[name] = float(stamp) - started
    if child.wait() != 0:
        raise SystemExit(f"bench child failed (exit {child.returncode})")
    return marks


def bench_launch(runs: int, bytecode: bool) -> dict[str, float]:
    """Medians of the minimal app's first screen and the console's first screen, full form and engine.

    With ``bytecode`` one launch of each app first fills a bytecode cache the measured runs use.
    """
    found: dict[str, list[float]] = {"minimal": [], "screen": [], "built": [], "engine": [], "level": []}
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as data:
        env = child_env(cache if bytecode else None)
        if bytecode:
            launch(MINIMAL, env=env)
            launch(CONSOLE, data, env=env)
        for _ in range(runs):
            found["minimal"].append(launch(MINIMAL, env=env)["screen"])
            with tempfile.TemporaryDirectory() as fresh:
                marks = launch(CONSOLE, fresh, env=env)
            for name in ("screen", "built", "engine", "level"):
                found[name].append(marks[name])
    return {name: statistics.median(times) for name, times in found.items()}


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
    parser.add_argument(
        "--no-bytecode", action="store_true", help="compile every module at each launch (as PYTHONDONTWRITEBYTECODE)"
    )
    args = parser.parse_args()

    launch_ms = {name: seconds * 1000 for name, seconds in bench_launch(args.runs, not args.no_bytecode).items()}
    ratio = launch_ms["screen"] / launch_ms["minimal"]
    cached = "no bytecode cache" if args.no_bytecode else "bytecode cached"
    print(
        f"launch → first screen painted with the cursor in its field (median of {args.runs}, fresh processes,"
        f" {cached}):"
    )
    print(f"  minimal Textual app   {launch_ms['minimal']:7.0f} ms")
    print(f"  firedrill console     {launch_ms['screen']:7.0f} ms   ratio {ratio:.2f} (target ≤ {TARGET_RATIO})")
    print(f"  whole form and panels mounted {launch_ms['built']:7.0f} ms")
    print(f"  engine loaded                 {launch_ms['engine']:7.0f} ms")
    level_ratio = launch_ms["level"] / launch_ms["minimal"]
    print(f"  first level painted           {launch_ms['level']:7.0f} ms   ratio {level_ratio:.2f}"
          f" (target ≤ {TARGET_LEVEL_RATIO})")  # fmt: skip
    keys = asyncio.run(bench_keys(args.rounds))
    print(f"keystroke → updated level on screen ({len(keys)} keys, Pilot):")
    print(f"  median {statistics.median(keys):5.1f} ms   p90 {statistics.quantiles(keys, n=10)[-1]:5.1f} ms"
          f"   max {max(keys):5.1f} ms   (target < {TARGET_KEY_MS:.0f} ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
