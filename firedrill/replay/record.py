"""Record → script: an incident worked live in the journal becomes a scenario script.

``fact`` events become the start incident (those at the opening time) and injects (later ones),
``call`` events become calls at their call times, ``note`` events become messages, ``order``
events the expected action, and every ``assessment`` event an expectation — so replaying the
script re-checks each decision taken live. docs/scenarios.md lists the readings.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

import yaml

from firedrill.errors import InputError
from firedrill.journal import Event, EventKind, Journal
from firedrill.replay.schema import FactUpdate, FlagUpdate, StartIncident, WeatherUpdate
from firedrill.replay.timespec import format_offset
from firedrill.timeutil import to_local

BLOCKS: dict[str, tuple[str, ...]] = {
    "incident": tuple(FactUpdate.model_fields),
    "weather": tuple(WeatherUpdate.model_fields),
    "flags": tuple(FlagUpdate.model_fields),
}
START_ONLY = ("reported_at",)
IGNORED = ("scenario",)


def _block_of(field: str) -> str | None:
    return next((name for name, fields in BLOCKS.items() if field in fields), None)


def _script_id(incident_id: str) -> str:
    return "record-" + "".join(c if c.isalnum() else "-" for c in incident_id.lower())


class _Builder:
    def __init__(self, start: datetime) -> None:
        self.start = start
        self.injects: dict[datetime, dict[str, Any]] = defaultdict(dict)
        self.initial: dict[str, Any] = {}
        self.skipped: list[str] = []
        self.location: str | None = None

    def fact(self, event: Event) -> None:
        field, value = event.payload["field"], event.payload["value"]
        if field == "location" and isinstance(value, str):
            self.location = value
            return
        block = _block_of(field)
        if field in IGNORED:
            return
        if event.at == self.start and (block is not None or field in START_ONLY):
            self.initial[field] = value
        elif block is not None:
            self.injects[event.at].setdefault(block, {})[field] = value
        elif field not in self.skipped:
            self.skipped.append(field)

    def call(self, event: Event) -> None:
        call_at = to_local(datetime.fromisoformat(event.payload["call_at"]))
        if call_at <= self.start:
            self.initial.setdefault("calls", []).append(call_at.isoformat())
        else:
            calls = self.injects[call_at].setdefault("calls", {"at": []})
            calls["at"].append(format_offset(call_at - self.start))

    def text(self, event: Event, key: str) -> None:
        inject = self.injects[event.at]
        inject[key] = f"{inject[key]}\n{event.payload['text']}" if key in inject else event.payload["text"]


def script_from_journal(
    journal: Journal, incident_id: str, playbook: str | None = None, author: str = "firedrill record"
) -> dict[str, Any]:
    """The scenario script (as YAML-ready data) of the incident ``incident_id``."""
    record = journal.incident(incident_id)
    playbook = playbook or record.scenario
    if not playbook:
        raise InputError(f"incident {incident_id} names no playbook; give one with --playbook", field="playbook")
    start = record.opened_at
    builder = _Builder(start)
    expectations = []
    events = sorted(journal.events(incident_id), key=lambda e: (e.at, e.seq))
    for event in events:
        if event.kind is EventKind.FACT:
            builder.fact(event)
        elif event.kind is EventKind.CALL:
            builder.call(event)
        elif event.kind is EventKind.NOTE:
            builder.text(event, "message")
        elif event.kind is EventKind.ORDER:
            builder.text(event, "expected_action")
        elif event.kind is EventKind.ASSESSMENT:
            p = event.payload
            expectations.append({
                "at": format_offset(event.at - start), "level": p["level"], "base_level": p["base_level"],
                "triggers": list(p.get("triggers", [])), "why": f"recorded live (journal event #{event.seq})",
            })  # fmt: skip
    injects = [{"at": format_offset(at - start), **body} for at, body in sorted(builder.injects.items())]
    description = f"Recorded from journal incident {incident_id} ({record.title})."
    if builder.skipped:
        description += f" Facts not replayed (not Incident fields): {', '.join(builder.skipped)}."
    last = max([start, *(e.at for e in events)])
    data: dict[str, Any] = {
        "id": _script_id(incident_id), "title": {"zh": record.title}, "author": author, "playbook": playbook,
        "start": start.isoformat(), "location": builder.location or record.title, "description": description,
        "end": format_offset(last - start), "incident": builder.initial, "injects": injects, "expect": expectations,
    }  # fmt: skip
    unknown = set(builder.initial) - set(StartIncident.model_fields)
    if unknown:
        raise InputError(f"journal facts {sorted(unknown)} are not Incident fields", field="facts")
    return data


def dump_script(data: dict[str, Any]) -> str:
    """YAML text of a script, keys in the documented order, Chinese kept as written."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
