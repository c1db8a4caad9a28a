"""The exercise clock's dialog: the scenario time an exercise starts at (演练时间)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from firedrill.tui.clock import Clock
from firedrill.tui.words import w


class ExerciseScreen(ModalScreen[datetime | None]):
    """Asks for the exercise's start (a date and time, or a clock time today); None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str, clock: Clock) -> None:
        super().__init__()
        self.lang, self.clock = lang, clock

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(w("exercise_title", self.lang), classes="dialog-title")
            yield Input(placeholder="2026-04-15 14:10", id="exercise-start")
            yield Static("", id="exercise-error", classes="field-error")
            yield Label(w("exercise_help", self.lang), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        from firedrill.incident.entry import FieldError, parse_time

        try:
            self.dismiss(parse_time(event.value, "exercise_start", self.clock()))
        except FieldError:
            error = self.query_one("#exercise-error", Static)
            error.update(w("exercise_bad", self.lang))
            error.add_class("-shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
