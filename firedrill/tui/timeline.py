"""Journal events as timeline lines in one language: time, elapsed since the report, what happened.

The timeline shows only what the journal has acknowledged, so what it lists is on disk. Procedure
steps are named by their title and clause, and a level change says which steps it adds to the
checklist and which it no longer asks for. No Textual.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from firedrill.facts import form_fields, form_value
from firedrill.incident.entry import SPECS, Kind, format_time, raw_from_value
from firedrill.journal import Event, EventKind
from firedrill.playbook.loader import Library
from firedrill.procedure.labels import labels
from firedrill.procedure.state import StepState
from firedrill.tui.checklist import level_changes
from firedrill.tui.clock import elapsed
from firedrill.tui.steps_text import by_name, change_text
from firedrill.tui.words import colon, list_sep, w, word

if TYPE_CHECKING:
    from firedrill.incident.state import IncidentState
    from firedrill.procedure import Catalogue, LevelChange


def show_value(field: str, value: Any, lang: str, library: Library | None) -> str:
    """A fact's value as the dispatcher would say it."""
    spec = SPECS.get(field)
    if spec is None:
        return str(value)
    if value is None or value == [] or value == "":
        return "—"
    if spec.kind is Kind.BOOL:
        return w("yes" if value else "no", lang)
    if spec.kind is Kind.HAZARDS:
        return list_sep(lang).join(word("hazard", h, lang) for h in value)
    if spec.kind is Kind.SITE:
        return word("site_category", str(value), lang)
    if spec.kind is Kind.SCENARIO:
        if library is not None and value in library:
            return library.get(str(value)).name.in_lang(lang)
        return str(value)
    if spec.kind is Kind.TIME:
        return format_time(datetime.fromisoformat(str(value)))
    return str(raw_from_value(field, value))


def _step(p: dict[str, Any], lang: str, catalogue: Catalogue | None) -> str:
    step = catalogue.step(str(p.get("step"))) if catalogue is not None else None
    return f"{step.title.in_lang(lang)} [{step.clause}]" if step is not None else str(p.get("step"))


def describe_step(event: Event, lang: str, catalogue: Catalogue | None) -> str:
    """A procedure tick, skip or undo, or a note on a step."""
    p, c = event.payload, colon(lang)
    if event.kind is EventKind.NOTE:
        return f"{w('tl_note', lang)} {_step(p, lang, catalogue)}{c}{p.get('text') or ''}"
    state = str(p.get("state"))
    said = labels().state(StepState(state), lang) if state in set(StepState) else w("tl_undone", lang)
    text = f"{w('tl_procedure', lang)}{c}{_step(p, lang, catalogue)} — {said}"
    if event.actor:
        text += f" · {by_name(catalogue, event.actor, lang) if catalogue else event.actor}"
    return text + (f" · {p['note']}" if p.get("note") else "")


def describe(event: Event, lang: str, library: Library | None, catalogue: Catalogue | None = None) -> str:
    """What ``event`` records, in ``lang``."""
    p = event.payload
    c = colon(lang)
    if event.kind is EventKind.PROCEDURE or (event.kind is EventKind.NOTE and p.get("step")):
        return describe_step(event, lang, catalogue)
    if event.kind is EventKind.FACT:
        changes, previous, typed = p["changes"], p.get("previous") or {}, p.get("typed") or {}
        parts = []
        for field in form_fields(changes):
            label = w(f"field_{field}", lang) if field in SPECS else field
            new = typed.get(field) or show_value(field, form_value(changes, field), lang, library)
            parts.append(f"{label}{c}{show_value(field, form_value(previous, field), lang, library)} → {new}")
        return list_sep(lang).join(parts)
    if event.kind is EventKind.ASSESSMENT:
        level = word("level", p["level"], lang)
        triggers = list_sep(lang).join(word("trigger", t, lang) for t in p.get("triggers", []))
        text = f"{w('tl_level', lang)}{c}{level}"
        if p.get("previous_level") and p["previous_level"] != p["level"]:
            text = f"{w('tl_level_change', lang)}{c}{word('level', p['previous_level'], lang)} → {level}"
        return text + (f" ({triggers})" if triggers else "")
    if event.kind is EventKind.CALL:
        return f"{w('tl_call', lang)} {format_time(datetime.fromisoformat(p['call_at']))[-5:]}"
    if event.kind is EventKind.ALERT:
        text = str(p["text_en"] if lang == "en" and p.get("text_en") else p["text"])
        return f"{w('tl_alert', lang)}{c}{text}"
    if event.kind is EventKind.ORDER:
        first = str(p["text"]).splitlines()[0] if p.get("text") else ""
        return f"{w('tl_order', lang)}{c}{first}"
    if event.kind is EventKind.CLOCK:
        when = f"{datetime.fromisoformat(p['scenario_at']):%H:%M:%S}" if p.get("scenario_at") else ""
        rate = p.get("rate")
        speed = f" ×{rate:g}" if isinstance(rate, int | float) and rate > 0 else ""  # none while paused
        return f"{w('tl_clock', lang)}{c}{w('tl_clock_' + str(p.get('change') or 'set'), lang)} {when}{speed}"
    if event.kind is EventKind.STATUS:
        return w(f"tl_status_{p['state']}", lang) + (f" ({p['reason']})" if p.get("reason") else "")
    text = str(p.get("text") or p.get("step") or "")
    return f"{event.kind.value}{c}{text}"


def timeline_lines(state: IncidentState, reported_at: datetime, lang: str, library: Library | None,
                   catalogue: Catalogue | None = None) -> list[str]:  # fmt: skip
    """One line per event, oldest first: local time, elapsed since the report, description.

    With the procedure's ``catalogue``, a level change also says what it changes in the checklist.
    """
    changes: dict[int, LevelChange] = {}
    if catalogue is not None:
        changes = level_changes(state.levels, catalogue)
    lines = []
    for e in state.events:
        text = describe(e, lang, library, catalogue)
        if e.seq in changes:
            text += f" · {change_text(changes[e.seq], lang)}"
        lines.append(f"{e.at.strftime('%H:%M:%S')} {elapsed(reported_at, e.at)}  {text}")
    return lines
