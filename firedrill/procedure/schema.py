"""Pydantic schema of the procedure data (``firedrill/procedure/data/steps.yaml``).

A step is one thing the plan asks someone to do during a response: its clause, the plan's words,
who does it, at which levels, after which other steps, and which configurable time target (if
any) measures it. The catalogue keeps the steps in the order a checklist shows them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from firedrill.models import Level, Text

Id = str
ID_PATTERN = r"^[a-z][a-z0-9_.]*$"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Condition(StrEnum):
    """A condition beyond the level under which a step applies."""

    ESCALATED = "escalated"  # the level was raised under clause 4.3


class Stage(_Data):
    """A part of the procedure (alarm, activation, dispatch …), for grouping on screen."""

    title: Text
    clause: str


class StepFields(_Data):
    """What a single step and a block of combat-phase steps have in common."""

    stage: str
    clause: str
    quote: str = Field(min_length=1)
    actor: str
    levels: tuple[Level, ...] = Field(min_length=1)
    condition: Condition | None = None
    depends_on: tuple[Id, ...] = ()
    time_target: str | None = Field(default=None, pattern=ID_PATTERN)
    as_needed: bool = False  # the plan makes the step conditional on need (必要时 …)
    requires_no_active_hazard: bool = False  # refused while Incident.hazards is non-empty
    ends_emergency: bool = False  # done: the emergency state is over (clause 5)
    skippable: bool = True
    reading: Text | None = None  # where the plan leaves order or actor open: the reading chosen


class Step(StepFields):
    """One step of the checklist."""

    id: Id = Field(pattern=ID_PATTERN)
    title: Text


class PhaseBlock(StepFields):
    """The nine combat phases of clause 4.5, taken from the playbook's combat-phase data.

    Each phase becomes a step ``<prefix><phase id>`` titled by the phase's name; ``depends_on``
    applies to every phase and ``phase_depends_on`` adds dependencies between phases (phase ids).
    """

    expand: str = Field(pattern="^combat_phases$")
    id_prefix: str = Field(pattern=ID_PATTERN)
    phase_depends_on: dict[str, tuple[str, ...]] = {}


def _entry_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "phases" if "expand" in value else "step"
    return "phases" if isinstance(value, PhaseBlock) else "step"


Entry = Annotated[
    Annotated[Step, Tag("step")] | Annotated[PhaseBlock, Tag("phases")], Discriminator(_entry_kind)
]


class RawCatalogue(_Data):
    """The data file as written, before the combat phases are expanded."""

    plan: str
    actors: dict[str, Text] = Field(min_length=1)
    stages: dict[str, Stage] = Field(min_length=1)
    steps: tuple[Entry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_names(self) -> Self:
        for index, entry in enumerate(self.steps):
            name = entry.id if isinstance(entry, Step) else entry.expand
            if entry.actor not in self.actors:
                raise ValueError(f"steps[{index}] ({name}): unknown actor '{entry.actor}'")
            if entry.stage not in self.stages:
                raise ValueError(f"steps[{index}] ({name}): unknown stage '{entry.stage}'")
        return self


class Catalogue(_Data):
    """The steps in checklist order, each depending only on steps before it."""

    plan: str
    actors: dict[str, Text]
    stages: dict[str, Stage]
    steps: tuple[Step, ...]

    @model_validator(mode="after")
    def _ordered_graph(self) -> Self:
        seen: set[str] = set()
        for step in self.steps:
            if step.id in seen:
                raise ValueError(f"step '{step.id}' appears twice")
            for dep in step.depends_on:
                if dep not in seen:
                    raise ValueError(f"step '{step.id}' depends on '{dep}', which is not an earlier step")
            seen.add(step.id)
        return self

    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.steps)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def actor(self, step: Step) -> Text:
        return self.actors[step.actor]

    def target_keys(self) -> dict[str, tuple[str, ...]]:
        """Each time-target key with the steps it measures."""
        keys: dict[str, list[str]] = {}
        for step in self.steps:
            if step.time_target is not None:
                keys.setdefault(step.time_target, []).append(step.id)
        return {key: tuple(ids) for key, ids in keys.items()}

    def dependents(self, step_id: str) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if step_id in s.depends_on)
