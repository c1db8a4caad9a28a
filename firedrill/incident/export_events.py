"""One event of the after-action record in words: each kind says what happened, in labels.

Only what a reader needs is said; keys kept for programs (the display language of an order, the
clause list of an assessment, an alert's code) stay in the JSON export, which holds every event whole.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import Any

from firedrill.facts import TIME_FACTS
from firedrill.i18n import label
from firedrill.incident.export_values import fact_label, fact_value, moment
from firedrill.journal.labels import Labels, labels, render
from firedrill.journal.models import Event, EventKind
from firedrill.models import Trigger
from firedrill.playbook.loader import Library
from firedrill.procedure.schema import Catalogue
from firedrill.timeutil import to_local


def _named(table: dict[Any, Any], key: object, lang: str) -> str:
    """The label of a known key; an unknown one (from a newer firedrill) is shown as stored."""
    entry = table.get(key)
    if entry is None:
        return str(key)
    return render(entry.text if hasattr(entry, "text") else entry, lang)


def level_text(names: Labels, level: object, lang: str) -> str:
    return _named(names.levels, level, lang)


def trigger_text(names: Labels, trigger: str, lang: str) -> str:
    try:
        cited = names.triggers[Trigger(trigger)]
    except (ValueError, KeyError):
        return trigger  # from a newer firedrill: shown as stored
    return f"{render(cited.text, lang)} ({cited.clause})"


def step_text(catalogue: Catalogue, step_id: object, lang: str) -> str:
    step = catalogue.step(str(step_id))
    return f"{step.clause} {render(step.title, lang)}" if step is not None else str(step_id)


class Describer:
    """Says events of one incident, with its time origin, playbooks and procedure steps."""

    def __init__(self, origin: datetime, lang: str, library: Library | None, catalogue: Catalogue) -> None:
        self.origin, self.lang, self.library, self.catalogue = origin, lang, library, catalogue
        self.names = labels()

    def h(self, key: str) -> str:
        return self.names.heading(key, self.lang)

    def value(self, name: str, value: Any) -> str:
        if name in TIME_FACTS and isinstance(value, str):
            with suppress(ValueError):  # not a time (a hand-edited journal): shown as stored
                value = to_local(datetime.fromisoformat(value))
        return fact_value(name, value, self.lang, self.origin, self.library)

    def _fact(self, p: dict[str, Any]) -> list[str]:
        previous = p.get("previous") or {}
        parts = []
        for name, value in (p.get("changes") or {}).items():
            shown = f"{fact_label(name, self.lang, self.names)}: {self.value(name, value)}"
            before = previous.get(name)
            parts.append(shown if before is None else f"{shown} ({self.h('previous')}: {self.value(name, before)})")
        typed = p.get("typed") or {}
        if typed:
            said = ", ".join(f"{fact_label(k, self.lang, self.names)} “{v}”" for k, v in typed.items())
            parts.append(f"{self.h('typed')}: {said}")
        return parts

    def _assessment(self, p: dict[str, Any]) -> list[str]:
        triggers = [trigger_text(self.names, str(t), self.lang) for t in p.get("triggers") or ()]
        response, grade = (render(label("report", key), self.lang) for key in ("response_level", "accident_grade"))
        parts = [
            f"{response}: {level_text(self.names, p.get('level'), self.lang)}",
            f"{grade}: {level_text(self.names, p.get('base_level'), self.lang)}",
            f"{self.h('triggers')}: {', '.join(triggers) or self.h('none')}",
        ]
        previous = p.get("previous_level")
        if previous is not None and previous != p.get("level"):
            parts.append(f"{self.h('previous')}: {level_text(self.names, previous, self.lang)}")
        return parts

    def detail(self, event: Event) -> str:
        """What the event says, in one line of labels (multi-line text kept as written)."""
        p = dict(event.payload)
        kind = event.kind
        if kind is EventKind.FACT:
            parts = self._fact(p)
        elif kind is EventKind.ASSESSMENT:
            parts = self._assessment(p)
        elif kind is EventKind.PROCEDURE:
            parts = [f"{step_text(self.catalogue, p.get('step'), self.lang)}: "
                     f"{_named(self.names.procedure_states, p.get('state'), self.lang)}"]  # fmt: skip
        elif kind is EventKind.STATUS:
            parts = [_named(self.names.status_states, p.get("state"), self.lang)]
            parts += [f"{self.h('reason')}: {p['reason']}"] if p.get("reason") else []
        elif kind is EventKind.CALL:
            call_at = p.get("call_at")
            when = moment(to_local(datetime.fromisoformat(call_at)), self.origin) if isinstance(call_at, str) else "?"
            parts = [f"{self.h('call_at')}: {when}"]
            parts += [f"{self.h('location')}: {p['location']}"] if p.get("location") else []
        elif kind is EventKind.CLOCK:  # the exercise clock's new anchor, as recorded
            parts = [f"{key}: {p[key]}" for key in ("change", "scenario_at", "rate", "speed", "real_at") if key in p]
        elif kind is EventKind.ALERT:
            parts = [str(p.get("text_en") or p.get("text")) if self.lang == "en" else str(p.get("text"))]
        else:  # order, note: the text as written
            parts = [str(p.get("text", ""))]
            if p.get("new_units"):
                parts.append(f"{self.h('units')}: {', '.join(str(u) for u in p['new_units'])}")
        if kind in (EventKind.NOTE, EventKind.PROCEDURE) and p.get("note" if kind is EventKind.PROCEDURE else "step"):
            extra = p["note"] if kind is EventKind.PROCEDURE else step_text(self.catalogue, p["step"], self.lang)
            parts.append(f"{self.h('note' if kind is EventKind.PROCEDURE else 'step')}: {extra}")
        return "; ".join(parts)

    def kind(self, event: Event) -> str:
        return _named(self.names.kinds, event.kind, self.lang)
