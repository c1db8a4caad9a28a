"""The after-action record of one incident, as Markdown for people and as JSON for programs.

Markdown: a header table, then every event with its local time and the time elapsed since the
incident opened, then the facts as they stood at the end. ``lang="zh"`` puts each label in
Chinese with the English beside it; ``lang="en"`` gives English labels only. What the dispatcher
typed (titles, notes, orders) is shown as typed.

JSON: the shape documented in docs/journal.md (``format`` / ``version`` say which shape it is).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from firedrill.errors import InputError
from firedrill.incident.fold import fold
from firedrill.journal.labels import Labels, labels, render
from firedrill.journal.models import Event, EventKind
from firedrill.journal.store import Journal
from firedrill.models import Text
from firedrill.procedure.timeline import elapsed_text

JSON_FORMAT = "firedrill-journal"
JSON_VERSION = 1
LANGS = ("zh", "en")


def elapsed_seconds(origin: datetime, at: datetime) -> int:
    """Seconds from the report time (the timeline's origin everywhere) to ``at``; negative before it."""
    return int((at - origin).total_seconds())



def _local_text(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _facts_and_calls(journal: Journal, incident_id: str) -> tuple[dict[str, object], list[datetime], datetime]:
    state = fold(journal.incident(incident_id), journal.events(incident_id))
    facts = {name: value.isoformat() if isinstance(value, datetime) else value for name, value in state.facts.items()}
    return facts, list(state.calls), state.reported_at


def export_data(journal: Journal, incident_id: str) -> dict[str, Any]:
    """The JSON export as a dict of JSON types."""
    incident = journal.incident(incident_id)
    facts, calls, origin = _facts_and_calls(journal, incident_id)
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "incident": incident.model_dump(mode="json"),
        "events": [
            {
                **event.model_dump(mode="json", exclude={"incident_id"}),
                "elapsed_seconds": elapsed_seconds(origin, event.at),
            }
            for event in journal.events(incident_id)
        ],
        "facts": facts,
        "calls": [c.isoformat() for c in calls],
    }


def to_json(journal: Journal, incident_id: str) -> str:
    return json.dumps(export_data(journal, incident_id), ensure_ascii=False, indent=2) + "\n"


def _value(value: object, none: str) -> str:
    if value is None:
        return none
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _named(table: Mapping[Any, Any], key: object, lang: str) -> str:
    """The label of a known key; an unknown one (from a newer firedrill) is shown as stored."""
    entry = table.get(key)
    if entry is None:
        return str(key)
    return render(entry if isinstance(entry, Text) else entry.text, lang)


def _detail(event: Event, lang: str, names: Labels) -> str:
    p = dict(event.payload)

    def h(key: str) -> str:
        return names.heading(key, lang)

    none = h("none")
    parts: list[str] = []
    if event.kind is EventKind.FACT:
        previous = p.pop("previous", None) or {}
        for name, value in (p.pop("changes", None) or {}).items():
            before = previous.get(name)
            shown = f"`{name}` = {_value(value, none)}"
            parts.append(shown if before is None else f"{shown} ({h('previous')}: {_value(before, none)})")
        typed = p.pop("typed", None)
        if typed:
            parts.append(f"{h('typed')}: " + ", ".join(f"{k} “{v}”" for k, v in typed.items()))
    elif event.kind is EventKind.ASSESSMENT:
        parts.append(f"{h('level')}: {_named(names.levels, p.pop('level', None), lang)}")
        parts.append(f"{h('base_level')}: {_named(names.levels, p.pop('base_level', None), lang)}")
        triggers = [
            f"{_named(names.triggers, t, lang)} ({names.triggers[t].clause})" if t in names.triggers else str(t)
            for t in p.pop("triggers", [])
        ]
        parts.append(f"{h('triggers')}: {', '.join(triggers) or none}")
        previous_level = p.pop("previous_level", None)
        if previous_level is not None and previous_level != event.payload.get("level"):
            parts.append(f"{h('previous')}: {_named(names.levels, previous_level, lang)}")
    elif event.kind is EventKind.PROCEDURE:
        parts.append(f"{p.pop('step', '?')}: {_named(names.procedure_states, p.pop('state', None), lang)}")
    elif event.kind is EventKind.STATUS:
        parts.append(_named(names.status_states, p.pop("state", None), lang))
    elif event.kind is EventKind.CALL:
        call_at = p.pop("call_at", None)
        shown = _local_text(datetime.fromisoformat(call_at)) if isinstance(call_at, str) else none
        parts.append(f"{h('call_at')}: {shown}")
    else:
        parts.append(_value(p.pop("text", None), none))
    for key, value in p.items():
        if value is not None:
            label = h(key) if names.has_heading(key) else key
            parts.append(f"{label}: {_value(value, none)}")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(journal: Journal, incident_id: str, lang: str = "zh") -> str:
    """The readable after-action record of one incident."""
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}", field="lang")
    names = labels()

    def h(key: str) -> str:
        return names.heading(key, lang)

    incident = journal.incident(incident_id)
    events = journal.events(incident_id)
    facts, calls, origin = _facts_and_calls(journal, incident_id)
    closed = _local_text(incident.closed_at) if incident.closed_at else h("none")
    header = [
        (h("incident"), incident.id),
        (h("name"), incident.title),
        (h("scenario"), incident.scenario or h("not_set")),
        (h("opened_at"), _local_text(incident.opened_at)),
        (h("closed_at"), closed),
        (h("status"), _named(names.incident_status, incident.status, lang)),
        (h("event_count"), str(len(events))),
    ]
    lines = [f"# {h('title')}: {incident.id}", "", f"| {h('item')} | {h('value')} |", "| --- | --- |"]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in header]
    lines += ["", f"## {h('events')}", ""]
    for event in events:
        when = f"{_local_text(event.at)} ({elapsed_text(event.at - origin)})"
        line = f"- **#{event.seq}** {when} · **{_named(names.kinds, event.kind, lang)}** · "
        line += _detail(event, lang, names).replace("\n", "\n  ")
        if event.actor:
            line += f" · {h('actor')}: {event.actor}"
        lines.append(line)
    lines += ["", f"## {h('facts')}", ""]
    if facts:
        lines += [f"| {h('item')} | {h('value')} |", "| --- | --- |"]
        lines += [f"| `{_cell(k)}` | {_cell(_value(v, h('none')))} |" for k, v in facts.items()]
    else:
        lines.append(h("none"))
    lines += ["", f"## {h('calls')}", ""]
    lines += [f"- {_local_text(c)}" for c in calls] or [h("none")]
    return "\n".join(lines) + "\n"
