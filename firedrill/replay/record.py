"""Record → script: an incident worked live in the journal becomes a scenario script.

The journal is read through the incident core's one fold (``firedrill.incident.fold``): the state
as it stood at each moment of the record gives the Incident the console had then (the same facts,
the same defaults, the same report time), so nothing here reads a ``fact`` event itself. The
Incident at the opening time is the start incident and each later change an inject (a corrected
report time included). Calls become calls at their call times, ``note`` events messages, ``order``
events the expected action, and the last ``assessment`` event of each moment an expectation — so
replaying the script re-checks each decision taken live. docs/scenarios.md lists the readings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import yaml

from firedrill.adapters import to_jsonable
from firedrill.errors import InputError
from firedrill.facts import FACT_NAMES
from firedrill.incident.fold import fold
from firedrill.incident.state import IncidentState
from firedrill.journal import Event, EventKind, IncidentRecord, Journal
from firedrill.models import Incident
from firedrill.replay.record_decisions import record_decisions
from firedrill.replay.schema import FactUpdate, FlagUpdate, WeatherUpdate
from firedrill.replay.timespec import format_offset

BLOCKS: dict[str, tuple[str, ...]] = {
    "incident": tuple(FactUpdate.model_fields),
    "weather": tuple(WeatherUpdate.model_fields),
    "flags": tuple(FlagUpdate.model_fields),
}
REPORT_TIME = "reported_at"
NOT_FACTS = ("calls", "scenario")  # calls are events of their own; the scenario is the script's playbook
METADATA = ("location", "scene", "ignition_at", "scenario")  # read for the script's head, not replayed as facts
INJECT_KEYS = (REPORT_TIME, *BLOCKS, "calls", "message", "expected_action", "procedure")  # the documented order


def _block_of(field: str) -> str | None:
    return next((name for name, fields in BLOCKS.items() if field in fields), None)


def _script_id(incident_id: str) -> str:
    return "record-" + "".join(c if c.isalnum() else "-" for c in incident_id.lower())


def _last(values: list[Any]) -> Any:
    return next((v for v in reversed(values) if v is not None), None)


def _dump(incident: Incident) -> dict[str, Any]:
    facts: dict[str, Any] = to_jsonable(incident, exclude=set(NOT_FACTS))
    return facts


class _Builder:
    """The parts of a script, from the incident's state as it stood at each moment of the record."""

    def __init__(self, start: datetime, file: str) -> None:
        self.start, self.file = start, file
        self.seen: dict[str, list[Any]] = defaultdict(list)  # each metadata fact's values, moment by moment
        self.state: dict[str, Any] | None = None  # the Incident (JSON) the script has reached
        self.initial: dict[str, Any] = {}
        self.injects: dict[datetime, dict[str, Any]] = defaultdict(dict)
        self.notes: list[str] = []
        self.last = start  # the latest time the script must reach
        self.actors: dict[str, None] = {}  # who ticked the checklist, in order of first tick

    def see(self, state: IncidentState) -> None:
        """The place, ignition and scenario facts as the console held them at this moment."""
        for name in METADATA:
            values = self.seen[name]
            value = state.facts.get(name)
            if not values or values[-1] != value:
                values.append(value)

    def _incident(self, state: IncidentState, at: datetime) -> dict[str, Any] | None:
        """The Incident the console had at ``at``, as JSON; None (and a note) while its facts made none."""
        if state.incident is None:
            problem = (state.problem or "not a valid incident").removeprefix("facts.")
            self.notes.append(
                f"The facts at {format_offset(at - self.start)} make no valid incident ({problem}); "
                "the replay keeps the earlier ones until they do."
            )
            return None
        return _dump(state.incident)

    def begin(self, state: IncidentState) -> None:
        """The start incident: what the facts at the opening say, and the defaults the script would not take."""
        opening = self._incident(state, self.start) or _dump(Incident(reported_at=self.start))
        defaults = to_jsonable(Incident(reported_at=self.start))
        always = (REPORT_TIME, "site_category")  # the script's own defaults differ (start, the playbook's)
        self.initial.update({k: v for k, v in opening.items() if k in always or v != defaults[k]})
        self.state = opening

    def change(self, state: IncidentState, at: datetime) -> None:
        """An inject at ``at`` with every Incident field that changed since the moment before."""
        assert self.state is not None  # begin() runs before the first later moment
        now = self._incident(state, at)
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

    def calls(self, calls: Sequence[datetime]) -> None:
        for call_at in calls:
            self.last = max(self.last, call_at)
            if call_at <= self.start:
                self.initial.setdefault("calls", []).append(call_at.isoformat())
            else:
                inject = self.injects[call_at].setdefault("calls", {"at": []})
                inject["at"].append(format_offset(call_at - self.start))

    def text(self, at: datetime, key: str, text: str) -> None:
        inject = self.injects[max(at, self.start)]
        inject[key] = f"{inject[key]}\n{text}" if key in inject else text

    def mark(self, event: Event) -> None:
        """A checklist tick, skip or take-back as a procedure mark at its time, with who made it."""
        p = event.payload
        mark: dict[str, Any] = {"step": p["step"], "state": p["state"]}
        if event.actor:
            mark["by"] = event.actor
            self.actors.setdefault(event.actor, None)
        if p.get("note"):
            mark["note"] = p["note"]
        self.injects[max(event.at, self.start)].setdefault("procedure", []).append(mark)

    def roles(self) -> list[dict[str, Any]]:
        """Everyone who ticked the checklist, as the script's roles (a unit where the name is one of chapter 2's)."""
        from firedrill.replay.script_roles import organisation_names

        known = organisation_names()
        return [{"id": f"role-{n}", "name": {"zh": actor}, **({"unit": actor} if actor in known else {})}
                for n, actor in enumerate(self.actors, start=1)]  # fmt: skip

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
            shown = ", ".join(v.isoformat() if isinstance(v, datetime) else str(v) for v in dict.fromkeys(typed))
            self.notes.append(f"The ignition time changed live ({shown}); the script keeps the last.")
        if typed and not isinstance(typed[-1], datetime):
            raise InputError(f"ignition time {typed[-1]!r} is not a date-time", field="facts.ignition_at",
                             file=self.file)  # fmt: skip
        assert self.state is not None
        return typed[-1] if typed else datetime.fromisoformat(str(self.state[REPORT_TIME]))


def _of_kind(events: Sequence[Event], kind: EventKind) -> list[Event]:
    return [e for e in events if e.kind is kind]


def script_from_journal(
    journal: Journal, incident_id: str, playbook: str | None = None, author: str = "firedrill record"
) -> dict[str, Any]:
    """The scenario script (as YAML-ready data) of the incident ``incident_id``."""
    record = journal.incident(incident_id)
    events = journal.events(incident_id)
    final = fold(record, events)
    # The console records the scenario picked during the incident as a fact, not on the record.
    chosen = final.facts.get("scenario")
    playbook = playbook or record.scenario or (chosen if isinstance(chosen, str) else None)
    if not playbook:
        raise InputError(f"incident {incident_id} names no playbook; give one with --playbook", field="playbook")
    start = record.opened_at
    builder = _Builder(start, str(journal.path))
    expectations: list[dict[str, Any]] = []
    superseded: list[str] = []
    # Each moment of the record, in time order: the state as it stood then. Events are folded by their
    # time, then by recording order, so a fact entered late with an earlier time lands at that time.
    timeline = sorted(events, key=lambda e: (e.at, e.seq))
    opening = fold(record, timeline, until=start)
    builder.see(opening)
    builder.begin(opening)
    # Decisions at (or before) the opening come after all the opening facts too.
    record_decisions(_of_kind(opening.events, EventKind.ASSESSMENT), start, expectations, superseded)
    for at in sorted({e.at for e in events if e.at > start}):
        state = fold(record, timeline, until=at)
        builder.see(state)
        builder.change(state, at)
        record_decisions([e for e in _of_kind(state.events, EventKind.ASSESSMENT) if e.at == at], start, expectations,
                   superseded)  # fmt: skip
    builder.calls(final.calls)
    for event in _of_kind(timeline, EventKind.NOTE):
        builder.text(event.at, "message", str(event.payload["text"]))
    for order in sorted(final.orders, key=lambda o: (o.at, o.seq)):
        builder.text(order.at, "expected_action", order.text)
    for event in _of_kind(timeline, EventKind.PROCEDURE):
        builder.mark(event)
    skipped = [name for name in final.facts if name not in FACT_NAMES]  # kept by a schema-1 journal's upgrade
    return _script(builder, record, playbook, author, events, expectations, superseded, skipped)


def _script(
    builder: _Builder, record: IncidentRecord, playbook: str, author: str, events: list[Event],
    expectations: list[dict[str, Any]], superseded: list[str], skipped: list[str],
) -> dict[str, Any]:  # fmt: skip
    start, title, incident_id = record.opened_at, record.title, record.id
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
    if skipped:
        description += f" Facts not replayed (not Incident fields): {', '.join(skipped)}."
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
    roles = builder.roles()
    if roles:
        data["roles"] = roles
    data.update({"end": format_offset(last - start), "incident": builder.initial, "injects": injects,
                 "expect": expectations})  # fmt: skip
    return data


def dump_script(data: dict[str, Any]) -> str:
    """YAML text of a script, keys in the documented order, Chinese kept as written."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
