"""``fold(record, events) → IncidentState``: the only code that reads an incident's events back.

Facts are taken as recorded (domain names and units): nothing typed is parsed again, so an
incident reopened a day later has the same report time it had. Events later than ``until``
are left out, which gives the state as it stood at any earlier moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from firedrill.adapters import validate
from firedrill.facts import TIME_FACTS, form_fields, incident_data
from firedrill.incident.exercise_clock import ExerciseAnchor, anchor_of, first_anchor
from firedrill.incident.state import IncidentState, Order, RecordedLevel
from firedrill.journal import Event, EventKind, IncidentRecord, ProcedureState, StatusState
from firedrill.models import Incident, Level
from firedrill.timeutil import to_local
from firedrill.yamlio import describe_validation_error


def _fact_value(name: str, value: Any) -> Any:
    if name in TIME_FACTS and isinstance(value, str):
        try:
            return to_local(datetime.fromisoformat(value))
        except ValueError:
            return value  # no date-time (a hand-edited journal): kept as stored, the Incident says what is wrong
    return value


def incident_or_problem(facts: dict[str, Any], calls: list[datetime],
                        opened_at: datetime) -> tuple[Incident | None, str | None]:  # fmt: skip
    data = incident_data(facts, calls)
    data.setdefault("reported_at", opened_at)
    try:
        return validate(Incident, data), None
    except ValidationError as exc:
        problem = describe_validation_error(exc)
        where = f"facts.{problem.field}: " if problem.field else ""
        return None, f"{where}{problem.message}"


def fold(record: IncidentRecord, events: Iterable[Event], ending_step: str | None = None,
         until: datetime | None = None) -> IncidentState:  # fmt: skip
    """The incident's state from its events (``ending_step``: the step that declares the emergency over)."""
    facts: dict[str, Any] = {}
    typed: dict[str, str] = {}
    calls: list[datetime] = []
    recorded: RecordedLevel | None = None
    levels: list[RecordedLevel] = []
    step_notes: dict[str, list[str]] = {}
    alerted: set[str] = set()
    orders: list[Order] = []
    ended = exercise = False
    exercise_offset_s: float | None = None
    exercise_clock: ExerciseAnchor | None = None
    exercise_script: str | None = None
    seat: str | None = None
    closed_at: datetime | None = None
    kept: list[Event] = []
    for event in events:
        if until is not None and event.at > until:
            continue
        kept.append(event)
        p = event.payload
        if event.kind is EventKind.FACT:
            facts.update({name: _fact_value(name, value) for name, value in p["changes"].items()})
            given = p.get("typed") or {}
            for entry_field in form_fields(p["changes"]):  # the text that gave each value now recorded
                if entry_field in given:
                    typed[entry_field] = given[entry_field]
                else:
                    typed.pop(entry_field, None)
        elif event.kind is EventKind.CALL:
            calls.append(to_local(datetime.fromisoformat(p["call_at"])))
        elif event.kind is EventKind.ASSESSMENT:
            level, base = Level(p["level"]), Level(p["base_level"])
            escalated = p.get("escalated")
            recorded = RecordedLevel(level, base, tuple(p.get("triggers") or ()),
                                     bool(escalated) if escalated is not None else level is not base,
                                     event.at, event.seq)  # fmt: skip
            levels.append(recorded)
        elif event.kind is EventKind.NOTE and p.get("step"):
            step_notes.setdefault(str(p["step"]), []).append(str(p.get("text") or ""))
        elif event.kind is EventKind.ALERT and p.get("code"):
            alerted.add(str(p["code"]))
        elif event.kind is EventKind.ORDER:
            units = tuple(str(u) for u in p.get("units") or ())
            added = tuple(str(u) for u in p.get("new_units") or ())
            orders.append(Order(event.seq, event.at, units, added, p.get("level"), str(p["text"])))
        elif event.kind is EventKind.PROCEDURE and ending_step is not None and p["step"] == ending_step:
            ended = p["state"] == ProcedureState.DONE.value
        elif event.kind is EventKind.CLOCK and exercise_clock is not None:
            exercise_clock = anchor_of(p)
        elif event.kind is EventKind.STATUS:
            state = p["state"]
            if state == StatusState.OPENED.value:
                exercise = bool(p.get("exercise"))
                offset = p.get("exercise_offset_s")
                exercise_offset_s = float(offset) if isinstance(offset, int | float) else None
                exercise_clock = None if exercise_offset_s is None else first_anchor(event.at, exercise_offset_s)
                script = p.get("exercise_script")
                exercise_script = script if isinstance(script, str) else None
            if state == StatusState.CLOSED.value:
                closed_at = event.at
            else:
                seat = event.actor or seat
    incident, problem = incident_or_problem(facts, calls, record.opened_at)
    as_of = record if until is None or closed_at is not None or record.closed_at is None else \
        record.model_copy(update={"closed_at": None, "status": "open"})  # fmt: skip
    return IncidentState(
        record=as_of, version=len(kept), events=tuple(kept), facts=facts, typed=typed, calls=tuple(sorted(calls)),
        incident=incident, problem=problem, recorded=recorded, levels=tuple(levels),
        step_notes={step: tuple(texts) for step, texts in step_notes.items()}, alerted=frozenset(alerted),
        orders=tuple(orders),
        ended=ended, exercise=exercise, exercise_offset_s=exercise_offset_s,
        exercise_clock=exercise_clock, exercise_script=exercise_script, seat=seat,
    )  # fmt: skip
