"""The ``Desk``: the one object through which every front end changes an incident.

Each change reads the incident (``fold``), checks it, decides what follows from it (a new level
recorded, an alert due, the record closed after chapter 6), and appends all of it in one journal
transaction that names the version it was decided on: a writer that has not seen another
seat's latest change is refused (``StaleVersionError``) and must reload. What a method returns is
already committed. No Textual, no CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from firedrill.errors import InputError
from firedrill.incident.alerts import collapse_alert, night_alert
from firedrill.incident.checks import FactsFrozenError, check_facts, stored
from firedrill.incident.entry import DEFAULT_SITE
from firedrill.incident.exercise_clock import clock_payload, scenario_now
from firedrill.incident.fold import fold, incident_or_problem
from firedrill.incident.state import IncidentState
from firedrill.journal import (
    Event,
    EventKind,
    IncidentClosedError,
    Journal,
    ProcedureState,
    StaleVersionError,
    StatusState,
    UnitStatus,
)
from firedrill.journal.store import Entry
from firedrill.models import Assessment, Incident
from firedrill.playbook.loader import Library
from firedrill.playbook.schema import Playbook
from firedrill.procedure import (
    Catalogue,
    ChecklistState,
    Grade,
    ProcedureRefused,
    ProcedureSettings,
    ending_step,
    evaluate,
    load_catalogue,
    ready_to_close,
    refusal,
)
from firedrill.rules import Rulebook, assess, load_rulebook
from firedrill.rulesconfig import RulesConfig
from firedrill.timeutil import now_local, to_local

Clock = Callable[[], datetime]
ALLOWED_SKEW = timedelta(minutes=2)  # seats' clocks differ a little; a minute's drift is not a slip
CLOSE_REASON = "emergency declared over (5), aftermath (6) recorded / 应急状态已终止(5),善后处理(6)已记录"


def system_clock() -> datetime:
    return now_local().replace(microsecond=0)


@dataclass(frozen=True)
class Change:
    """What a desk call recorded, and the incident's state after it."""

    state: IncidentState
    events: tuple[Event, ...]


@dataclass
class Desk:
    """Changes and reads incidents in one journal, with one rulebook, procedure and playbook library."""

    journal: Journal
    clock: Clock = system_clock
    seat: str | None = None
    rules: RulesConfig = field(default_factory=RulesConfig)
    procedure: ProcedureSettings = field(default_factory=ProcedureSettings)
    rulebook: Rulebook = field(default_factory=load_rulebook)
    catalogue: Catalogue = field(default_factory=load_catalogue)
    library: Library | None = None
    _latest: dict[str, IncidentState] = field(default_factory=dict, init=False, repr=False)

    # --- reading --------------------------------------------------------------------------------

    def now(self) -> datetime:
        return to_local(self.clock())

    def _when(self, at: datetime | None, state: IncidentState | None = None, field_name: str = "at",
              after_report: bool = True) -> datetime:  # fmt: skip
        """The moment an entry is recorded at: ``at`` as given, or now. A moment ahead of the incident's
        time now (the real time, or an exercise's scenario time on its journaled clock), past the seats'
        allowed skew, or before the incident's report is refused: ``--at 2099-01-01`` is a slip, not a
        record. The real time, not the desk's clock: the desk's clock may be a time asked about, and
        nothing can be recorded as done later than now."""
        when = self.now() if at is None else to_local(at)
        latest = scenario_now(state.exercise_clock if state is not None else None, now_local())
        if when > latest + ALLOWED_SKEW:
            now = latest.isoformat(timespec="seconds")
            raise InputError(f"{when.isoformat()} is in the future (the time now is {now})", field=field_name)
        reported = state.facts.get("reported_at") if state is not None and after_report else None
        if isinstance(reported, datetime) and when < reported:
            raise InputError(f"{when.isoformat()} is before the incident's report time {reported.isoformat()}",
                             field=field_name)  # fmt: skip
        return when

    def load(self, incident_id: str, until: datetime | None = None) -> IncidentState:
        """The incident as its journal holds it (as it stood at ``until``, if given)."""
        if until is None:
            # The journal is append-only: a state with as many events as the journal has is the current one.
            known = self._latest.get(incident_id)
            if known is not None and known.version == self.journal.version(incident_id):
                return known
        record = self.journal.incident(incident_id)
        state = fold(record, self.journal.events(incident_id), ending_step(self.catalogue).id, until)
        if until is None:
            self._latest[incident_id] = state
        return state

    def refold(self, state: IncidentState, events: Sequence[Event]) -> IncidentState:
        """``state`` with ``events`` (just appended) folded in, without reading the journal again."""
        record = self.journal.incident(state.id) if any(e.kind is EventKind.STATUS for e in events) else state.record
        after = fold(record, (*state.events, *events), ending_step(self.catalogue).id)
        self._latest[state.id] = after
        return after

    def playbook(self, scenario: object) -> Playbook | None:
        if self.library is None or not isinstance(scenario, str) or scenario not in self.library:
            return None
        return self.library.get(scenario)

    def assess_incident(self, incident: Incident, at: datetime) -> Assessment:
        # Never before the report: a moment earlier than it has no fire to grade yet.
        return assess(incident, at=max(to_local(at), incident.reported_at), config=self.rules, rulebook=self.rulebook)

    def assessment(self, state: IncidentState, at: datetime | None = None) -> Assessment | None:
        """The level of the recorded facts now (or at ``at``), or None while they are not a valid incident."""
        return None if state.incident is None else self.assess_incident(state.incident, at or self.now())

    def grade(self, state: IncidentState, at: datetime | None = None) -> Grade | None:
        """The level the checklist follows: the one recorded (shown to the dispatcher), else the facts' own."""
        if state.recorded is not None:
            return Grade(level=state.recorded.level, escalated=state.recorded.escalated)
        found = self.assessment(state, at)
        return None if found is None else Grade.of(found)

    def checklist(self, state: IncidentState, at: datetime | None = None) -> ChecklistState | None:
        grade = self.grade(state, at)
        if grade is None or state.incident is None:
            return None
        return evaluate(grade, state.incident, state.events, at or self.now(), settings=self.procedure,
                        catalogue=self.catalogue)  # fmt: skip

    # --- deciding -------------------------------------------------------------------------------

    def _decisions(self, state: IncidentState, facts: Mapping[str, Any], calls: Sequence[datetime],
                   at: datetime) -> list[Entry]:  # fmt: skip
        """The level to record (when it, its base or its triggers changed) and the alerts now due."""
        incident = incident_or_problem(dict(facts), list(calls), state.record.opened_at)[0]
        if incident is None or state.ended:
            return []
        found = self.assess_incident(incident, at)
        entries: list[Entry] = []
        key = (found.level.value, found.base_level.value, tuple(t.value for t in found.triggers))
        if state.recorded is None or state.recorded.key != key:
            entries.append((EventKind.ASSESSMENT, {
                "level": key[0], "base_level": key[1], "triggers": list(key[2]), "escalated": found.escalated,
                "clauses": sorted({r.clause for r in found.reasons}),
            }))  # fmt: skip
        ignition = facts.get("ignition_at")
        for alert in (night_alert(found, state.alerted),
                      collapse_alert(self.playbook(incident.scenario), ignition if isinstance(ignition, datetime)
                                     else None, incident.reported_at, at, state.alerted)):  # fmt: skip
            if alert is not None:
                code, text = alert
                entries.append((EventKind.ALERT, {"code": code, "text": text.zh, "text_en": text.en}))
        return entries

    def _write(self, state: IncidentState, entries: list[Entry], at: datetime, actor: str | None,
               units: Sequence[tuple[str, UnitStatus]] = ()) -> Change:  # fmt: skip
        if not entries:
            return Change(state, ())
        events = self.journal.append_batch(state.id, entries, at, actor or self.seat, expected_version=state.version,
                                           units=units)  # fmt: skip
        return Change(self.refold(state, events), tuple(events))

    def _current(self, incident_id: str, expected_version: int | None) -> IncidentState:
        state = self.load(incident_id)
        if state.closed:
            raise IncidentClosedError(incident_id, self.journal.path)
        if expected_version is not None and expected_version != state.version:
            raise StaleVersionError(incident_id, expected_version, state.version, self.journal.path)
        return state

    # --- changing -------------------------------------------------------------------------------

    def open(self, changes: Mapping[str, Any] | None = None, typed: Mapping[str, str] | None = None,
             at: datetime | None = None, actor: str | None = None, exercise_offset_s: float | None = None,
             title: str | None = None, exercise_script: str | None = None) -> Change:  # fmt: skip
        """A new incident: its report time (default: the opening) and site category are facts from the start.

        ``exercise_offset_s``: the incident runs on an exercise clock this far from real time (演练时间);
        ``exercise_script``: the script a controller steers it by (so that a controller reopened takes it up)."""
        when = to_local(at) if at is not None else self.now()
        facts = {"reported_at": when, "site_category": DEFAULT_SITE, **(changes or {})}
        check_facts({}, facts, when)  # nothing is opened for facts that would be refused
        context: dict[str, object] = {}
        if exercise_offset_s is not None:
            context = {"exercise": True, "exercise_offset_s": exercise_offset_s}
            context |= {"exercise_script": exercise_script} if exercise_script is not None else {}
        record = self.journal.create_incident(title or when.strftime("%Y-%m-%d %H:%M"), None, when,
                                              actor or self.seat, context)  # fmt: skip
        state = self.load(record.id)
        change = self.set_facts(state.id, facts, typed, when, actor, state.version)
        return Change(change.state, (*state.events, *change.events))

    def set_facts(self, incident_id: str, changes: Mapping[str, Any], typed: Mapping[str, str] | None = None,
                  at: datetime | None = None, actor: str | None = None,
                  expected_version: int | None = None) -> Change:  # fmt: skip
        """Record facts (domain names and values); the level and alerts that follow are recorded with them."""
        state = self._current(incident_id, expected_version)
        when = self._when(at, state, after_report=False)  # a fact may correct the report time itself
        if state.ended:
            raise FactsFrozenError(incident_id)
        new = check_facts(state.facts, changes, when)
        if not new:
            return Change(state, ())
        fact = {"changes": stored(new), "typed": dict(typed or {})}
        decisions = self._decisions(state, {**state.facts, **new}, state.calls, when)
        return self._write(state, [(EventKind.FACT, fact), *decisions], when, actor)

    def call(self, incident_id: str, at: datetime | None = None, location: str | None = None,
             actor: str | None = None, expected_version: int | None = None) -> Change:  # fmt: skip
        """Another call reporting the same location (4.3(4)), at ``at``."""
        state = self._current(incident_id, expected_version)
        when = self._when(at, state)
        place = location if location is not None else state.facts.get("location")
        entry: Entry = (EventKind.CALL, {"call_at": when, "location": place})
        return self._write(state, [entry, *self._decisions(state, state.facts, (*state.calls, when), when)], when,
                           actor)  # fmt: skip

    def advance(self, incident_id: str, at: datetime | None = None, actor: str | None = None) -> Change:
        """The clock moved: record a level that changed with it (night, a holiday) and alerts now due."""
        when = to_local(at) if at is not None else self.now()
        state = self.load(incident_id)
        if state.closed:
            return Change(state, ())
        return self._write(state, self._decisions(state, state.facts, state.calls, when), when, actor)

    def step(self, incident_id: str, step_id: str, action: ProcedureState = ProcedureState.DONE,
             at: datetime | None = None, actor: str | None = None, note: str | None = None,
             expected_version: int | None = None) -> Change:  # fmt: skip
        """Tick, skip or undo a step of chapters 4–6, as the checklist allows; the record closes after chapter 6."""
        state = self._current(incident_id, expected_version)
        when = self._when(at, state)
        # Judged against everything recorded so far, even events entered with a later time.
        checklist = self.checklist(state, max([when, *(e.at for e in state.events)]))
        if checklist is None:
            raise InputError(f"incident {incident_id}: {state.problem or 'no level yet'}", field="facts")
        problem = refusal(checklist, step_id, action, when, note)
        if problem is not None:
            raise ProcedureRefused(problem)
        step = checklist.status(step_id).step
        payload = {"step": step_id, "state": action.value, "note": note.strip() if note and note.strip() else None,
                   "clause": step.clause, "level": checklist.grade.level.value}  # fmt: skip
        change = self._write(state, [(EventKind.PROCEDURE, payload)], when, actor)
        after = self.checklist(change.state, when)
        if after is None or not ready_to_close(after):
            return change
        closed = self.close(incident_id, when, CLOSE_REASON, actor, change.state.version)
        return Change(closed.state, (*change.events, *closed.events))

    def note(self, incident_id: str, text: str, step_id: str | None = None, at: datetime | None = None,
             actor: str | None = None, extra: Mapping[str, object] | None = None) -> Change:  # fmt: skip
        """Free text from the dispatcher, on the incident or on one of its steps (``extra``: context kept beside it)."""
        if not isinstance(text, str) or not text.strip():
            raise InputError("a note needs text", field="text")
        state = self.load(incident_id)
        when = self._when(at, state)
        payload: dict[str, object] = {**(extra or {}), "text": text.strip()}
        if step_id is not None:
            step = self.catalogue.step(step_id)
            if step is None:
                raise InputError(f"unknown step {step_id!r}", field="step")
            payload |= {"step": step_id, "clause": step.clause}
        return self._write(state, [(EventKind.NOTE, payload)], when, actor)

    def order(self, incident_id: str, text: str, new_units: Sequence[str], lang: str = "zh",
              at: datetime | None = None, actor: str | None = None, extra: Mapping[str, object] | None = None,
              expected_version: int | None = None) -> Change:  # fmt: skip
        """A dispatch order as given; the units it adds are marked dispatched on the board in the same write."""
        state = self._current(incident_id, expected_version)
        when = self._when(at, state)
        added = tuple(dict.fromkeys(u for u in new_units if u not in state.units_sent))
        level = state.recorded.level.value if state.recorded else None
        payload = {**(extra or {}), "text": text, "lang": lang, "level": level, "units": [*state.units_sent, *added],
                   "new_units": list(added)}  # fmt: skip
        return self._write(state, [(EventKind.ORDER, payload)], when, actor,
                           units=[(u, UnitStatus.DISPATCHED) for u in added])  # fmt: skip

    def close(self, incident_id: str, at: datetime | None = None, reason: str | None = None,
              actor: str | None = None, expected_version: int | None = None) -> Change:  # fmt: skip
        """Close the record; the units still committed to it are freed."""
        state = self._current(incident_id, expected_version)
        when = self._when(at, state)
        events = self.journal.close_incident(incident_id, when, reason, actor or self.seat, state.version)
        return Change(self.refold(state, events), tuple(events))

    def resume(self, incident_id: str, at: datetime | None = None, actor: str | None = None,
               take_over: bool = False) -> Change:  # fmt: skip
        """Record that a seat took the incident up again (after a restart, or over from another seat)."""
        when = to_local(at) if at is not None else self.now()
        state = self.load(incident_id)
        kind = StatusState.TAKEN_OVER if take_over else StatusState.RESUMED
        payload = {"state": kind.value, **({"from_seat": state.seat} if take_over and state.seat else {})}
        return self._write(state, [(EventKind.STATUS, payload)], when, actor)

    def set_exercise_clock(self, incident_id: str, scenario_at: datetime, rate: float, speed: float | None = None,
                           real_at: datetime | None = None, change: str | None = None,
                           actor: str | None = None) -> Change:  # fmt: skip
        """A new anchor for an exercise's clock: at real time ``real_at`` (default: now) the scenario time is
        ``scenario_at``, running at ``rate`` (0: paused). Recorded at the clock's time before the change."""
        state = self._current(incident_id, None)
        real = now_local() if real_at is None else to_local(real_at)
        payload = clock_payload(state.exercise_clock, incident_id, real, to_local(scenario_at), rate, speed, change)
        assert state.exercise_clock is not None  # clock_payload refuses an incident without one
        when = max(min(state.exercise_clock.at(real), payload["scenario_at"]), state.record.opened_at)
        return self._write(state, [(EventKind.CLOCK, payload)], when, actor)
