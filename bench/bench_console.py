"""How fast the console is: launch → first usable screen, beside a minimal Textual app, and keystroke →
updated level on screen. Prints figures; asserts nothing (timings vary by machine).

    .venv/bin/python bench/bench_console.py [--runs N]

Launch: each run is a fresh process started with an empty data directory and no terminal; it reports
the moment its first screen is painted with the cursor in the first field (for the console, the
intake's "location" field), measured from just before the process was started. "Painted" is the
first frame the app writes to its driver once the field has the focus. The driver is Textual's
headless one, except that it says it is not headless (``Driver.is_headless``) and so is handed every
frame rendered to terminal output as a terminal would be; it is installed through the public
``App.driver_class`` and its ``write`` stamps the time (a frame is never written out). Both apps are
timed the same way. For the console the first frame with a level in the banner is stamped too
(``LevelBanner.level``): the rule tables load in a worker thread after the first screen and the
level of what the form holds is shown before the journal, the desk and the playbooks are loaded;
the moments the whole form is mounted and the whole engine is loaded are printed too.
Bytecode: the children keep compiled bytecode in a temporary cache (one unmeasured launch of each app
fills it), as an installed package has its .pyc files and as Textual's own are in the venv; with
PYTHONDONTWRITEBYTECODE set (as in the project's shell) every firedrill module would otherwise be
compiled from source at every start. ``--no-bytecode`` measures that case.
Keystroke: in one process under Pilot (with the same driver), each key is timed from being sent to
the first frame written after the screen showed what followed from it (Textual paints at most 60
times a second).
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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.driver import Driver

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5
TARGET_LEVEL_RATIO = 2.0  # launch → first level painted, against the minimal app's first screen
TARGET_KEY_MS = 50.0
KEY_TIMEOUT_S = 2.0
SETTLE_S = 0.1  # no frame for this long after a key: the screen shows all that followed from it

# Both children time their first painted frame the same way, through Textual's public driver API: the app
# runs with a driver (``App.driver_class``) that is headless in all but name. It says it is not headless,
# so the app renders each frame into terminal output as it would for a terminal, and its ``write`` (the
# one call every frame goes through) stamps the first frame written while the wanted condition holds, on
# the system-wide monotonic clock the parent reads too. Nothing is written anywhere.
PAINT_WATCH = textwrap.dedent("""
    import time
    from textual.drivers.headless_driver import HeadlessDriver

    # The pilot polls for the stamps at 1 ms: the stamps themselves are taken in the driver's write,
    # and a pilot spinning on sleep(0) would keep the event loop from ever being idle (Textual
    # paints when a screen's queue is idle), which a dispatcher's terminal never does.
    POLL_S = 0.001

    def watch_paint(app, *conditions):
        stamps = [[] for _ in conditions]

        class PaintClock(HeadlessDriver):
            @property
            def is_headless(self):
                return False

            def write(self, data):
                for stamp, condition in zip(stamps, conditions):
                    if not stamp and condition(app):
                        stamp.append(time.monotonic())

        app.driver_class = PaintClock
        return stamps

    def say(name, stamp):  # to the parent (the app captures print while it runs with a driver of its own)
        import os
        os.write(1, f"{name} {stamp}\\n".encode())
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
    [painted] = watch_paint(app, lambda app: isinstance(app.focused, Input))

    async def ready(pilot):
        while not painted:
            await asyncio.sleep(POLL_S)
        say("screen", painted[0])
        pilot.app.exit()

    app.run(auto_pilot=ready, size=(120, 40))
""")

CONSOLE = PAINT_WATCH + textwrap.dedent("""
    import asyncio, sys, time
    from pathlib import Path
    from firedrill.tui.app import create_app

    app = create_app(lang="zh", data_dir=Path(sys.argv[1]))
    # The first frame with the cursor in the place field, and the first with a level in the banner.
    painted, leveled = watch_paint(app, lambda app: getattr(app.focused, "id", None) == "in-location",
                                   lambda app: app.main.banner.level is not None)

    async def ready(pilot):
        while not painted:
            await asyncio.sleep(POLL_S)
        say("screen", painted[0])
        while not pilot.app.main.built:
            await asyncio.sleep(POLL_S)
        say("built", time.monotonic())
        await pilot.app.engine_ready.wait()
        say("engine", time.monotonic())
        while not leveled:
            await asyncio.sleep(POLL_S)
        say("level", leveled[0])
        pilot.app.exit()

    app.run(auto_pilot=ready, size=(120, 40))
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


def paint_clock(painted: list[float]) -> type[Driver]:
    """A driver that keeps the time of every frame the app writes to it (see ``PAINT_WATCH``)."""
    from textual.drivers.headless_driver import HeadlessDriver

    class PaintClock(HeadlessDriver):
        @property
        def is_headless(self) -> bool:
            return False

        def write(self, data: str) -> None:
            painted.append(time.perf_counter())

    return PaintClock


async def settled(sent: float, updated: list[float], painted: list[float]) -> float:
    """When the screen showed all that followed from a key sent at ``sent``.

    The screen shows what followed from the key (level, panels, field marks) when it has handled it
    (``refresh_live``); the first frame written after that shows all of it. If that handling changed
    nothing on screen, no frame follows it, and the last frame before it (the field with the key's
    character) was the answer. Waits until no frame has come for ``SETTLE_S``."""
    deadline = time.perf_counter() + KEY_TIMEOUT_S
    while time.perf_counter() < deadline:
        await asyncio.sleep(SETTLE_S / 10)
        frames = [t for t in painted if t > sent]
        handled = [t for t in updated if t > sent]
        if frames and handled and time.perf_counter() - frames[-1] > SETTLE_S:
            after = [t for t in frames if t > handled[-1]]
            return after[0] if after else frames[-1]
    raise SystemExit(f"the screen did not settle within {KEY_TIMEOUT_S} s of a key")


async def bench_keys(rounds: int) -> list[float]:
    from textual.widgets import Input

    from firedrill.tui.app import create_app
    from firedrill.tui.clock import LOCAL_TZ, ManualClock

    clock = ManualClock(datetime(2026, 3, 11, 21, 40, tzinfo=LOCAL_TZ))
    painted: list[float] = []
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as data:
        app = create_app(data_dir=Path(data), clock=clock, blink=False)
        app.driver_class = paint_clock(painted)
        async with app.run_test(headless=False, size=(120, 40)) as pilot:
            await app.engine_ready.wait()
            await pilot.pause()
            app.main.choose_scenario("shopping-mall")
            app.main.show_panel("assessment")  # in view: it shows the area typed, so every key changes it
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
                    timings.append((await settled(sent, updated, painted) - sent) * 1000)
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
