"""Record → script: an incident worked live in the journal becomes a scenario script.

``fact`` events are read as the console reads its form (``firedrill.facts``: wind forms, cleared
fields, console-only fields) into the Incident at each moment; the Incident at the opening time is
the start incident and each later change an inject (a corrected report time included). ``call``
events become calls at their call times, ``note`` events messages, ``order`` events the expected
action, and the last ``assessment`` event of each moment an expectation — so replaying the script
re-checks each decision taken live. docs/scenarios.md lists the readings.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import groupby
from typing import Any

import yaml
from pydantic import ValidationError

from firedrill.errors import InputError
from firedrill.facts import CONSOLE_ONLY, WIND_KEYS, incident_data
from firedrill.journal import Event, EventKind, Journal
from firedrill.models import Incident
from firedrill.replay.schema import FactUpdate, FlagUpdate, WeatherUpdate
from firedrill.replay.timespec import format_offset
from firedrill.timeutil import to_local
from firedrill.yamlio import describe_validation_error

BLOCKS: dict[str, tuple[str, ...]] = {
    "incident": tuple(FactUpdate.model_fields),
    "weather": tuple(WeatherUpdate.model_fields),
    "flags": tuple(FlagUpdate.model_fields),
}
REPORT_TIME = "reported_at"
NOT_FACTS = ("calls", "scenario")  # calls are events of their own; the scenario is the script's playbook
KNOWN = frozenset(Incident.model_fields) | CONSOLE_ONLY | frozenset(WIND_KEYS)
INJECT_KEYS = (REPORT_TIME, *BLOCKS, "calls", "message", "expected_action")  # as docs/scenarios.md writes them


def _block_of(field: str) -> str | None:
    return next((name for name, fields in BLOCKS.items() if field in fields), None)


def _script_id(incident_id: str) -> str:
    return "record-" + "".join(c if c.isalnum() else "-" for c in incident_id.lower())


def _wind_form(field: str, value: Any) -> bool:
    """True for a wind value the console writes: one or both of the field's keys, nothing else."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(WIND_KEYS[field])


def _last(values: list[Any]) -> Any:
    return next((v for v in reversed(values) if v is not None), None)


class _Builder:
    """Folds the journal's events, moment by moment, into the parts of a script."""

    def __init__(self, start: datetime, file: str) -> None:
        self.start, self.file = start, file
        self.values: dict[str, Any] = {}  # the form's values, as the console holds them
        self.seen: dict[str, list[Any]] = defaultdict(list)  # every value of the console-only fields
        self.state: dict[str, Any] | None = None  # the Incident (JSON) the script has reached
        self.initial: dict[str, Any] = {}
        self.injects: dict[datetime, dict[str, Any]] = defaultdict(dict)
        self.skipped: list[str] = []
        self.notes: list[str] = []
        self.last = start  # the latest time the script must reach

    def fact(self, event: Event) -> None:
        field, value = event.payload["field"], event.payload["value"]
        if field not in KNOWN:
            if field not in self.skipped:
                self.skipped.append(field)
            return
        if field in WIND_KEYS and value is not None and not _wind_form(field, value):
            forms = " or ".join(f"{{{key}: number}}" for key in WIND_KEYS[field])
            raise InputError(f"journal event #{event.seq}: {field} is {value!r}, expected {forms}",
                             field=f"facts.{field}", file=self.file)  # fmt: skip
        if field in CONSOLE_ONLY or field == "scenario":
            self.seen[field].append(value)
        self.values[field] = value

    def _incident(self, at: datetime) -> dict[str, Any] | None:
        """The Incident the console built from the values, as JSON; None (and a note) if it built none."""
        data = incident_data(self.values, [])
        data.setdefault(REPORT_TIME, self.start.isoformat())  # as the console: no report time typed = opened
        try:
            incident = Incident.model_validate(data)
        except ValidationError as exc:
            problem = describe_validation_error(exc)
            when = format_offset(at - self.start)
            self.notes.append(
                f"The facts at {when} make no valid incident ({problem.field}: {problem.message}); "
                "the replay keeps the earlier ones until they do."
            )
            return None
        return incident.model_dump(mode="json", exclude=set(NOT_FACTS))

    def begin(self) -> None:
        """The start incident: what the facts at the opening say, and the defaults the script would not take."""
        state = self._incident(self.start) or Incident(reported_at=self.start).model_dump(
            mode="json", exclude=set(NOT_FACTS)
        )
        defaults = Incident(reported_at=self.start).model_dump(mode="json")
        always = (REPORT_TIME, "site_category")  # the script's own defaults differ (start, the playbook's)
        self.initial.update({k: v for k, v in state.items() if k in always or v != defaults[k]})
        self.state = state

    def change(self, at: datetime) -> None:
        """An inject at ``at`` with every Incident field the facts of that moment changed."""
        assert self.state is not None  # begin() runs before the first later moment
        now = self._incident(at)
        if now is None:
            return
        for field, value in now.items():
            if value == self.state[field]:
                continue
            inject = self.injects[at]
            if field == REPORT_TIME:
                inject[REPORT_TIME] = value
            else:
                inject.setdefault(_block_of(field) or "incident", {})[field] = value
        self.state = now

    def call(self, event: Event) -> None:
        call_at = to_local(datetime.fromisoformat(str(event.payload["call_at"])))
        self.last = max(self.last, call_at)
        if call_at <= self.start:
            self.initial.setdefault("calls", []).append(call_at.isoformat())
        else:
            calls = self.injects[call_at].setdefault("calls", {"at": []})
            calls["at"].append(format_offset(call_at - self.start))

    def text(self, event: Event, key: str) -> None:
        inject = self.injects[max(event.at, self.start)]
        inject[key] = f"{inject[key]}\n{event.payload['text']}" if key in inject else event.payload["text"]

    def location(self, title: str) -> str | dict[str, Any]:
        """The last location typed (else the title), with the last map point when one was given."""
        text = _last(self.seen["location"])
        point = _last(self.seen["scene"])
        if isinstance(point, dict) and {"lon", "lat"} <= set(point):
            return {"text": text or point.get("district") or title, "lon": point["lon"], "lat": point["lat"]}
        return str(text or title)

    def ignition(self) -> datetime:
        """When the fire began as the console last knew it: the ignition time typed, else the report time."""
        typed = [v for v in self.seen["ignition_at"] if v is not None]
        if len(set(typed)) > 1:
            self.notes.append(f"The ignition time changed live ({', '.join(map(str, dict.fromkeys(typed)))}); "
                              "the script keeps the last.")  # fmt: skip
        assert self.state is not None
        try:
            return to_local(datetime.fromisoformat(str(typed[-1] if typed else self.state[REPORT_TIME])))
        except ValueError:
            raise InputError(f"ignition time {typed[-1]!r} is not a date-time", field="facts.ignition_at",
                             file=self.file) from None  # fmt: skip


def _expectation(event: Event, start: datetime) -> dict[str, Any]:
    p = event.payload
    return {
        "at": format_offset(max(event.at, start) - start), "level": p["level"], "base_level": p["base_level"],
        "triggers": list(p.get("triggers", [])), "why": f"recorded live (journal event #{event.seq})",
    }  # fmt: skip


def _key(event: Event) -> tuple[Any, ...]:
    return event.payload["level"], event.payload["base_level"], tuple(event.payload.get("triggers", []))


def _decisions(moment: list[Event], start: datetime, expectations: list[dict[str, Any]], superseded: list[str]) -> None:
    """The decisions of one moment as expectations. The replay sees a moment after all its facts, so a
    decision replaced within the same second by a different one cannot be checked: it is listed instead."""
    for event in moment:
        if _key(event) == _key(moment[-1]):
            expectations.append(_expectation(event, start))
        else:
            superseded.append(f"#{event.seq}")


def script_from_journal(
    journal: Journal, incident_id: str, playbook: str | None = None, author: str = "firedrill record"
) -> dict[str, Any]:
    """The scenario script (as YAML-ready data) of the incident ``incident_id``."""
    record = journal.incident(incident_id)
    # The console records the scenario picked during the incident as a fact, not on the record.
    chosen = journal.current_facts(incident_id).get("scenario")
    playbook = playbook or record.scenario or (chosen if isinstance(chosen, str) else None)
    if not playbook:
        raise InputError(f"incident {incident_id} names no playbook; give one with --playbook", field="playbook")
    start = record.opened_at
    builder = _Builder(start, str(journal.path))
    expectations: list[dict[str, Any]] = []
    superseded: list[str] = []
    events = sorted(journal.events(incident_id), key=lambda e: (e.at, e.seq))
    for at, moment in groupby(events, key=lambda e: e.at):
        if at > start and builder.state is None:
            builder.begin()
        assessments = []
        for event in moment:
            if event.kind is EventKind.FACT:
                builder.fact(event)
            elif event.kind is EventKind.CALL:
                builder.call(event)
            elif event.kind is EventKind.NOTE:
                builder.text(event, "message")
            elif event.kind is EventKind.ORDER:
                builder.text(event, "expected_action")
            elif event.kind is EventKind.ASSESSMENT:
                assessments.append(event)
        if at <= start:
            continue
        builder.change(at)
        _decisions(assessments, start, expectations, superseded)
    if builder.state is None:
        builder.begin()
    # Decisions at (or before) the opening come after all the opening facts too.
    opening: tuple[list[dict[str, Any]], list[str]] = ([], [])
    _decisions([e for e in events if e.kind is EventKind.ASSESSMENT and e.at <= start], start, *opening)
    expectations, superseded = opening[0] + expectations, opening[1] + superseded
    return _script(builder, record.title, incident_id, playbook, author, start, events, expectations, superseded)


def _script(
    builder: _Builder, title: str, incident_id: str, playbook: str, author: str, start: datetime,
    events: list[Event], expectations: list[dict[str, Any]], superseded: list[str],
) -> dict[str, Any]:  # fmt: skip
    scenarios = list(dict.fromkeys(v for v in builder.seen["scenario"] if v))
    if len(scenarios) > 1:
        builder.notes.append(f"The scenario changed live ({' → '.join(scenarios)}); the script uses {playbook}.")
    if superseded:
        builder.notes.append(
            f"Decisions superseded within the same second, not checked: journal events {', '.join(superseded)}."
        )
    last = max([builder.last, *(e.at for e in events)])
    ignition = builder.ignition()
    if ignition > last:
        builder.notes.append(f"The ignition time {ignition.isoformat()} is after the record ends; not replayed.")
    description = f"Recorded from journal incident {incident_id} ({title})."
    if builder.skipped:
        description += f" Facts not replayed (not Incident fields): {', '.join(builder.skipped)}."
    description = " ".join([description, *builder.notes])
    injects = [
        {"at": format_offset(at - start), **{key: body[key] for key in INJECT_KEYS if key in body}}
        for at, body in sorted(builder.injects.items())
        if body
    ]
    data: dict[str, Any] = {
        "id": _script_id(incident_id), "title": {"zh": title}, "author": author, "playbook": playbook,
        "start": start.isoformat(), "location": builder.location(title), "description": description,
    }  # fmt: skip
    if ignition != start and ignition <= last:
        data["ignition"] = ignition.isoformat()
    data.update({"end": format_offset(last - start), "incident": builder.initial, "injects": injects,
                 "expect": expectations})  # fmt: skip
    return data


def dump_script(data: dict[str, Any]) -> str:
    """YAML text of a script, keys in the documented order, Chinese kept as written."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
