"""Dialogs that start a replay or a drill from the console: pick a shipped scenario script (Ctrl+R),
then, for a drill, the trainee's name. The replay and drill screens themselves are
``firedrill.tui.replay``'s, opened with its ``open_replay`` and ``open_drill``."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from firedrill.tui.scenarios import ShippedScenario
from firedrill.tui.words import w

REPLAY, DRILL = "replay", "drill"


class ScenarioRunScreen(ModalScreen[tuple[str, Path] | None]):
    """Returns ``(REPLAY or DRILL, script path)``, or None when cancelled. Enter replays, D drills."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("d", "run('drill')", show=False),
    ]

    def __init__(self, scenarios: tuple[ShippedScenario, ...], lang: str, folder: Path) -> None:
        super().__init__()
        self.scenarios, self.lang, self.folder = scenarios, lang, folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog run"):
            yield Label(w("run_title", self.lang), classes="dialog-title")
            if self.scenarios:
                options = [Option(s.title(self.lang), id=str(i)) for i, s in enumerate(self.scenarios)]
                yield OptionList(*options, id="run-list")
                yield Label(w("run_help", self.lang), classes="dialog-help")
            else:
                yield Static(w("run_none", self.lang).format(path=self.folder), id="run-none")
            with Horizontal(classes="buttons"):
                off = not self.scenarios
                yield Button(w("run_replay", self.lang), id="run-replay", variant="primary", compact=True, disabled=off)
                yield Button(w("run_drill", self.lang), id="run-drill", compact=True, disabled=off)
                yield Button(w("run_back", self.lang), id="run-back", compact=True)

    def on_mount(self) -> None:
        if self.scenarios:
            self.query_one(OptionList).focus()
        else:
            self.query_one("#run-back", Button).focus()

    def _chosen(self) -> Path | None:
        if not self.scenarios:
            return None
        index = self.query_one(OptionList).highlighted
        return self.scenarios[index].path if index is not None else None

    def action_run(self, mode: str) -> None:
        path = self._chosen()
        if path is not None:
            self.dismiss((mode, path))

    @on(OptionList.OptionSelected)
    def _selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_run(REPLAY)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "run-back":
            self.dismiss(None)
        else:
            self.action_run(REPLAY if event.button.id == "run-replay" else DRILL)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TraineeScreen(ModalScreen[str | None]):
    """The trainee's name for a drill on ``title``; None when cancelled. A blank name is refused."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, lang: str) -> None:
        super().__init__()
        self.title_text, self.lang = title, lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(w("trainee_title", self.lang).format(title=self.title_text), classes="dialog-title")
            yield Input(placeholder=w("trainee_name", self.lang), id="trainee-name")
            yield Static("", id="trainee-error", classes="field-error")
            yield Label(w("trainee_help", self.lang), classes="dialog-help")

    def on_mount(self) -> None:
        from firedrill.tui.app import FiredrillApp

        if isinstance(self.app, FiredrillApp):
            self.app.steady_cursor(self)
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name:
            self.dismiss(name)
            return
        error = self.query_one("#trainee-error", Static)
        error.update(w("trainee_empty", self.lang))
        error.add_class("-shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
