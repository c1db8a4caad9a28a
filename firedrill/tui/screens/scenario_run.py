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
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from firedrill.tui.scenarios import ShippedScenario
from firedrill.tui.screens.prompt import PromptScreen, Refused
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


class TraineeScreen(PromptScreen[str]):
    """The trainee's name for a drill on ``title``; None when cancelled. A blank name is refused."""

    def __init__(self, title: str, lang: str) -> None:
        super().__init__(lang, w("trainee_title", lang).format(title=title), w("trainee_name", lang),
                         w("trainee_help", lang), "trainee-name", "trainee-error")  # fmt: skip

    def answer(self, text: str) -> str:
        name = text.strip()
        if not name:
            raise Refused("trainee_empty")
        return name
