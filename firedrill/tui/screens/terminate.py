"""The question before the emergency is declared over (clause 5): what is still due, and one key to go on.

Declaring the emergency over freezes the facts, so it is never done by a tick alone. The dialog
lists the steps of the termination stage that will be recorded with the declaration (the office's
confirmation and report, in the plan's order) and every step still due or overdue. Y declares,
N or Esc goes back; the focus starts on 取消, so Enter does not declare by accident.
It records nothing itself: the main screen has the engine check and write each step.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from firedrill.tui.widgets.panel import WrapStatic
from firedrill.tui.words import colon, w


class TerminateScreen(ModalScreen[bool]):
    """Returns True to declare (with the steps listed as recorded with it), False to go back."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("y", "declare", show=False), Binding("n", "back", show=False),
                                             Binding("escape", "back", show=False)]  # fmt: skip

    def __init__(self, with_it: list[str], still_due: list[str], lang: str) -> None:
        super().__init__()
        self.with_it, self.still_due, self.lang = with_it, still_due, lang

    def compose(self) -> ComposeResult:
        lang, c = self.lang, colon(self.lang)
        lines = []
        if self.with_it:
            lines += [f"{w('term_with_it', lang)}{c}", *(f"  · {title}" for title in self.with_it), ""]
        if self.still_due:
            lines += [f"{w('term_still_due', lang).format(n=len(self.still_due))}{c}",
                      *(f"  ○ {title}" for title in self.still_due)]  # fmt: skip
        else:
            lines.append(w("term_none_due", lang))
        with Vertical(classes="dialog", id="terminate-dialog"):
            yield Label(w("term_title", lang), classes="dialog-title")
            with VerticalScroll(id="terminate-scroll"):
                yield WrapStatic("\n".join(lines), id="terminate-list")
            yield Label(w("term_help", lang), classes="dialog-help")
            with Horizontal(classes="buttons"):
                yield Button(w("term_declare", lang), id="term-declare", variant="error")
                yield Button(w("term_back", lang), id="term-back", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#term-back", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "term-declare")

    def action_declare(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
