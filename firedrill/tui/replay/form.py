"""The drill form: the prompt, a level select, the five trigger boxes of 4.3, the three counts of
4.4.2 (or "the plan sets no scale"), the procedure steps as a checklist and a submit button. It
only shows and reports; the drill screen reads it (``values()``, ``ticked()``), fills the checklist
(``offer``) with the steps of the level chosen, judges it and tells it what went wrong (``show_error``)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from firedrill.models import Level, Trigger
from firedrill.tui.replay.answer import SCALE_FIELDS, FormValues
from firedrill.tui.replay.words import rw
from firedrill.tui.words import word


class DrillForm(Vertical):
    """Hidden until a prompt; ``ask(text)`` clears it, shows it and focuses the level."""

    class Submitted(Message):
        """The trainee pressed the button or Enter in a count."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static("", id="drill-prompt")
        levels = [(word("level", lv.value, lang), lv.value) for lv in Level]
        yield Horizontal(Label(rw("field_level", lang), classes="drill-label"),
                         Select(levels, id="drill-level", prompt=rw("choose_level", lang), compact=True),
                         classes="drill-row")  # fmt: skip
        yield Label(rw("field_triggers", lang), classes="drill-label")
        boxes = [Checkbox(word("trigger", tr.value, lang), id=f"tr-{tr.value}", compact=True, classes="drill-trigger")
                 for tr in Trigger]  # fmt: skip
        yield Vertical(*boxes, classes="drill-triggers")
        counts: list[Label | Input] = []
        for name in SCALE_FIELDS:
            counts += [Input(id=f"drill-{name}", compact=True, classes="drill-count"),
                       Label(rw(name, lang), classes="drill-unit")]  # fmt: skip
        yield Horizontal(Label(rw("field_scale", lang), classes="drill-label"), *counts, classes="drill-row")
        yield Checkbox(rw("plan_sets_none", lang), id="drill-none", compact=True)
        yield Label(rw("field_steps", lang), classes="drill-label drill-steps-label")
        yield Static(rw("steps_hint", lang), id="drill-steps-hint")
        yield SelectionList[str](id="drill-steps", compact=True)
        yield Button(rw("submit", lang), id="drill-submit", compact=True, variant="primary")
        yield Static("", id="drill-error")

    def ask(self, prompt: str) -> None:
        """Show a new, empty form for ``prompt`` and put the cursor on the level."""
        self.query_one("#drill-prompt", Static).update(prompt)
        self.query_one("#drill-level", Select).clear()
        for box in self.query(Checkbox):
            box.value = False
        for field in self.query(Input):
            field.value = ""
        self.offer([])
        self.show_error(None)
        self.display = True
        self.query_one("#drill-level", Select).focus()

    def values(self) -> FormValues:
        level = self.query_one("#drill-level", Select).value
        scale = tuple(self.query_one(f"#drill-{n}", Input).value for n in SCALE_FIELDS)
        return FormValues(
            level=None if level is Select.NULL else str(level),
            triggers=tuple(tr.value for tr in Trigger if self.query_one(f"#tr-{tr.value}", Checkbox).value),
            scale=(scale[0], scale[1], scale[2]),
            plan_sets_none=self.query_one("#drill-none", Checkbox).value,
        )

    def offer(self, steps: list[tuple[str, str]]) -> None:
        """Show ``(step id, label)`` as the checklist; steps still offered keep their tick."""
        checklist = self.query_one("#drill-steps", SelectionList)
        kept = set(checklist.selected)
        checklist.clear_options()
        checklist.add_options([(label, step_id, step_id in kept) for step_id, label in steps])
        checklist.highlighted = 0 if steps else None  # Space ticks the first step once the list has the focus
        checklist.display = bool(steps)
        self.query_one("#drill-steps-hint", Static).display = not steps

    def ticked(self) -> list[str]:
        """The step ids ticked in the checklist."""
        return list(self.query_one("#drill-steps", SelectionList).selected)

    def show_error(self, key: str | None) -> None:
        error = self.query_one("#drill-error", Static)
        error.update(rw(key, self.lang) if key else "")
        error.set_class(key is not None, "-shown")

    @on(Button.Pressed, "#drill-submit")
    @on(Input.Submitted)
    def _submitted(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Submitted())
