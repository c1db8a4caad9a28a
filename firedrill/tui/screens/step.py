"""The dialog for one step of the procedure: the plan's words, and done / skip / undo / a note.

It returns what the dispatcher asked for (``StepRequest``) and records nothing itself: the main
screen has the engine check the request and write it to the journal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from firedrill.tui.widgets.panel import WrapStatic
from firedrill.tui.words import colon, w

DONE, SKIP, UNDO, NOTE = "done", "skip", "undo", "add_note"


@dataclass(frozen=True)
class StepRequest:
    action: str  # DONE, SKIP, UNDO or NOTE
    note: str | None
    by: str | None  # None: as the dialog suggested (the plan's actor)


@dataclass(frozen=True)
class StepInfo:
    """What the dialog shows about the step, already in the screen's language."""

    step_id: str
    title: str
    clause: str
    quote: str  # the plan's words (Chinese in both languages)
    actor: str
    row: str  # its state now, as the checklist shows it
    recorded: bool  # done or skipped already: offer undo and a note instead of done and skip


class StepScreen(ModalScreen[StepRequest | None]):
    """Enter does the first action (done, or add a note when the step is recorded); Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, info: StepInfo, lang: str) -> None:
        super().__init__()
        self.info, self.lang = info, lang

    def compose(self) -> ComposeResult:
        info, lang, c = self.info, self.lang, colon(self.lang)
        with Vertical(classes="dialog", id="step-dialog"):
            yield Label(f"{info.title} [{info.clause}]", classes="dialog-title", markup=False)
            yield WrapStatic(f"{w('step_quote', lang)}{c}“{info.quote}”\n{w('step_actor', lang)}{c}{info.actor}\n"
                             f"{info.row}", id="step-info")  # fmt: skip
            with Horizontal(classes="row"):
                yield Label(w("step_by", lang), classes="field-label")
                yield Input(placeholder=info.actor, id="step-by", compact=True)
            with Horizontal(classes="row"):
                yield Label(w("step_note", lang), classes="field-label")
                yield Input(placeholder=w("step_note_hint", lang), id="step-text", compact=True)
            with Horizontal(classes="buttons"):
                actions = (NOTE, UNDO) if info.recorded else (DONE, SKIP)
                for index, action in enumerate(actions):
                    yield Button(w(f"step_{action}", lang), id=f"step-{action}",
                                 variant="primary" if index == 0 else "default")  # fmt: skip
                yield Button(w("step_cancel", lang), id="step-cancel")

    def on_mount(self) -> None:
        self.query_one("#step-text", Input).focus()

    def _request(self, action: str) -> StepRequest:
        note = self.query_one("#step-text", Input).value.strip() or None
        by = self.query_one("#step-by", Input).value.strip() or None
        return StepRequest(action, note, by)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self._request(NOTE if self.info.recorded else DONE))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        action = (event.button.id or "").removeprefix("step-")
        self.dismiss(None if action == "cancel" else self._request(action))

    def action_cancel(self) -> None:
        self.dismiss(None)
