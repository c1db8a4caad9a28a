"""The incident intake form: one row per field of ``firedrill.incident.entry``, in Tab order.

The form only reports: ``Edited`` when a field's content changes, ``Left`` when the dispatcher
leaves a field (the screen then records at once) and ``ScenarioWanted``/``CallWanted`` for its
buttons. The screen tells it what to show: values, errors, what is recorded, the language.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from firedrill.incident.entry import DEFAULT_SITE, FIELDS, HAZARDS, SITE_CATEGORIES, TEXT_INPUT_KINDS, FieldSpec, Kind
from firedrill.incident.entry import SPECS as SPECS_BY_ID
from firedrill.tui.widgets.field_input import FieldInput, KeyGate
from firedrill.tui.words import w, word

if TYPE_CHECKING:
    from textual.widgets import Checkbox, Select

# Rows composed with the first screen; the others are mounted right after it is drawn. Two text
# rows: the scenario row's button would cost the first frame its styles (several milliseconds).
FIRST_ROWS = 2  # location, map point
MARKS = {"pending": "…", "recorded": "✓", "error": "✗", "": " "}


class IntakeForm(KeyGate, VerticalScroll):
    """The form; the screen owns the values, the form shows them."""

    # PageDown/PageUp from the form scroll the panel in view, not the form (↑↓ and the mouse do that).
    BINDINGS: ClassVar[list[BindingType]] = [Binding("pagedown", "screen.scroll_panel(1)", show=False),
                                             Binding("pageup", "screen.scroll_panel(-1)", show=False)]  # fmt: skip

    class Edited(Message):
        def __init__(self, field: str, raw: Any) -> None:
            super().__init__()
            self.field = field
            self.raw = raw

    class Left(Message):
        """Focus left a field: time to record what was typed."""

    class ScenarioWanted(Message):
        pass

    class CallWanted(Message):
        pass

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self._shown: dict[str, tuple[str, str | None, str]] = {}
        self.built = False
        self._whole = asyncio.Event()  # set once the later rows are mounted
        self._calls = -1
        self._read_only = False
        # The form's own widgets, kept as they are made (the form never looks them up by id).
        self.controls: dict[str, Widget] = {}  # by field (a hazard's box by "hz-<hazard>")
        self._labels: dict[str, Label] = {}
        self._marks: dict[str, Static] = {}
        self._errors: dict[str, Static] = {}
        self._hint: Static | None = None
        self._calls_label: Label | None = None
        self._calls_count: Static | None = None
        self._add_call: Button | None = None

    def compose(self) -> ComposeResult:
        for spec in FIELDS[:FIRST_ROWS]:
            yield from self._row(spec)

    async def build_rest(self) -> None:
        """Mount the rows after the first ones (called once the first screen is drawn)."""
        from firedrill.tui.widgets.field_controls import FieldButton

        widgets = [widget for spec in FIELDS[FIRST_ROWS:] for widget in self._row(spec)]
        self._calls_label = Label(w("field_calls", self.lang), id="label-calls", classes="field-label")
        self._calls_count = Static("0", id="calls-count", classes="calls-count")
        self._add_call = FieldButton(w("add_call", self.lang), id="add-call", compact=True)
        try:
            await self.mount(*widgets, Horizontal(self._calls_label, self._calls_count, self._add_call, classes="row"))
        finally:
            self.built = True
            self._whole.set()

    async def keys_open(self) -> None:
        """A bound key (Tab, Enter …) acts once every row is there: the field it moves to exists."""
        await self._whole.wait()

    def _row(self, spec: FieldSpec) -> list[Widget]:
        """The widgets of one field: its row and the line for its error message."""
        from firedrill.tui.widgets.field_controls import FieldCheckbox

        label = self._labels[spec.id] = Label(w(f"field_{spec.id}", self.lang), id=f"label-{spec.id}",
                                              classes="field-label")  # fmt: skip
        mark = self._marks[spec.id] = Static(" ", id=f"mark-{spec.id}", classes="mark")
        error = self._errors[spec.id] = Static("", id=f"err-{spec.id}", classes="field-error")
        if spec.kind is Kind.BOOL:
            box = self.controls[spec.id] = FieldCheckbox(self._box_label(f"in-{spec.id}", False), id=f"in-{spec.id}",
                                                         compact=True)  # fmt: skip
            return [Horizontal(box, mark, classes="row"), error]
        if spec.kind is Kind.HAZARDS:
            boxes = [FieldCheckbox(self._box_label(f"hz-{h}", False), id=f"hz-{h}", compact=True) for h in HAZARDS]
            self.controls.update((box.id or "", box) for box in boxes)
            # 1.4 counts a danger that has occurred or may occur at any moment, not a theoretical risk.
            hint = self._hint = Static(w("hint_hazards", self.lang), id="hint-hazards", classes="field-hint")
            return [Horizontal(label, hint, mark, classes="row"), Horizontal(*boxes, classes="row hazards"), error]
        control = self.controls[spec.id] = self._control(spec)
        return [Horizontal(label, control, mark, classes="row"), error]

    def _control(self, spec: FieldSpec) -> Widget:
        from firedrill.tui.widgets.field_controls import FieldButton, FieldSelect

        if spec.kind is Kind.SITE:
            return FieldSelect(self._site_options(), id=f"in-{spec.id}", allow_blank=False, compact=True,
                          value=DEFAULT_SITE)  # fmt: skip
        if spec.kind is Kind.SCENARIO:
            return FieldButton(w("no_scenario", self.lang), id=f"in-{spec.id}", compact=True, classes="scenario")
        return FieldInput(placeholder=w(f"hint_{spec.id}", self.lang), id=f"in-{spec.id}", compact=True)

    def _site_options(self) -> list[tuple[str, str]]:
        return [(word("site_category", s, self.lang), s) for s in SITE_CATEGORIES]

    # --- messages up ----------------------------------------------------------------------------

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id and event.input.id.startswith("in-"):
            self.post_message(self.Edited(event.input.id[3:], event.value))

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _input_left(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        self.post_message(self.Left())

    def _box_label(self, box_id: str, value: bool) -> str:
        """A check box says its state in words (有/无, 是/否), not only by the colour of its X; the word
        comes first, so that it stays in view when a long name is cut at 80 columns."""
        if box_id.startswith("hz-"):
            return f"{w('box_present' if value else 'box_absent', self.lang)} {word('hazard', box_id[3:], self.lang)}"
        return f"{w('box_yes' if value else 'box_no', self.lang)} {w(f'field_{box_id[3:]}', self.lang)}"

    def _say_boxes(self) -> None:
        for key in self.controls:
            if not key.startswith("hz-") and SPECS_BY_ID[key].kind is not Kind.BOOL:
                continue
            box = self._box(key)
            label = self._box_label(box.id or "", box.value)
            if str(box.label) != label:
                box.label = label

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:

        event.stop()
        box_id = event.checkbox.id or ""
        event.checkbox.label = self._box_label(box_id, event.value)
        if box_id.startswith("hz-"):
            chosen = {h for h in HAZARDS if self._box(f"hz-{h}").value}
            self.post_message(self.Edited("hazards", [h for h in HAZARDS if h in chosen]))
        elif box_id.startswith("in-"):
            self.post_message(self.Edited(box_id[3:], event.value))
        self.post_message(self.Left())

    def on_select_changed(self, event: Select.Changed) -> None:
        from textual.widgets import Select

        event.stop()
        if event.value is not Select.NULL:
            self.post_message(self.Edited("site_category", event.value))
            self.post_message(self.Left())

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "in-scenario":
            self.post_message(self.ScenarioWanted())
        elif event.button.id == "add-call":
            self.post_message(self.CallWanted())

    # --- attributes down ------------------------------------------------------------------------

    def _specs(self) -> tuple[FieldSpec, ...]:
        """The fields whose rows are mounted (the first ones only, until ``build_rest``)."""
        return FIELDS if self.built else FIELDS[:FIRST_ROWS]

    def fill(self, values: Mapping[str, Any], scenario_name: str | None) -> None:
        """Show ``values`` (raw contents by field) without reporting them back as edits."""
        quiet: list[type[Message]] = [Input.Changed]
        if self.built:
            from textual.widgets import Checkbox, Select

            quiet += [Checkbox.Changed, Select.Changed]
        with self.prevent(*quiet):
            for spec in self._specs():
                value = values.get(spec.id)
                if spec.kind in TEXT_INPUT_KINDS:
                    control = self._input(spec.id)
                    if control.value != (value or ""):
                        control.value = value or ""
                elif spec.kind is Kind.BOOL:
                    self._box(spec.id).value = bool(value)
                elif spec.kind is Kind.HAZARDS:
                    for hazard in HAZARDS:
                        self._box(f"hz-{hazard}").value = hazard in (value or [])
                elif spec.kind is Kind.SITE and value:
                    self._select().value = value
        if self.built:
            self._say_boxes()
            self._scenario().label = scenario_name or w("no_scenario", self.lang)

    def raw_values(self) -> dict[str, Any]:
        """What the form holds now (used for what was typed before the engine was ready)."""
        values: dict[str, Any] = {}
        for spec in self._specs():
            if spec.kind in TEXT_INPUT_KINDS:
                values[spec.id] = self._input(spec.id).value
            elif spec.kind is Kind.BOOL:
                values[spec.id] = self._box(spec.id).value
            elif spec.kind is Kind.HAZARDS:
                values[spec.id] = [h for h in HAZARDS if self._box(f"hz-{h}").value]
        return values

    def show_state(self, errors: Mapping[str, str], pending: set[str], recorded: set[str]) -> None:
        """Mark each field: error (with its message), typed but not yet recorded, or recorded."""
        for spec in self._specs():
            state = ("error" if spec.id in errors else "pending" if spec.id in pending
                     else "recorded" if spec.id in recorded else "")  # fmt: skip
            shown = (state, errors.get(spec.id), self.lang)
            if self._shown.get(spec.id) == shown:
                continue  # unchanged: no update, no new layout
            self._shown[spec.id] = shown
            mark = self._marks[spec.id]
            mark.update(MARKS[state], layout=False)
            mark.set_classes(f"mark -{state}" if state else "mark")
            message = self._errors[spec.id]
            code = errors.get(spec.id)
            text = w(f"error_{code}", self.lang) if code else ""
            if str(message.content) != text:
                message.update(text)  # a new height only when shown (the empty line is not displayed)
            message.set_class(code is not None, "-shown")
            if spec.kind in TEXT_INPUT_KINDS:
                self._input(spec.id).set_class(code is not None, "-bad")

    def set_read_only(self, read_only: bool) -> None:
        """After the emergency is declared over the facts stay as recorded: every control is disabled."""
        if read_only == self._read_only:
            return
        self._read_only = read_only
        for control in [*self.controls.values(), *([self._add_call] if self._add_call else [])]:
            control.disabled = read_only

    def set_calls(self, count: int) -> None:
        if count != self._calls and self._calls_count is not None:
            self._calls = count
            self._calls_count.update(str(count), layout=False)

    def set_lang(self, lang: str, scenario_name: str | None) -> None:
        from textual.widgets import Select  # mounted by build_rest, imported with it

        self.lang = lang
        self._shown.clear()
        for spec in self._specs():
            if spec.kind is Kind.BOOL:
                continue  # said with its state below
            self._labels[spec.id].update(w(f"field_{spec.id}", lang))
            if spec.kind in TEXT_INPUT_KINDS:
                self._input(spec.id).placeholder = w(f"hint_{spec.id}", lang)
            if spec.kind is Kind.HAZARDS and self._hint is not None:
                self._hint.update(w("hint_hazards", lang))
        if self.built:
            self._scenario().label = scenario_name or w("no_scenario", lang)
            site = self._select()
            with self.prevent(Select.Changed):
                current = site.value
                site.set_options(self._site_options())
                site.value = current
            self._say_boxes()
            if self._calls_label is not None and self._add_call is not None:
                self._calls_label.update(w("field_calls", lang))
                self._add_call.label = w("add_call", lang)

    def focus_field(self, field: str) -> None:
        """Focus a field at once (``Widget.focus`` waits a turn, and keys in that turn would go astray)."""
        self.screen.set_focus(self.controls[field])

    # --- the form's own widgets -----------------------------------------------------------------

    def _input(self, field: str) -> Input:
        return cast("Input", self.controls[field])

    def _box(self, key: str) -> Checkbox:
        return cast("Checkbox", self.controls[key])

    def _select(self) -> Select[str]:
        return cast("Select[str]", self.controls["site_category"])

    def _scenario(self) -> Button:
        return cast("Button", self.controls["scenario"])
