"""The playbook's calculators as small forms: oil-tank cooling water, epidemic warning zones,
metro team sizes, and the theatre collapse window (counted from the incident's ignition time).

Only the calculators whose parameters the shown playbook carries are visible. Results come from
``firedrill.playbook.calculators`` and are rendered by ``firedrill.playbook.render``.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from firedrill.errors import InputError
from firedrill.tui.widgets.field_input import FieldInput
from firedrill.tui.widgets.panel import WrapStatic
from firedrill.tui.words import w

if TYPE_CHECKING:
    from firedrill.playbook.schema import Playbook

TANK_INPUTS = ("diameter", "height", "neighbours")


def _number(text: str, *, whole: bool = False, positive: bool = False) -> float:
    """A non-negative number typed into a calculator; ValueError carries the console error code."""
    raw = text.strip()
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("whole" if whole else "number") from None
    if not math.isfinite(value):
        raise ValueError("too_large" if value == value else "number")  # inf (1e309, 320 digits) or nan
    if value < 0:
        raise ValueError("negative")
    if whole and value != int(value):
        raise ValueError("whole")
    if positive and value == 0:
        raise ValueError("positive")
    return value


class CalculatorForm(VerticalScroll):
    """The screen passes the playbook, the language and the clock; the form computes on each keystroke."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.playbook: Playbook | None = None
        self.ignition: datetime | None = None
        self.now: datetime | None = None
        self.from_report = True

    def compose(self) -> ComposeResult:
        yield Static("", id="calc-none", classes="calc-note")
        with Vertical(id="calc-tank", classes="calc"):
            yield Label("", classes="calc-title", id="calc-tank-title")
            for name in TANK_INPUTS:
                with Horizontal(classes="row"):
                    yield Label("", id=f"calc-label-{name}", classes="field-label")
                    yield FieldInput(id=f"calc-{name}", compact=True)
            with Horizontal(classes="row"):
                yield Label("", id="calc-label-reading", classes="field-label")
                yield Select([], id="calc-reading", compact=True)
            yield WrapStatic(id="calc-tank-result", classes="calc-result")
        with Vertical(id="calc-zone", classes="calc"):
            yield Label("", classes="calc-title", id="calc-zone-title")
            with Horizontal(classes="row"):
                yield Label("", id="calc-label-distance", classes="field-label")
                yield FieldInput(id="calc-distance", compact=True)
            yield WrapStatic(id="calc-zone-result", classes="calc-result")
        with Vertical(id="calc-metro", classes="calc"):
            yield Label("", classes="calc-title", id="calc-metro-title")
            with Horizontal(classes="row"):
                yield Label("", id="calc-label-attackers", classes="field-label")
                yield FieldInput(id="calc-attackers", compact=True)
            yield WrapStatic(id="calc-metro-result", classes="calc-result")
        with Vertical(id="calc-collapse", classes="calc"):
            yield Label("", classes="calc-title", id="calc-collapse-title")
            yield WrapStatic(id="calc-collapse-result", classes="calc-result")

    def _has(self, parameter: str) -> bool:
        return self.playbook is not None and any(p.id == parameter for p in self.playbook.parameters)

    def show(self, playbook: Playbook | None, lang: str) -> None:
        from firedrill.playbook.settings import load_settings

        self.playbook, self.lang = playbook, lang
        settings = load_settings()
        shown = {
            "tank": self._has(settings.tank_cooling.burning_parameter),
            "zone": self._has(settings.warning_zone.zones[0]),
            "metro": self._has(settings.metro_teams.recon_group_count),
            "collapse": self._has(settings.collapse_window.parameter),
        }
        for name, visible in shown.items():
            self.query_one(f"#calc-{name}").display = visible
            self.query_one(f"#calc-{name}-title", Label).update(w(f"calc_{name}", lang))
        none = self.query_one("#calc-none", Static)
        none.display = not any(shown.values())
        none.update(w("calc_none", lang))
        for name in (*TANK_INPUTS, "reading", "distance", "attackers"):
            self.query_one(f"#calc-label-{name}", Label).update(w(f"calc_{name}", lang))
        reading = self.query_one("#calc-reading", Select)
        current = reading.value
        options = [(r.name.in_lang(lang), r.id) for r in settings.tank_cooling.readings]
        with self.prevent(Select.Changed):
            reading.set_options(options)
            reading.value = current if current in [o[1] for o in options] else settings.tank_cooling.default_reading
        self.recompute()

    def set_clock(self, ignition: datetime, now: datetime, from_report: bool) -> None:
        self.ignition, self.now, self.from_report = ignition, now, from_report
        if self.query_one("#calc-collapse").display:
            self._collapse()

    def focus_first(self) -> None:
        """Focus the first input of a visible calculator, if any."""
        for calc in self.query(".calc"):
            if calc.display:
                for field in calc.query(Input):
                    field.focus()
                    return

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        self.recompute()

    def recompute(self) -> None:
        if self.playbook is None:
            return
        for name, compute in (("tank", self._tank), ("zone", self._zone), ("metro", self._metro)):
            try:
                compute()
            except (OverflowError, ValueError):  # a finite number whose result is not (1e300 m)
                self._result(name, [w("error_too_large", self.lang)])
        self._collapse()

    def _result(self, name: str, lines: list[str]) -> None:
        self.query_one(f"#calc-{name}-result", WrapStatic).set_content("\n".join(lines))

    def _value(self, name: str, **kind: bool) -> float | None:
        text = self.query_one(f"#calc-{name}", Input).value
        return _number(text, **kind) if text.strip() else None

    def _tank(self) -> None:
        from firedrill.playbook.calculators import tank_cooling
        from firedrill.playbook.render import render_cooling

        if not self.query_one("#calc-tank").display or self.playbook is None:
            return
        try:
            d = self._value("diameter", positive=True)
            h = self._value("height", positive=True)
            n = self._value("neighbours", whole=True) or 0
        except ValueError as exc:
            self._result("tank", [w(f"error_{exc}", self.lang)])
            return
        if d is None:
            self._result("tank", [w("calc_tank_hint", self.lang)])
            return
        chosen = self.query_one("#calc-reading", Select).value
        reading = str(chosen) if chosen is not Select.NULL else None
        try:  # the height is needed only by the per-square-metre reading
            result = tank_cooling(self.playbook, d, h, int(n), reading)
        except InputError as exc:
            hint = "calc_tank_hint" if exc.field == "height" else None
            self._result("tank", [w(hint, self.lang) if hint else exc.message])
            return
        self._result("tank", render_cooling(result, self.lang))

    def _zone(self) -> None:
        from firedrill.playbook.calculators import warning_zone
        from firedrill.playbook.render import render_zone

        if not self.query_one("#calc-zone").display or self.playbook is None:
            return
        try:
            distance = self._value("distance")
        except ValueError as exc:
            self._result("zone", [w(f"error_{exc}", self.lang)])
            return
        if distance is None:
            self._result("zone", [w("calc_zone_hint", self.lang)])
            return
        self._result("zone", render_zone(warning_zone(self.playbook, distance), self.lang))

    def _metro(self) -> None:
        from firedrill.playbook.calculators import metro_teams
        from firedrill.playbook.render import render_teams

        if not self.query_one("#calc-metro").display or self.playbook is None:
            return
        try:
            attackers = self._value("attackers", whole=True)
        except ValueError as exc:
            self._result("metro", [w(f"error_{exc}", self.lang)])
            return
        try:
            result = metro_teams(self.playbook, int(attackers) if attackers is not None else None)
        except InputError:  # too few to form a team (InputError is a ValueError: caught on its own)
            self._result("metro", [w("calc_metro_too_few", self.lang)])
            return
        self._result("metro", render_teams(result, self.lang))

    def _collapse(self) -> None:
        from firedrill.playbook.calculators import collapse_window
        from firedrill.playbook.render import render_collapse

        if not self.query_one("#calc-collapse").display or self.playbook is None:
            return
        if self.ignition is None or self.now is None:
            return
        if self.now < self.ignition:
            self._result("collapse", [w("calc_collapse_future", self.lang)])
            return
        basis = w("alert_from_report" if self.from_report else "alert_from_ignition", self.lang)
        lines = render_collapse(collapse_window(self.playbook, self.ignition, self.now), self.lang)
        self._result("collapse", [*lines, basis])
