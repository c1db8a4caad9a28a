"""A small app that hosts one replay or drill screen (what ``firedrill replay|drill FILE --console``
opens), with the console's styles. It exits when the screen is closed, with the screen's result
(the drill's ``DrillResult``, or None)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from firedrill.tui.clock import Clock, system_clock
from firedrill.tui.settings import NARROW, WIDE

CONSOLE_CSS = Path(__file__).resolve().parents[1] / "console.tcss"


class ReplayApp(App[Any]):
    """``ReplayApp(build, clock=...)``: ``build(app)`` makes the screen once the app is running."""

    CSS_PATH = CONSOLE_CSS
    TITLE = "firedrill"
    # Textual declares this class attribute itself (with a type mypy cannot restate).
    HORIZONTAL_BREAKPOINTS = [(NARROW, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012

    def __init__(self, build: Callable[[ReplayApp], Screen[Any]], *, clock: Clock = system_clock,
                 lang: str = "zh", blink: bool = True) -> None:  # fmt: skip
        super().__init__()
        self.build = build
        self.clock = clock
        self.lang = lang
        self.blink = blink
        self.hosted: Screen[Any] | None = None  # the screen, once built (the CLI reads the drill's files from it)

    def on_mount(self) -> None:
        self.hosted = self.build(self)
        self.push_screen(self.hosted, callback=self.exit)
