"""The checklist and the catalogue as plain JSON data (the shapes are documented in docs/procedure.md)."""

from __future__ import annotations

from typing import Any

from firedrill.models import Level
from firedrill.procedure.schema import Catalogue, Step
from firedrill.procedure.state import ChecklistState, StepStatus
from firedrill.procedure.timeline import elapsed_text, outstanding, timeline

JSON_FORMAT = "firedrill-procedure"
JSON_VERSION = 1


def step_data(catalogue: Catalogue, step: Step) -> dict[str, Any]:
    data: dict[str, Any] = step.model_dump(mode="json", exclude={"actor"})
    data["actor"] = {"id": step.actor, **catalogue.actors[step.actor].as_dict()}
    data["stage"] = {"id": step.stage, **catalogue.stages[step.stage].model_dump(mode="json")}
    return data


def catalogue_data(catalogue: Catalogue, level: Level | None = None) -> dict[str, Any]:
    """Every step in order (or those of ``level``, conditional ones included), with the time-target keys."""
    steps = [s for s in catalogue.steps if level is None or level in s.levels]
    return {
        "format": JSON_FORMAT + "-steps",
        "version": JSON_VERSION,
        "plan": catalogue.plan,
        "level": level.value if level else None,
        "steps": [step_data(catalogue, s) for s in steps],
        "time_targets": {key: list(ids) for key, ids in catalogue.target_keys().items()},
    }


def _status_data(state: ChecklistState, status: StepStatus) -> dict[str, Any]:
    tick = status.tick
    return {
        "id": status.id,
        "clause": status.step.clause,
        "stage": status.step.stage,
        "title": status.step.title.as_dict(),
        "actor": state.catalogue.actor(status.step).as_dict(),
        "state": status.state.value,
        "applicable": status.applicable,
        "as_needed": status.step.as_needed,
        "at": tick.at.isoformat() if tick else None,
        "elapsed_seconds": int((tick.at - state.reported_at).total_seconds()) if tick else None,
        "by": tick.by if tick else None,
        "note": tick.note if tick else None,
        "deadline": status.deadline.isoformat() if status.deadline else None,
        "late": status.late,
        "missing": list(status.missing),
        "hazards": [h.value for h in status.hazards],
    }


def state_data(state: ChecklistState, incident_id: str | None = None) -> dict[str, Any]:
    """The checklist at ``state.now``, with the timeline of what was done."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "incident": incident_id,
        "level": state.grade.level.value,
        "escalated": state.grade.escalated,
        "reported_at": state.reported_at.isoformat(),
        "now": state.now.isoformat(),
        "hazards": [h.value for h in state.hazards],
        "terminated": state.terminated,
        "steps": [_status_data(state, s) for s in state.statuses],
        "timeline": [
            {
                "step": e.step,
                "clause": e.clause,
                "state": e.state.value,
                "at": e.at.isoformat(),
                "elapsed": e.elapsed_text,
                "elapsed_seconds": int(e.elapsed.total_seconds()),
                "by": e.by,
                "note": e.note,
                "late": e.late,
            }
            for e in timeline(state)
        ],
        "outstanding": [s.id for s in outstanding(state)],
        "elapsed": elapsed_text(state.now - state.reported_at),
    }
