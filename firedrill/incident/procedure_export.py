"""The procedure's part of an incident's after-action record (``firedrill journal export``).

The journal exports events as they were written; this adds the checklist rebuilt from them, with
the time from the report to each step, as of the incident's close (or its last event while open),
so that the record reads the same whenever it is exported.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from firedrill.journal import Journal
from firedrill.procedure.labels import labels
from firedrill.procedure.render import status_text
from firedrill.procedure.report import state_data
from firedrill.procedure.state import ChecklistState


def _as_of(journal: Journal, incident_id: str) -> datetime:
    incident = journal.incident(incident_id)
    if incident.closed_at is not None:
        return incident.closed_at
    events = journal.events(incident_id)
    return events[-1].at if events else incident.opened_at


def _state(journal: Journal, incident_id: str) -> ChecklistState | None:
    """The checklist, or None when the record holds too little to grade (no report time yet)."""
    from firedrill.incident.desk import Desk

    desk = Desk(journal)
    return desk.checklist(desk.load(incident_id), _as_of(journal, incident_id))


def procedure_markdown(journal: Journal, incident_id: str, lang: str) -> str:
    """A Markdown section: the checklist with each step's time since the report."""
    state = _state(journal, incident_id)
    heading = labels().heading("checklist", lang)
    if lang == "zh":
        heading += f" {labels().heading('checklist', 'en')}"
    if state is None:
        return f"\n## {heading}\n\n{labels().heading('none', lang)}\n"
    return f"\n## {heading}\n\n```\n{status_text(state, incident_id, lang).rstrip()}\n```\n"


def procedure_data(journal: Journal, incident_id: str) -> dict[str, Any] | None:
    """The checklist as JSON data (the shape of ``firedrill procedure status --json``), or None."""
    state = _state(journal, incident_id)
    return None if state is None else state_data(state, incident_id)
