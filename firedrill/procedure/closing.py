"""When the response is over: the step that declares it (clause 5), its aftermath (clause 6), and
when the incident's record is complete and is closed."""

from __future__ import annotations

from firedrill.procedure.schema import Catalogue, Step
from firedrill.procedure.state import ChecklistState, StepState

FINISHED = (StepState.DONE, StepState.SKIPPED, StepState.NOT_APPLICABLE)


def ending_step(catalogue: Catalogue) -> Step:
    """The step whose tick declares the emergency over (clause 5)."""
    return next(s for s in catalogue.steps if s.ends_emergency)


def after_ending(catalogue: Catalogue) -> tuple[Step, ...]:
    """The steps that follow the declaration (the aftermath of clause 6): they stay open after it."""
    later = {ending_step(catalogue).id}
    for step in catalogue.steps:
        if later.intersection(step.depends_on):
            later.add(step.id)
    return tuple(s for s in catalogue.steps if s.id in later and not s.ends_emergency)


def ready_to_close(state: ChecklistState) -> bool:
    """Declared over, and every aftermath step done, skipped or not asked for: the record is complete."""
    return state.terminated and all(state.status(s.id).state in FINISHED for s in after_ending(state.catalogue))
