"""Pydantic schema of the rule data files in ``firedrill/rules/data/``.

Each file names the plan it comes from (``plan: wuhan-2021``) so that a later revision can sit
beside it; each entry carries its clause and the verbatim text it encodes.
"""

from __future__ import annotations

from datetime import time
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.models import Hazard, Level, Range, SiteCategory, Source, Text, Trigger


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Measure(StrEnum):
    DEATHS = "deaths"
    SERIOUS_INJURIES = "serious_injuries"
    DIRECT_LOSS_YUAN = "direct_loss_yuan"
    BURNING_AREA_M2 = "burning_area_m2"
    HAZARDS = "hazards"


class Quoted(_Data):
    clause: str
    quote: str


class Criterion(_Data):
    """One grading criterion: ``minimum <= value < below`` (以上含本数、以下不含本数)."""

    id: str
    level: Level
    measure: Measure
    minimum: float | None = None
    below: float | None = None
    categories: tuple[SiteCategory, ...] | None = None
    hazards: tuple[Hazard, ...] = ()
    clause: str
    source: Source
    description: Text
    quote: str

    @model_validator(mode="after")
    def _shape(self) -> Self:
        if self.measure is Measure.HAZARDS:
            if not self.hazards:
                raise ValueError(f"criterion '{self.id}': a hazards criterion lists its hazards")
        elif self.minimum is None:
            raise ValueError(f"criterion '{self.id}': a numeric criterion needs a minimum")
        return self


class NationalStandard(_Data):
    name: Text
    note: Text


class Grading(_Data):
    plan: str
    clause: str
    inclusive_note: Quoted
    criteria: tuple[Criterion, ...]
    national_standard: NationalStandard


class TriggerRule(_Data):
    id: Trigger
    clause: str
    description: Text
    quote: str


class WindRule(_Data):
    clause: str
    wind_force_min: int = Field(ge=0, le=17)
    gust_force_min: int = Field(ge=0, le=17)


class NightRule(_Data):
    clause: str
    starts: time
    ends: time


class Escalation(_Data):
    plan: str
    clause: str
    applies_to: Level
    raises_to: Level
    quote: str
    triggers: tuple[TriggerRule, ...]
    wind: WindRule
    night: NightRule

    def trigger(self, trigger: Trigger) -> TriggerRule:
        return next(t for t in self.triggers if t.id is trigger)


class WindScale(_Data):
    standard: Text
    lower_bounds_ms: dict[int, float]


class QuotedText(_Data):
    text: Text
    quote: str


class LevelActivation(_Data):
    set_by_plan: bool
    goes_to_scene: Text | None = None
    quote: str = ""
    note: Text | None = None


class ActivationRules(_Data):
    clause: str
    reports: tuple[QuotedText, ...]
    notifications: tuple[QuotedText, ...]
    levels: dict[Level, LevelActivation]


class Principle(_Data):
    id: str
    clause: str
    title: Text
    quote: str


class Principles(_Data):
    clause: str
    items: tuple[Principle, ...]


class StandbyRule(_Data):
    """4.4.1(5): units this far away are held as standby for a major fire."""

    clause: str
    distance_m: float  # at or beyond (以上)
    travel_time_s: float  # strictly beyond (超过)
    applies_to: tuple[Level, ...]
    lifted_for: tuple[Level, ...]
    quote: str


class LevelDispatch(_Data):
    set_by_plan: bool
    stations: Range | None = None
    formations: Range | None = None
    engines: Range | None = None
    special_units: tuple[Text, ...] = ()
    leaders_respond: tuple[Text, ...] = ()
    other_actions: tuple[Text, ...] = ()
    quote: str = ""
    note: Text | None = None


class DispatchRules(_Data):
    standby: StandbyRule
    levels: dict[Level, LevelDispatch]


class LinkedUnitRule(_Data):
    id: str
    name: Text
    quote: str


class LinkedUnits(_Data):
    clause: str
    applies_from: Level
    quote: str
    units: tuple[LinkedUnitRule, ...]


class Response(_Data):
    plan: str
    activation: ActivationRules
    principles: Principles
    dispatch: DispatchRules
    linked_units: LinkedUnits
    notes: dict[str, Text]


class Body(_Data):
    id: str
    name: Text
    clause: str
    reports_to: str | None = None
    duty: Text | None = None
    quote: str


class Member(_Data):
    unit: Text
    duty: Text
    quote: str


class Group(_Data):
    id: str
    name: Text
    clause: str
    quote: str
    members: tuple[Member, ...]


class Organisation(_Data):
    plan: str
    bodies: tuple[Body, ...]
    groups: tuple[Group, ...]
