"""One incident on the console: the form's text, its parse errors, and the incident core's state.

The incident itself lives in the journal and is read through the core's fold (``session.state``);
this holds only what belongs to the form: the text in each field, which fields do not parse, and
which parsed values are not yet recorded. The level shown while typing is a preview of the
recorded facts with the pending values over them; ``flush`` hands the pending values to the
``Desk``, which records them (and the level and alerts that follow) before the form shows them as
recorded. A write made on a stale state is refused by the journal: the session reloads and says so.
No Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from firedrill.errors import InputError
from firedrill.facts import form_changes, form_value
from firedrill.incident.desk import Change, Desk
from firedrill.incident.entry import FIELDS, SPECS, TEXT_INPUT_KINDS, FieldError, Kind, default_raw, parse_field
from firedrill.incident.entry import raw_from_value as raw_from_value
from firedrill.incident.fold import incident_or_problem
from firedrill.incident.state import IncidentState
from firedrill.journal import Event, IncidentRecord, StaleVersionError
from firedrill.models import Assessment, Incident
from firedrill.playbook.schema import Playbook
from firedrill.tui.clock import Clock, ExerciseClock, exercise_offset
from firedrill.tui.engine import Engine
from firedrill.tui.preview import opening_facts

INVALID_INCIDENT = "_incident"  # error key when the values parse but do not make an Incident


class Session:
    """The console's view of one open incident. Create with ``Session.start`` or ``Session.resume``."""

    def __init__(self, engine: Engine, state: IncidentState, clock: Clock) -> None:
        self.engine = engine
        anchor = state.exercise_clock
        # An exercise incident runs on a clock of its own, following the anchor its journal holds.
        self.clock: Clock = clock if anchor is None else \
            ExerciseClock(timedelta(), getattr(clock, "real", clock))  # fmt: skip
        self.desk: Desk = engine.desk(self.clock)
        self.state = state
        self.raw: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        self.errors: dict[str, str] = {}
        self.pending: set[str] = set()
        self.assessment: Assessment | None = None
        self.incident: Incident | None = None  # the facts of the assessment shown (the last valid ones)
        self.reloaded: tuple[str, ...] = ()  # fields another seat changed, shown after a reload
        self.following = False  # only following another seat's incident: nothing is written from here
        self.withdrawn: tuple[str, ...] = ()  # of those, fields whose unrecorded edit here gave way
        self._fill_from_state()

    @property
    def state(self) -> IncidentState:
        return self._state

    @state.setter
    def state(self, state: IncidentState) -> None:
        """Every read of the incident (a reload, a write's result) brings its exercise clock with it."""
        self._state = state
        anchor = state.exercise_clock
        if anchor is not None and isinstance(self.clock, ExerciseClock):
            self.clock.follow(anchor.real_at, anchor.scenario_at, anchor.rate)

    @property
    def paused(self) -> bool:
        """The incident's exercise clock is paused (by the exercise's controller)."""
        return isinstance(self.clock, ExerciseClock) and self.clock.paused

    # --- creation -------------------------------------------------------------------------------

    @classmethod
    def start(cls, engine: Engine, clock: Clock, raw: Mapping[str, Any] | None = None) -> Session:
        """A new incident in the journal, with what was typed before it was opened."""
        now = clock()
        contents = {**default_raw(now), **{k: v for k, v in (raw or {}).items() if k in SPECS}}
        changes, typed = opening_facts(raw, now)
        desk = engine.desk(clock)
        opened = desk.open(changes, typed, now, actor=engine.seat, exercise_offset_s=exercise_offset(clock))
        session = cls(engine, opened.state, clock)
        for field, text in contents.items():
            session.edit(field, text)  # fields that did not parse show their error
        return session

    @classmethod
    def resume(cls, engine: Engine, record: IncidentRecord, clock: Clock, follow: bool = False) -> Session:
        """An open incident put back exactly as the journal has it; only the resumption is recorded.

        An exercise incident goes on on its exercise clock as the journal holds it."""
        state = engine.desk(clock).load(record.id)
        session = cls(engine, state, clock)
        take_over = state.seat is not None and state.seat != engine.seat
        if follow and take_over:
            session.following = True  # another seat's: shown and kept up to date, nothing written from here
            return session
        session.state = session.desk.resume(record.id, session.clock(), actor=engine.seat, take_over=take_over).state
        return session

    def take_over(self) -> list[Event]:
        """Stop following: this seat takes the incident over (recorded) and may write to it."""
        if not self.following:
            return []
        self.following = False
        return self._took(self.desk.resume(self.id, self.clock(), actor=self.engine.seat, take_over=True))

    def _writable(self) -> None:
        if self.following:
            raise InputError("this seat follows the incident; take it over to record (跟随中，接管后才能记录)",
                             field="seat")  # fmt: skip

    def _fill_from_state(self) -> None:
        """The form shows the recorded facts, formatted from their values (typed text is not parsed again)."""
        for spec in FIELDS:
            if spec.id in self.pending or spec.id in self.errors:
                continue  # what the dispatcher is typing stays as typed
            value = form_value(self.state.facts, spec.id)
            self.values[spec.id] = value
            # Shown as typed (1.2亿), but a time always in full: a bare clock is never read again.
            typed = self.state.typed.get(spec.id)
            self.raw[spec.id] = typed if typed is not None and spec.kind is not Kind.TIME else \
                raw_from_value(spec.id, value)  # fmt: skip
        self.reassess()

    # --- reading --------------------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.state.id

    @property
    def record(self) -> IncidentRecord:
        return self.state.record

    @property
    def events(self) -> list[Event]:
        return list(self.state.events)

    @property
    def calls(self) -> tuple[datetime, ...]:
        return self.state.calls

    @property
    def ended(self) -> bool:
        return self.state.ended

    @property
    def closed(self) -> bool:
        return self.state.closed

    @property
    def recorded(self) -> set[str]:
        """The form fields whose value is recorded."""
        return {spec.id for spec in FIELDS if spec.id not in self.pending
                and any(name in self.state.facts for name in form_changes(spec.id, None))}  # fmt: skip

    @property
    def stale(self) -> bool:
        """True while some field does not parse: the assessment shown is the last valid one."""
        return bool(self.errors)

    @property
    def playbook(self) -> Playbook | None:
        return self.engine.playbook(self.values.get("scenario"))

    def reported_at(self) -> datetime:
        value = self.values.get("reported_at")
        return datetime.fromisoformat(value) if value else self.state.reported_at

    def ignition_at(self) -> datetime:
        """When the fire started, if typed; else the report time (the console says which it used)."""
        value = self.values.get("ignition_at")
        return datetime.fromisoformat(value) if value else self.reported_at()

    # --- editing --------------------------------------------------------------------------------

    def edit(self, field: str, raw: Any) -> bool:
        """Take the form's content of ``field``; True if anything changed (and was re-assessed)."""
        if self.ended or self.following or (field in self.raw and self.raw[field] == raw):
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
        if value != form_value(self.state.facts, field):
            self.pending.add(field)
        else:
            self.pending.discard(field)

    def _pending_changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for field in self.pending:
            changes.update(form_changes(field, self.values[field]))
        return changes

    def reassess(self, at: datetime | None = None) -> None:
        """The level of the recorded facts with the pending values over them; the last one while a field is bad."""
        if any(k != INVALID_INCIDENT for k in self.errors):
            return
        merged = {**self.state.facts, **self._pending_changes()}
        incident, _ = incident_or_problem(merged, list(self.state.calls), self.state.record.opened_at)
        if incident is None:
            self.errors[INVALID_INCIDENT] = "incident"
            return
        self.errors.pop(INVALID_INCIDENT, None)
        self.incident = incident
        self.assessment = self.desk.assess_incident(incident, at or self.clock())

    # --- recording ------------------------------------------------------------------------------

    def _took(self, change: Change) -> list[Event]:
        self.state = change.state
        return list(change.events)

    def reload(self) -> tuple[str, ...]:
        """Read the incident again (another seat wrote); returns the form fields whose recorded value changed."""
        before = {spec.id: form_value(self.state.facts, spec.id) for spec in FIELDS}
        self.state = self.desk.load(self.id)
        changed = tuple(s.id for s in FIELDS if form_value(self.state.facts, s.id) != before[s.id])
        self.withdrawn = tuple(f for f in changed if f in self.pending or f in self.errors)
        for field in changed:
            self.pending.discard(field)  # the other seat's value stands; the dispatcher decides again
            self.errors.pop(field, None)
        self._fill_from_state()
        self.reloaded = changed
        return changed

    def follow(self) -> bool:
        """Take up what another seat recorded since this session last read the incident; True if anything."""
        if self.engine.journal.version(self.id) == self.state.version:
            return False
        self.reload()
        return True

    def flush(self) -> list[Event]:
        """Record every pending fact (the level and alerts that follow with them); returns what was recorded."""
        if not self.pending:
            return []  # a field that does not parse is not pending: the valid ones are recorded
        typed = {f: str(self.raw[f]) for f in self.pending if SPECS[f].kind in TEXT_INPUT_KINDS and self.raw[f]}
        try:
            change = self.desk.set_facts(self.id, self._pending_changes(), typed, self.clock(),
                                         expected_version=self.state.version)  # fmt: skip
        except StaleVersionError:
            self.reload()
            raise
        self.pending.clear()
        events = self._took(change)
        self._fill_from_state()
        return events

    def add_call(self) -> list[Event]:
        """Another call for the same location (4.3(4)), timestamped now; recorded at once."""
        self._writable()
        events = self._took(self.desk.call(self.id, self.clock(), self.values.get("location"),
                                           expected_version=self.state.version))  # fmt: skip
        self.reassess()
        return events

    def tick(self) -> list[Event]:
        """Re-assess with the clock; record a changed level (night) and the time alerts now due."""
        if self.closed:
            return []
        if self.follow():
            return []
        self.reassess()
        if self.ended or self.following or self.pending or self.stale:
            return []  # decisions and alerts follow recorded facts only; the flush will catch up
        return self._took(self.desk.advance(self.id, self.clock()))

    def record_order(self, text: str, lang: str, new_units: tuple[str, ...] = (),
                     extra: Mapping[str, object] | None = None) -> list[Event]:  # fmt: skip
        """The order as given, with the units it adds (marked dispatched on the board in the same write)."""
        self._writable()
        return self._took(self.desk.order(self.id, text, new_units, lang, self.clock(), extra=extra,
                                          expected_version=self.state.version))  # fmt: skip

    def took(self, change: Change) -> list[Event]:
        """Take the state after a change made through the desk for this incident (a tick, a note)."""
        return self._took(change)

    def writable_desk(self) -> Desk:
        """The desk, for a change this seat may make (refused while only following)."""
        self._writable()
        return self.desk

    def form_values(self) -> dict[str, Any]:
        """The raw contents for every field, to (re)fill the form."""
        return {spec.id: self.raw.get(spec.id) for spec in FIELDS}

    def field_kind(self, field: str) -> Kind:
        return SPECS[field].kind
