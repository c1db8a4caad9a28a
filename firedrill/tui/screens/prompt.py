"""A one-line question in a dialog: a title, an input, the reason a value is refused, and help.

Subclasses say how the text becomes the answer (``answer``, raising ``Refused`` with the console
word of why not); Enter dismisses with the answer, Esc with None.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from firedrill.tui.words import w

T = TypeVar("T")


class Refused(ValueError):
    """The text typed is not an answer; ``word`` is the console word that says why."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


class PromptScreen(ModalScreen[T | None], Generic[T]):
    """Asks for one value, with the ids of its input and its error line."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str, title: str, placeholder: str, help_text: str, input_id: str,
                 error_id: str) -> None:  # fmt: skip
        super().__init__()
        self.lang = lang
        self.title_text, self.placeholder, self.help_text = title, placeholder, help_text
        self.input_id, self.error_id = input_id, error_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder=self.placeholder, id=self.input_id)
            yield Static("", id=self.error_id, classes="field-error")
            yield Label(self.help_text, classes="dialog-help")

    def on_mount(self) -> None:
        from firedrill.tui.protocols import SteadyCursors

        if isinstance(self.app, SteadyCursors):
            self.app.steady_cursor(self)
        self.query_one(Input).focus()

    def answer(self, text: str) -> T:
        """The value for ``text``; raises Refused when there is none."""
        raise NotImplementedError

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            found = self.answer(event.value)
        except Refused as refused:
            error = self.query_one(f"#{self.error_id}", Static)
            error.update(w(refused.word, self.lang))
            error.add_class("-shown")
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)
