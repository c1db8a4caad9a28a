"""Read what the checklist needs from the journal: the Incident's facts and its level, as of a time.

The level is the latest ``assessment`` event at or before that time: what the dispatcher was
shown. With none recorded yet, the facts are graded afresh by the rules engine (default rules
settings) and ``Standing.assessed_now`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from firedrill.errors import InputError
from firedrill.facts import WIND_KEYS, incident_data
from firedrill.journal import Event, EventKind, Journal
from firedrill.models import Incident, Level
from firedrill.procedure.loader import load_catalogue
from firedrill.procedure.schema import Catalogue
from firedrill.procedure.settings import ProcedureSettings
from firedrill.procedure.state import ChecklistState, Grade, evaluate
from firedrill.timeutil import to_local
from firedrill.yamlio import describe_validation_error

REPORT_TIME_FIELD = "reported_at"


@dataclass(frozen=True)
class Standing:
    """An incident's facts and level as of ``at``, read from its journal."""

    incident: Incident
    grade: Grade
    assessed_now: bool  # no assessment recorded yet: the level was computed from the facts
    events: tuple[Event, ...]


def incident_at(journal: Journal, incident_id: str, events: list[Event], at: datetime) -> Incident:
    """The Incident from the facts and calls recorded at or before ``at``."""
    values: dict[str, Any] = {}
    calls: list[datetime] = []
    for event in events:
        if event.at > at:
            continue
        field = event.payload.get("field")
        if event.kind is EventKind.FACT and (field in Incident.model_fields or field in WIND_KEYS):
            values[field] = event.payload["value"]
        elif event.kind is EventKind.CALL:
            calls.append(to_local(datetime.fromisoformat(event.payload["call_at"])))
    # The console's own reading of its facts: a cleared field takes the default, wind comes in one form.
    facts = incident_data(values, calls)
    facts.setdefault(REPORT_TIME_FIELD, journal.incident(incident_id).opened_at)
    try:
        return Incident.model_validate(facts)
    except ValidationError as exc:
        problem = describe_validation_error(exc)
        raise InputError(
            f"incident {incident_id}: the recorded facts are not a valid incident: {problem.message}",
            field=f"facts.{problem.field}" if problem.field else "facts",
            file=journal.path,
        ) from None


def grade_at(events: list[Event], at: datetime) -> Grade | None:
    """The level of the latest assessment event at or before ``at``."""
    assessments = [e for e in events if e.kind is EventKind.ASSESSMENT and e.at <= at]
    if not assessments:
        return None
    payload = assessments[-1].payload
    level, base = Level(payload["level"]), Level(payload["base_level"])
    return Grade(level=level, escalated=level is not base)


def standing(journal: Journal, incident_id: str, at: datetime) -> Standing:
    """Facts and level of the incident as of ``at``."""
    at = to_local(at)
    events = journal.events(incident_id)
    incident = incident_at(journal, incident_id, events, at)
    grade = grade_at(events, at)
    if grade is not None:
        return Standing(incident, grade, False, tuple(events))
    from firedrill.rules import assess

    return Standing(incident, Grade.of(assess(incident, at)), True, tuple(events))


def current_state(
    journal: Journal,
    incident_id: str,
    now: datetime,
    *,
    settings: ProcedureSettings | None = None,
    catalogue: Catalogue | None = None,
) -> tuple[ChecklistState, Standing]:
    """The incident's checklist as of ``now``, rebuilt from the journal (it survives a restart)."""
    found = standing(journal, incident_id, now)
    state = evaluate(
        found.grade, found.incident, found.events, now, settings=settings, catalogue=catalogue or load_catalogue()
    )
    return state, found
