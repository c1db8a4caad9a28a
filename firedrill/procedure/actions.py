"""Whether the checklist allows a tick: every tick, skip or undo is a ``procedure`` event, written by
the incident core (``firedrill.incident``) only after ``refusal`` has found nothing against it.

A tick is refused, with a one-line reason, when the plan's order or facts forbid it: a step not
asked for at this level, a dependency not done, termination (clause 5) while a hazard is still
active, aftermath (clause 6) before termination, a time before a dependency was done.
``refusal`` answers without writing, so the console can grey out what cannot be ticked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from firedrill.errors import InputError
from firedrill.journal import ProcedureState
from firedrill.procedure.state import ChecklistState, StepState
from firedrill.timeutil import to_local


class RefusalCode(StrEnum):
    UNKNOWN_STEP = "unknown_step"
    NOT_APPLICABLE = "not_applicable"
    DEPENDENCIES = "dependencies"
    ACTIVE_HAZARD = "active_hazard"
    BEFORE_DEPENDENCY = "before_dependency"
    ALREADY_RECORDED = "already_recorded"
    NOT_RECORDED = "not_recorded"
    DEPENDENTS_DONE = "dependents_done"
    NOTE_REQUIRED = "note_required"
    NOT_SKIPPABLE = "not_skippable"


@dataclass(frozen=True)
class Refusal:
    code: RefusalCode
    step: str
    message: str


class ProcedureRefused(InputError):
    """A tick the procedure does not allow; ``refusal`` says why."""

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.message, field="step")


def _name(state: ChecklistState, step_id: str) -> str:
    step = state.catalogue.step(step_id)
    return f"{step_id} ({step.clause} {step.title.zh})" if step else step_id


def refusal(
    state: ChecklistState, step_id: str, action: ProcedureState, at: datetime, note: str | None = None
) -> Refusal | None:
    """Why recording ``action`` on ``step_id`` at ``at`` is not allowed, or None if it is."""
    step = state.catalogue.step(step_id)
    if step is None:
        return Refusal(RefusalCode.UNKNOWN_STEP, step_id, f"unknown step {step_id!r}; see 'firedrill procedure steps'")
    current = state.status(step_id)
    name = _name(state, step_id)

    def refuse(code: RefusalCode, message: str) -> Refusal:
        return Refusal(code, step_id, f"{name}: {message}")

    if action is ProcedureState.UNDONE:
        if current.tick is None:
            return refuse(RefusalCode.NOT_RECORDED, "nothing recorded to take back")
        done_after = [d.id for d in state.catalogue.dependents(step_id) if state.status(d.id).state is StepState.DONE]
        if done_after:
            return refuse(RefusalCode.DEPENDENTS_DONE, f"take back {', '.join(done_after)} first (done after this)")
        return None
    if current.tick is not None:
        when = current.tick.at.strftime("%Y-%m-%d %H:%M:%S")
        return refuse(RefusalCode.ALREADY_RECORDED, f"already {current.state.value} at {when}; undo it first")
    if not current.applicable:
        levels = ", ".join(level.value for level in step.levels)
        extra = " after an escalation (4.3)" if step.condition else ""
        return refuse(
            RefusalCode.NOT_APPLICABLE, f"not asked for at level {state.grade.level.value} (applies to {levels}{extra})"
        )
    if action is ProcedureState.SKIPPED:
        if not step.skippable:
            return refuse(RefusalCode.NOT_SKIPPABLE, "cannot be skipped")
        if note is None or not note.strip():
            return refuse(RefusalCode.NOTE_REQUIRED, "a skipped step needs a note saying why")
        return None
    if current.missing:
        missing = ", ".join(_name(state, d) for d in current.missing)
        return refuse(RefusalCode.DEPENDENCIES, f"first: {missing}")
    if current.hazards:
        hazards = ", ".join(h.value for h in current.hazards)
        return refuse(RefusalCode.ACTIVE_HAZARD, f"refused while the facts show an active hazard: {hazards}")
    at = to_local(at)
    for dep in step.depends_on:
        tick = state.status(dep).tick
        if tick is not None and at < tick.at:
            return refuse(RefusalCode.BEFORE_DEPENDENCY, f"{at.isoformat()} is before {dep} was done ({tick.at})")
    return None


def termination_refusal(state: ChecklistState, at: datetime) -> Refusal | None:
    """Why the emergency cannot be declared over (clause 5) at ``at``, or None if it can."""
    step = next(s for s in state.catalogue.steps if s.ends_emergency)
    return refusal(state, step.id, ProcedureState.DONE, at)
