"""The checklist of one incident, rebuilt from its level, its facts and its journal's procedure events.

Nothing here writes or reads a file: give it an Assessment (or a ``Grade``), the Incident, the
journal events and the time it is now, and it says for each step whether it is done (when, by
whom), skipped, due, overdue, waiting for other steps, or not applicable at this level.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from firedrill.errors import InputError
from firedrill.journal import Event, EventKind, ProcedureState
from firedrill.models import Assessment, Hazard, Incident, Level
from firedrill.procedure.loader import load_catalogue
from firedrill.procedure.schema import Catalogue, Condition, Step
from firedrill.procedure.settings import REPORTED, ProcedureSettings
from firedrill.timeutil import to_local


class Grade(BaseModel):
    """The part of an Assessment the checklist depends on."""

    model_config = ConfigDict(frozen=True)

    level: Level
    escalated: bool = False

    @classmethod
    def of(cls, value: Assessment | Grade) -> Grade:
        return value if isinstance(value, Grade) else cls(level=value.level, escalated=value.escalated)


def applies(step: Step, grade: Grade) -> bool:
    """Whether the plan asks for ``step`` at this level (and, for 4.3, only after an escalation)."""
    if grade.level not in step.levels:
        return False
    return step.condition is not Condition.ESCALATED or grade.escalated


class StepState(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    OVERDUE = "overdue"  # a local time target has passed and the step is not done
    DUE = "due"  # applicable, its dependencies are done: to do now
    WAITING = "waiting"  # applicable, but a dependency is not done or a hazard is active
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Tick:
    """The latest procedure event of a step (``undone`` events clear it)."""

    state: ProcedureState
    at: datetime
    by: str | None
    note: str | None
    seq: int


@dataclass(frozen=True)
class StepStatus:
    step: Step
    state: StepState
    applicable: bool
    tick: Tick | None  # set when done or skipped
    deadline: datetime | None  # from a local time target, when its anchor is known
    missing: tuple[str, ...]  # dependencies not done
    hazards: tuple[Hazard, ...]  # active hazards that hold this step back

    @property
    def id(self) -> str:
        return self.step.id

    @property
    def late(self) -> bool:
        """Done after its local deadline."""
        return self.tick is not None and self.deadline is not None and self.tick.at > self.deadline


@dataclass(frozen=True)
class ChecklistState:
    catalogue: Catalogue
    grade: Grade
    reported_at: datetime
    now: datetime
    hazards: tuple[Hazard, ...]
    statuses: tuple[StepStatus, ...]

    def status(self, step_id: str) -> StepStatus:
        found = next((s for s in self.statuses if s.id == step_id), None)
        if found is None:
            raise InputError(f"unknown step {step_id!r}; see 'firedrill procedure steps'", field="step")
        return found

    def in_state(self, *states: StepState) -> tuple[StepStatus, ...]:
        return tuple(s for s in self.statuses if s.state in states)

    def due(self) -> tuple[StepStatus, ...]:
        """What to do now: due and overdue steps, in checklist order."""
        return self.in_state(StepState.DUE, StepState.OVERDUE)

    def done(self) -> tuple[StepStatus, ...]:
        return self.in_state(StepState.DONE)

    def overdue(self) -> tuple[StepStatus, ...]:
        return self.in_state(StepState.OVERDUE)

    @property
    def terminated(self) -> bool:
        """The headquarters has declared the emergency over (clause 5)."""
        return any(s.step.ends_emergency and s.state is StepState.DONE for s in self.statuses)


def ticks_from_events(events: Iterable[Event]) -> dict[str, Tick]:
    """The latest done/skipped event of each step, in recording order; ``undone`` clears a step."""
    ticks: dict[str, Tick] = {}
    for event in sorted((e for e in events if e.kind is EventKind.PROCEDURE), key=lambda e: e.seq):
        step_id = str(event.payload["step"])
        state = ProcedureState(event.payload["state"])
        if state is ProcedureState.UNDONE:
            ticks.pop(step_id, None)
        else:
            ticks[step_id] = Tick(state, event.at, event.actor, event.payload.get("note"), event.seq)
    return ticks


def _deadline(
    step: Step, settings: ProcedureSettings, reported_at: datetime, ticks: dict[str, Tick]
) -> datetime | None:
    target = settings.targets.get(step.time_target) if step.time_target is not None else None
    if target is None:
        return None
    if target.after == REPORTED:
        return reported_at + target.span()
    anchor = ticks.get(target.after)
    if anchor is None or anchor.state is not ProcedureState.DONE:
        return None
    return anchor.at + target.span()


def evaluate(
    assessment: Assessment | Grade,
    incident: Incident,
    events: Iterable[Event],
    now: datetime,
    *,
    settings: ProcedureSettings | None = None,
    catalogue: Catalogue | None = None,
) -> ChecklistState:
    """The checklist as it stands at ``now``; procedure events later than ``now`` are not counted yet."""
    catalogue = catalogue or load_catalogue()
    settings = settings or ProcedureSettings()
    grade = Grade.of(assessment)
    now = to_local(now)
    ticks = ticks_from_events(e for e in events if e.at <= now)
    done = {step_id for step_id, t in ticks.items() if t.state is ProcedureState.DONE}
    statuses = []
    for step in catalogue.steps:
        tick = ticks.get(step.id)
        applicable = applies(step, grade)
        deadline = _deadline(step, settings, incident.reported_at, ticks)
        missing = tuple(d for d in step.depends_on if d not in done)
        hazards = incident.hazards if step.requires_no_active_hazard else ()
        if tick is not None:
            state = StepState.DONE if tick.state is ProcedureState.DONE else StepState.SKIPPED
        elif not applicable:
            state = StepState.NOT_APPLICABLE
        elif deadline is not None and now > deadline:
            state = StepState.OVERDUE
        elif missing or hazards:
            state = StepState.WAITING
        else:
            state = StepState.DUE
        statuses.append(StepStatus(step, state, applicable, tick, deadline, missing, hazards))
    return ChecklistState(catalogue, grade, incident.reported_at, now, incident.hazards, tuple(statuses))


@dataclass(frozen=True)
class LevelChange:
    """What a change of level does to the checklist."""

    before: Grade
    after: Grade
    added: tuple[Step, ...]  # now asked for, not asked for before
    removed: tuple[Step, ...]  # asked for before, no longer at the new level


def level_change(
    before: Assessment | Grade, after: Assessment | Grade, catalogue: Catalogue | None = None
) -> LevelChange:
    """The steps a change from ``before`` to ``after`` adds and removes, in checklist order."""
    catalogue = catalogue or load_catalogue()
    old, new = Grade.of(before), Grade.of(after)
    added = tuple(s for s in catalogue.steps if applies(s, new) and not applies(s, old))
    removed = tuple(s for s in catalogue.steps if applies(s, old) and not applies(s, new))
    return LevelChange(old, new, added, removed)
