"""One incident on the console: the form's contents, the last valid assessment, and its journal.

The session owns the order of things: a value is parsed, the assessment is recomputed at once for
the screen, and only ``flush`` writes facts and decisions to the journal; the screen shows a field
as recorded only after ``flush`` has returned (the journal commits before it returns). No Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from firedrill.journal import Event, EventKind, IncidentRecord
from firedrill.models import Assessment, Incident
from firedrill.playbook.schema import Playbook
from firedrill.tui.alerts import due_alerts
from firedrill.tui.checklist import is_ended
from firedrill.tui.clock import Clock
from firedrill.tui.engine import Engine
from firedrill.incident.entry import (
    FIELDS,
    SPECS,
    TEXT_INPUT_KINDS,
    FieldError,
    Kind,
    default_raw,
    format_time,
    incident_data,
    parse_field,
    raw_from_value,
)

AssessmentKey = tuple[str, str, tuple[str, ...]]
INVALID_INCIDENT = "_incident"  # error key when the values parse but do not make an Incident


class Session:
    """The state of one open incident. Create with ``Session.start`` or ``Session.resume``."""

    def __init__(self, engine: Engine, record: IncidentRecord, clock: Clock) -> None:
        self.engine = engine
        self.record = record
        self.clock = clock
        self.raw: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        self.recorded: dict[str, Any] = {}
        self.errors: dict[str, str] = {}
        self.pending: set[str] = set()
        self.calls: list[datetime] = []
        self.events: list[Event] = []
        self.assessment: Assessment | None = None
        self.incident: Incident | None = None  # the facts of the assessment shown (the last valid ones)
        self.ended = False  # the emergency is declared over (clause 5): the facts no longer change
        self.closed = False  # the journal record is closed
        self.recorded_key: AssessmentKey | None = None
        self.alerted: set[str] = set()
        empty = default_raw(clock())
        self._defaults = {f: parse_field(f, empty[f], clock()) if f != "reported_at" else None for f in empty}

    # --- creation -------------------------------------------------------------------------------

    @classmethod
    def start(cls, engine: Engine, clock: Clock, raw: Mapping[str, Any] | None = None) -> Session:
        """A new incident in the journal, the form empty but for ``raw`` (what was typed before)."""
        now = clock()
        record = engine.journal.create_incident(format_time(now), None, now)
        session = cls(engine, record, clock)
        session.events = engine.journal.events(record.id)
        contents = default_raw(now)
        contents.update({k: v for k, v in (raw or {}).items() if k in SPECS})
        for field, value in contents.items():
            session.edit(field, value)
        if "site_category" not in session.errors:
            session.pending.add("site_category")  # the default category is a fact too: say which was assumed
        session.flush()
        return session

    @classmethod
    def resume(cls, engine: Engine, record: IncidentRecord, clock: Clock) -> Session:
        """An open incident put back exactly as the journal has it, the resumption recorded."""
        session = cls(engine, record, clock)
        events = engine.journal.events(record.id)
        contents = default_raw(record.opened_at)
        for event in events:
            payload = event.payload
            if event.kind is EventKind.FACT and payload["field"] in SPECS:
                field = payload["field"]
                contents[field] = payload["raw"] if "raw" in payload else raw_from_value(field, payload["value"])
                session.recorded[field] = payload["value"]
            elif event.kind is EventKind.CALL:
                session.calls.append(datetime.fromisoformat(payload["call_at"]))
            elif event.kind is EventKind.ALERT and payload.get("code"):
                session.alerted.add(str(payload["code"]))
            elif event.kind is EventKind.ASSESSMENT:
                session.recorded_key = (payload["level"], payload["base_level"], tuple(payload["triggers"]))
        session.events = events
        for field, value in contents.items():
            session.edit(field, value)
        session.events.append(engine.journal.resume_incident(record.id, clock()))
        session.flush()
        session.ended = is_ended(session.events, engine.catalogue)
        return session

    # --- reading --------------------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def stale(self) -> bool:
        """True while some field does not parse: the assessment shown is the last valid one."""
        return bool(self.errors)

    @property
    def playbook(self) -> Playbook | None:
        return self.engine.playbook(self.values.get("scenario"))

    def reported_at(self) -> datetime:
        value = self.values.get("reported_at")
        return datetime.fromisoformat(value) if value else self.record.opened_at

    def ignition_at(self) -> datetime:
        """When the fire started, if typed; else the report time (the console says which it used)."""
        value = self.values.get("ignition_at")
        return datetime.fromisoformat(value) if value else self.reported_at()

    # --- editing --------------------------------------------------------------------------------

    def edit(self, field: str, raw: Any) -> bool:
        """Take the form's content of ``field``; True if anything changed (and was re-assessed)."""
        if self.ended or (field in self.raw and self.raw[field] == raw):
            return False
        self.raw[field] = raw
        self._parse(field)
        if field == "reported_at" and "ignition_at" in self.raw:
            self._parse("ignition_at")  # a bare clock time is read against the report time
        self.reassess()
        return True

    def choose_scenario(self, playbook_id: str | None) -> None:
        """Pick a playbook; the site category follows the playbook's (the dispatcher may change it)."""
        self.edit("scenario", playbook_id)
        playbook = self.playbook
        if playbook is not None:
            self.edit("site_category", playbook.site_category.value)

    def _parse(self, field: str) -> None:
        reported = self.values.get("reported_at")
        try:
            value = parse_field(field, self.raw[field], self.clock(),
                                datetime.fromisoformat(reported) if reported else None)  # fmt: skip
        except FieldError as exc:
            self.errors[field] = exc.code
            self.pending.discard(field)
            return
        self.errors.pop(field, None)
        self.values[field] = value
        if value != self.recorded.get(field, self._defaults.get(field)):
            self.pending.add(field)
        else:
            self.pending.discard(field)

    def reassess(self, at: datetime | None = None) -> None:
        """Recompute the assessment from the valid values; with an invalid field, keep the last one."""
        if any(k != INVALID_INCIDENT for k in self.errors):
            return
        try:
            incident = Incident.model_validate(incident_data(self.values, self.calls))
        except ValidationError:
            self.errors[INVALID_INCIDENT] = "incident"
            return
        self.errors.pop(INVALID_INCIDENT, None)
        self.incident = incident
        self.assessment = self.engine.assess(incident, at or self.clock())

    # --- recording ------------------------------------------------------------------------------

    def _append(self, kind: EventKind, payload: Mapping[str, object], at: datetime) -> Event:
        event = self.engine.journal.append(self.id, kind, payload, at)
        self.events.append(event)
        return event

    def flush(self) -> list[Event]:
        """Write every pending fact, then the assessment if it changed; returns what was recorded."""
        now = self.clock()
        recorded: list[Event] = []
        for spec in FIELDS:
            if spec.id not in self.pending:
                continue
            payload: dict[str, object] = {"field": spec.id, "value": self.values[spec.id]}
            if spec.kind in TEXT_INPUT_KINDS:
                payload["raw"] = self.raw[spec.id]
            recorded.append(self._append(EventKind.FACT, payload, now))
            self.recorded[spec.id] = self.values[spec.id]
            self.pending.discard(spec.id)
        recorded += self.record_assessment(now)
        return recorded

    def record_assessment(self, now: datetime) -> list[Event]:
        """Record the level as a decision when it, its base or its triggers changed."""
        a = self.assessment
        if self.stale or a is None:
            return []
        key: AssessmentKey = (a.level.value, a.base_level.value, tuple(t.value for t in a.triggers))
        if key == self.recorded_key:
            return []
        payload = {"level": key[0], "base_level": key[1], "triggers": list(key[2]), "escalated": a.escalated,
                   "clauses": sorted({r.clause for r in a.reasons})}  # fmt: skip
        event = self._append(EventKind.ASSESSMENT, payload, now)
        self.recorded_key = key
        return [event]

    def add_call(self) -> list[Event]:
        """Another call for the same location (4.3(4)), timestamped now; recorded at once."""
        now = self.clock()
        location = self.values.get("location")
        event = self._append(EventKind.CALL, {"call_at": now, "location": location}, now)
        self.calls.append(now)
        self.reassess(now)
        return [event, *self.record_assessment(now)]

    def tick(self) -> list[Event]:
        """Re-assess with the clock; record a changed level (night) and the time alerts now due."""
        if self.ended:
            return []  # the emergency is over: no night trigger, no time alerts for it any more
        now = self.clock()
        self.reassess(now)
        if self.pending or self.stale:
            return []  # decisions and alerts follow recorded facts only; the flush will catch up
        recorded = self.record_assessment(now)
        for code, text in due_alerts(self, now):
            recorded.append(self._append(EventKind.ALERT, {"text": text.zh, "text_en": text.en, "code": code}, now))
            self.alerted.add(code)
        return recorded

    def record_order(self, text: str, lang: str, units: tuple[str, ...] = (), new_units: tuple[str, ...] = ()) -> Event:
        """The order as given; ``units``: every unit sent so far, ``new_units``: those this order adds."""
        level = self.assessment.level.value if self.assessment else None
        payload = {"text": text, "lang": lang, "level": level, "stale": self.stale, "units": list(units),
                   "new_units": list(new_units)}  # fmt: skip
        return self._append(EventKind.ORDER, payload, self.clock())

    def form_values(self) -> dict[str, Any]:
        """The raw contents for every field, to (re)fill the form."""
        return {spec.id: self.raw.get(spec.id) for spec in FIELDS}

    def field_kind(self, field: str) -> Kind:
        return SPECS[field].kind
