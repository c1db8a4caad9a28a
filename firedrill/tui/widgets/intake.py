"""The incident intake form: one row per field of ``firedrill.incident.entry``, in Tab order.

The form only reports: ``Edited`` when a field's content changes, ``Left`` when the dispatcher
leaves a field (the screen then records at once) and ``ScenarioWanted``/``CallWanted`` for its
buttons. The screen tells it what to show: values, errors, what is recorded, the language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from firedrill.incident.entry import FIELDS, HAZARDS, SITE_CATEGORIES, TEXT_INPUT_KINDS, FieldSpec, Kind
from firedrill.tui.widgets.field_input import FieldInput
from firedrill.tui.words import w, word

if TYPE_CHECKING:
    from textual.widgets import Checkbox, Select

# Rows composed with the first screen; the others are mounted right after it is drawn. Two text
# rows: the scenario row's button would cost the first frame its styles (several milliseconds).
FIRST_ROWS = 2  # location, map point
MARKS = {"pending": "…", "recorded": "✓", "error": "✗", "": " "}


class IntakeForm(VerticalScroll):
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
        self._calls = -1
        self._read_only = False

    def compose(self) -> ComposeResult:
        for spec in FIELDS[:FIRST_ROWS]:
            yield from self._row(spec)

    async def build_rest(self) -> None:
        """Mount the rows after the first ones (called once the first screen is drawn)."""
        from firedrill.tui.widgets.field_controls import FieldButton

        widgets = [widget for spec in FIELDS[FIRST_ROWS:] for widget in self._row(spec)]
        calls = Horizontal(
            Label(w("field_calls", self.lang), id="label-calls", classes="field-label"),
            Static("0", id="calls-count", classes="calls-count"),
            FieldButton(w("add_call", self.lang), id="add-call", compact=True),
            classes="row",
        )
        await self.mount(*widgets, calls)
        self.built = True

    def _row(self, spec: FieldSpec) -> list[Widget]:
        """The widgets of one field: its row and the line for its error message."""
        from firedrill.tui.widgets.field_controls import FieldCheckbox

        label = Label(w(f"field_{spec.id}", self.lang), id=f"label-{spec.id}", classes="field-label")
        mark = Static(" ", id=f"mark-{spec.id}", classes="mark")
        error = Static("", id=f"err-{spec.id}", classes="field-error")
        if spec.kind is Kind.BOOL:
            box = FieldCheckbox(self._box_label(f"in-{spec.id}", False), id=f"in-{spec.id}", compact=True)
            return [Horizontal(box, mark, classes="row"), error]
        if spec.kind is Kind.HAZARDS:
            boxes = [FieldCheckbox(self._box_label(f"hz-{h}", False), id=f"hz-{h}", compact=True) for h in HAZARDS]
            return [Horizontal(label, mark, classes="row"), Horizontal(*boxes, classes="row hazards"), error]
        return [Horizontal(label, self._control(spec), mark, classes="row"), error]

    def _control(self, spec: FieldSpec) -> Widget:
        from firedrill.tui.widgets.field_controls import FieldButton, FieldSelect

        if spec.kind is Kind.SITE:
            return FieldSelect(self._site_options(), id=f"in-{spec.id}", allow_blank=False, compact=True,
                          value="ordinary_building")  # fmt: skip
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
        from textual.widgets import Checkbox

        for box in self.query(Checkbox):
            label = self._box_label(box.id or "", box.value)
            if str(box.label) != label:
                box.label = label

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        from textual.widgets import Checkbox

        event.stop()
        box_id = event.checkbox.id or ""
        event.checkbox.label = self._box_label(box_id, event.value)
        if box_id.startswith("hz-"):
            chosen = {h for h in HAZARDS if self.query_one(f"#hz-{h}", Checkbox).value}
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
                    control = self.query_one(f"#in-{spec.id}", Input)
                    if control.value != (value or ""):
                        control.value = value or ""
                elif spec.kind is Kind.BOOL:
                    self.query_one(f"#in-{spec.id}", Checkbox).value = bool(value)
                elif spec.kind is Kind.HAZARDS:
                    for hazard in HAZARDS:
                        self.query_one(f"#hz-{hazard}", Checkbox).value = hazard in (value or [])
                elif spec.kind is Kind.SITE and value:
                    self.query_one(f"#in-{spec.id}", Select).value = value
        if self.built:
            self._say_boxes()
            self.query_one("#in-scenario", Button).label = scenario_name or w("no_scenario", self.lang)

    def raw_values(self) -> dict[str, Any]:
        """What the form holds now (used for what was typed before the engine was ready)."""
        values: dict[str, Any] = {}
        for spec in self._specs():
            if spec.kind in TEXT_INPUT_KINDS:
                values[spec.id] = self.query_one(f"#in-{spec.id}", Input).value
            elif spec.kind is Kind.BOOL:
                values[spec.id] = self.query_one(f"#in-{spec.id}").value  # type: ignore[attr-defined]
            elif spec.kind is Kind.HAZARDS:
                values[spec.id] = [h for h in HAZARDS if self.query_one(f"#hz-{h}").value]  # type: ignore[attr-defined]
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
            mark = self.query_one(f"#mark-{spec.id}", Static)
            mark.update(MARKS[state], layout=False)
            mark.set_classes(f"mark -{state}" if state else "mark")
            message = self.query_one(f"#err-{spec.id}", Static)
            code = errors.get(spec.id)
            message.update(w(f"error_{code}", self.lang) if code else "")
            message.set_class(code is not None, "-shown")
            if spec.kind in TEXT_INPUT_KINDS:
                self.query_one(f"#in-{spec.id}", Input).set_class(code is not None, "-bad")

    def set_read_only(self, read_only: bool) -> None:
        """After the emergency is declared over the facts stay as recorded: every control is disabled."""
        if read_only == self._read_only:
            return
        self._read_only = read_only
        for control in self.query("Input, Checkbox, Select, Button"):
            control.disabled = read_only

    def set_calls(self, count: int) -> None:
        if count != self._calls and self.built:
            self._calls = count
            self.query_one("#calls-count", Static).update(str(count), layout=False)

    def set_lang(self, lang: str, scenario_name: str | None) -> None:
        from textual.widgets import Select  # mounted by build_rest, imported with it

        self.lang = lang
        self._shown.clear()
        for spec in self._specs():
            if spec.kind is Kind.BOOL:
                continue  # said with its state below
            self.query_one(f"#label-{spec.id}", Label).update(w(f"field_{spec.id}", lang))
            if spec.kind in TEXT_INPUT_KINDS:
                self.query_one(f"#in-{spec.id}", Input).placeholder = w(f"hint_{spec.id}", lang)
        if self.built:
            self.query_one("#in-scenario", Button).label = scenario_name or w("no_scenario", lang)
            site = self.query_one("#in-site_category", Select)
            with self.prevent(Select.Changed):
                current = site.value
                site.set_options(self._site_options())
                site.value = current
            self._say_boxes()
            self.query_one("#label-calls", Label).update(w("field_calls", lang))
            self.query_one("#add-call", Button).label = w("add_call", lang)

    def focus_field(self, field: str) -> None:
        """Focus a field at once (``Widget.focus`` waits a turn, and keys in that turn would go astray)."""
        self.screen.set_focus(self.query_one(f"#in-{field}"))
