"""The controller's screen (``firedrill console --controller SCRIPT``): an instructor steers a
live exercise while a trainee works the exercise incident in a console of their own on the same
data directory.

Everything it shows and does goes through ``firedrill.replay.live.LiveExercise`` — the terminal
controller's clock, send-now and contingencies (``firedrill.replay.controller``), the journal
read through the incident core — so there is no second copy of the exercise here. The clock keys
are the screen's (it runs the exercise); the send-now key is the inject table's, which posts
``SendNow`` up. F9 ends the exercise and writes the after-action report.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from firedrill.errors import InputError
from firedrill.replay.drill import DrillResult
from firedrill.replay.live import LiveExercise
from firedrill.tui.controller.settings import JUMP_MINUTES, REFRESH_SECONDS, SPEEDS
from firedrill.tui.controller.view import build_view
from firedrill.tui.controller.widgets import ClockBar, ContingencyTable, InjectTable, RoleTable
from firedrill.tui.controller.words import both, cw
from firedrill.tui.widgets.keybar import KeyBar

Clock = Callable[[], datetime]


class ControllerScreen(Screen[DrillResult | None]):
    """Dismissed with the exercise marked as a drill (F9), or None when closed without a report."""

    CSS_PATH = "controller.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "pause", both("key_pause"), id="firedrill.controller.pause"),
        Binding("r", "resume", both("key_resume"), id="firedrill.controller.resume"),
        Binding("plus", "faster", both("key_faster"), id="firedrill.controller.faster", key_display="+"),
        Binding("minus", "slower", both("key_slower"), id="firedrill.controller.slower", key_display="-"),
        Binding("j", "jump", both("key_jump"), id="firedrill.controller.jump"),
        Binding("f9", "end", both("key_end"), id="firedrill.controller.end", priority=True),
    ]

    def __init__(self, live: LiveExercise, lang: str, real: Clock, trainee: str = "trainee",
                 out_dir: Path | None = None, refresh_seconds: float | None = REFRESH_SECONDS) -> None:  # fmt: skip
        super().__init__()
        self.live, self.lang, self.real, self.trainee = live, lang, real, trainee
        self.out_dir, self.refresh_seconds = out_dir, refresh_seconds
        self.reports: tuple[Path, ...] = ()
        self.said: list[str] = []  # every notification shown (tests read it)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(cw("title", lang), id="controller-title")
        yield ClockBar(id="controller-clock")
        yield Static("", id="controller-demand")
        with Horizontal(id="controller-top"):
            with Vertical(id="controller-injects"):
                yield Static(cw("pending", lang), classes="controller-heading")
                yield InjectTable(lang, id="controller-pending")
            with Vertical(id="controller-contingent"):
                yield Static(cw("contingencies", lang), classes="controller-heading")
                yield ContingencyTable(lang, id="controller-contingencies")
        yield Static(cw("roles", lang), classes="controller-heading")
        yield RoleTable(lang, id="controller-roles")
        yield Static("", id="controller-ticks")
        yield KeyBar(lang, id="controller-keys")

    def on_mount(self) -> None:
        self.refresh_live()
        self.query_one(InjectTable).focus()
        if self.refresh_seconds:
            self.set_interval(self.refresh_seconds, self.refresh_live)

    def refresh_live(self) -> None:
        """Read the trainee's work from the journal, deliver what the clock has reached, show it."""
        self.live.step()
        view = build_view(self.live, self.real(), self.lang)
        self.query_one(ClockBar).text = view.clock
        self.query_one("#controller-demand", Static).update(view.demand)
        self.query_one(InjectTable).show(view.pending)
        self.query_one(ContingencyTable).rows_shown = view.contingencies
        self.query_one(RoleTable).rows_shown = view.roles
        self.query_one("#controller-ticks", Static).update(view.ticks)

    def _say(self, text: str, severity: str = "information") -> None:
        self.said.append(text)
        self.notify(text, severity="warning" if severity == "warning" else "information")

    def _command(self, text: str) -> bool:
        try:
            self.live.command(text)
        except InputError as exc:
            self._say(cw("refused", self.lang).format(reason=exc.one_line()), "warning")
            return False
        self.refresh_live()
        return True

    def action_pause(self) -> None:
        self._command("p")

    def action_resume(self) -> None:
        self._command("r")

    def _speed(self, step: int) -> None:
        speed = self.live.control.clock.speed
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - speed))
        self._command(f"x {SPEEDS[min(max(index + step, 0), len(SPEEDS) - 1)]:g}")

    def action_faster(self) -> None:
        self._speed(1)

    def action_slower(self) -> None:
        self._speed(-1)

    def action_jump(self) -> None:
        self._command(f"+{JUMP_MINUTES}")

    @on(InjectTable.SendNow)
    def send_now(self, message: InjectTable.SendNow) -> None:
        if self._command(f"send {message.number}"):
            self._say(cw("sent", self.lang).format(number=message.number))

    def action_end(self) -> None:
        """End the exercise: mark it as a drill and write the report (when a folder is set)."""
        from firedrill.replay.report import write_reports
        from firedrill.timeutil import to_local

        result = self.live.result(self.trainee, to_local(self.real()))
        if self.out_dir is not None:
            try:
                self.reports = write_reports(result, self.out_dir, self.lang)
            except InputError as exc:
                self._say(cw("refused", self.lang).format(reason=exc.one_line()), "warning")
                return
        self.dismiss(result)
