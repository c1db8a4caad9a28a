"""The dispatcher console app and ``create_app``, the factory the command line and the tests share.

Start-up is kept short: the first screen (the intake form's first rows) is drawn from light modules
only. A worker thread then loads what the first level needs (config, rule tables) and grades what
the form holds, and the banner shows that level; only then is the rest of the form mounted and,
in a second worker, the rest of the engine loaded (journal, desk, playbooks, procedure), one after
the other so that no two compete for the interpreter. The screen takes it from there (resume open
incidents, or start a new one with what was already typed).
The main screen is the app's default screen, so the first frame is its own (no empty screen is
composed and drawn before it), and Python's cyclic garbage collector is paused until the whole
form is mounted, as Textual pauses it while scrolling: a full collection right then would hold
the first frame back by 10–15 ms.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App
from textual.command import CommandPalette, Provider
from textual.events import Load
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from firedrill.tui.clock import Clock, ExerciseClock, system_clock
from firedrill.tui.engine import Engine, Grader, Options, load_engine, load_grader
from firedrill.tui.screens.main import MainScreen, console_commands
from firedrill.tui.settings import NARROW, WIDE
from firedrill.tui.words import keys, w

if TYPE_CHECKING:
    from firedrill.models import Assessment


class FiredrillApp(App[Any]):
    """The console. ``lang`` switches every label; ``clock`` is the only source of 'now'."""

    CSS_PATH = "console.tcss"
    TITLE = "firedrill"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {console_commands}
    # Textual declares this class attribute itself (with a type mypy cannot restate).
    HORIZONTAL_BREAKPOINTS = [(NARROW, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012

    lang: reactive[str] = reactive("zh", init=False)

    def __init__(self, options: Options, clock: Clock = system_clock, *, blink: bool = True) -> None:
        super().__init__()
        self.options = options
        self.real_clock = clock
        # The clock new incidents run on: real time, or an exercise's scenario time (演练时间).
        self.clock: Clock = ExerciseClock.starting(options.exercise_start, clock) if options.exercise_start else clock
        self.blink = blink
        self.set_reactive(FiredrillApp.lang, options.lang)
        self.grader: Grader | None = None
        self.engine: Engine | None = None
        self.engine_ready = asyncio.Event()
        self.announcements: list[str] = []
        self._main: MainScreen | None = None
        self._gc_paused = False

    @property
    def main(self) -> MainScreen:
        assert self._main is not None
        return self._main

    def on_load(self, _event: Load) -> None:
        if gc.isenabled():
            gc.disable()
            self._gc_paused = True

    def resume_gc(self) -> None:
        """Collect garbage again (the main screen calls this once the whole form is mounted)."""
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def get_default_screen(self) -> MainScreen:
        # The main screen is the first on the stack (no empty default screen composed before it).
        self._main = MainScreen(self.lang, self.size.width)
        return self._main

    def load_grader(self, raw: dict[str, Any]) -> None:
        """Start loading the rule tables in a thread, and grade ``raw`` with them (the first screen is drawn)."""

        def first_level() -> tuple[Grader, Assessment | None, dict[str, Any]]:
            from firedrill.tui.preview import preview

            keys("level")  # the labels beyond the console's own (levels, site categories), read here, not on screen
            grader = load_grader(self.options)
            return grader, None if grader.open_incidents else preview(grader, raw, self.clock()), raw

        self.run_worker(first_level, thread=True, name="grader", exit_on_error=False)

    def load_engine(self) -> None:
        """Start loading the rest of the engine in a thread (the main screen calls this once it is built)."""
        self.run_worker(lambda: load_engine(self.options, self.grader), thread=True, name="engine",
                        exit_on_error=False)  # fmt: skip

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name not in ("grader", "engine"):
            return
        if event.state is WorkerState.ERROR:
            self.exit(event.worker.error, return_code=2)
        elif event.state is WorkerState.SUCCESS and event.worker.name == "grader":
            grader, first, graded = cast("tuple[Grader, Assessment | None, dict[str, Any]]", event.worker.result)
            self.grader = grader
            if self.options.lang_from_config and grader.config is not None and grader.config.lang != self.lang:
                self.lang = grader.config.lang
            self.main.grader_ready(grader, first, graded)
        elif event.state is WorkerState.SUCCESS:
            engine = event.worker.result
            assert isinstance(engine, Engine)
            self.engine = engine
            self.main.engine_ready(engine)

    def set_exercise_start(self, start: datetime) -> None:
        """Run new incidents on an exercise clock from ``start`` (advancing in real time)."""
        self.clock = ExerciseClock.starting(start, self.real_clock)

    def watch_lang(self, lang: str) -> None:
        self.main.set_lang(lang)

    def steady_cursor(self, root: Widget | Screen[Any]) -> None:
        """No blinking cursor when asked (snapshots must not depend on the blink phase)."""
        if not self.blink:
            for field in root.query(Input):
                field.cursor_blink = False

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:  # fmt: skip
        """One notice at a time: a new one replaces the one shown, so none stack over the key bar.

        A notice is shown when its message is handled, so the clearing is queued just before it."""
        self.call_later(self.clear_notifications)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def announce(self, text: str, *, severity: str = "information", timeout: float | None = None) -> None:
        """A visible notification, also kept in ``announcements`` (what tests and the log read)."""
        self.announcements.append(text)
        self.notify(text, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    async def action_quit(self) -> None:
        """Quit, after recording whatever the form still holds unrecorded."""
        if self._main is not None:
            self.main.take_form()
            self.main.flush_now()
        self.exit()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=w("palette_hint", self.lang)))

    def on_unmount(self) -> None:
        self.resume_gc()
        if self.engine is not None:
            self.engine.close()
        elif self.grader is not None and self.grader.journal is not None:
            self.grader.journal.close()


def create_app(
    *,
    lang: str | None = None,
    data_dir: Path | None = None,
    config: Path | None = None,
    playbook_dirs: tuple[Path, ...] = (),
    clock: Clock = system_clock,
    blink: bool = True,
    seat: str | None = None,
    exercise_start: datetime | None = None,
) -> FiredrillApp:
    """The console app. ``lang`` None means the config's language (Chinese by default)."""
    options = Options(lang=lang or "zh", data_dir=data_dir, config=config, playbook_dirs=playbook_dirs,
                      lang_from_config=lang is None, seat=seat, exercise_start=exercise_start)  # fmt: skip
    return FiredrillApp(options, clock, blink=blink)
