"""Pydantic schema of the rule data files in ``firedrill/rules/data/``.

Each file names the plan it comes from (``plan: wuhan-2021``) so that a later revision can sit
beside it; each entry carries its clause and the verbatim text it encodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from firedrill.constraints import FORBID_EXTRA, Check
from firedrill.models import Hazard, Level, Range, SiteCategory, Source, Text, Trigger
from firedrill.rulesconfig import HolidayYear, unique_years


class _Data:
    """A table of a rule file: a frozen dataclass, validated by pydantic when the file is read."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA


Beaufort = Annotated[int, Check(ge=0, le=17)]


class Measure(StrEnum):
    DEATHS = "deaths"
    SERIOUS_INJURIES = "serious_injuries"
    DIRECT_LOSS_YUAN = "direct_loss_yuan"
    BURNING_AREA_M2 = "burning_area_m2"
    HAZARDS = "hazards"


@dataclass(frozen=True, kw_only=True, slots=True)
class Quoted(_Data):
    clause: str
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
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

    def __post_init__(self) -> None:
        if self.measure is Measure.HAZARDS:
            if not self.hazards:
                raise ValueError(f"criterion '{self.id}': a hazards criterion lists its hazards")
        elif self.minimum is None:
            raise ValueError(f"criterion '{self.id}': a numeric criterion needs a minimum")


@dataclass(frozen=True, kw_only=True, slots=True)
class NationalStandard(_Data):
    name: Text
    note: Text


@dataclass(frozen=True, kw_only=True, slots=True)
class Grading(_Data):
    plan: str
    clause: str
    inclusive_note: Quoted
    criteria: tuple[Criterion, ...]
    national_standard: NationalStandard


@dataclass(frozen=True, kw_only=True, slots=True)
class TriggerRule(_Data):
    id: Trigger
    clause: str
    description: Text
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class WindRule(_Data):
    clause: str
    wind_force_min: Beaufort
    gust_force_min: Beaufort


@dataclass(frozen=True, kw_only=True, slots=True)
class NightRule(_Data):
    clause: str
    starts: time
    ends: time


@dataclass(frozen=True, kw_only=True, slots=True)
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


@dataclass(frozen=True, kw_only=True, slots=True)
class WindScale(_Data):
    standard: Text
    lower_bounds_ms: dict[int, float]


@dataclass(frozen=True, kw_only=True, slots=True)
class QuotedText(_Data):
    text: Text
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class LevelActivation(_Data):
    set_by_plan: bool
    goes_to_scene: Text | None = None
    quote: str = ""
    note: Text | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ActivationRules(_Data):
    clause: str
    reports: tuple[QuotedText, ...]
    notifications: tuple[QuotedText, ...]
    levels: dict[Level, LevelActivation]


@dataclass(frozen=True, kw_only=True, slots=True)
class Principle(_Data):
    id: str
    clause: str
    title: Text
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Principles(_Data):
    clause: str
    items: tuple[Principle, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class StandbyRule(_Data):
    """4.4.1(5): units this far away are held as standby for a major fire."""

    clause: str
    distance_m: float  # at or beyond (以上)
    travel_time_s: float  # strictly beyond (超过)
    applies_to: tuple[Level, ...]
    lifted_for: tuple[Level, ...]
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
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


@dataclass(frozen=True, kw_only=True, slots=True)
class StationsInclude(_Data):
    text: Text
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class AsWritten(_Data):
    """A word quoted as the plan writes it, with a note that marks it (原文如此)."""

    word: str
    note: Text


@dataclass(frozen=True, kw_only=True, slots=True)
class DispatchRules(_Data):
    clause_text: tuple[str, ...]
    stations_include: StationsInclude
    as_written: tuple[AsWritten, ...]
    standby: StandbyRule
    levels: dict[Level, LevelDispatch]


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkedUnitRule(_Data):
    id: str
    name: Text
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkedUnits(_Data):
    clause: str
    applies_from: Level
    quote: str
    units: tuple[LinkedUnitRule, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Response(_Data):
    plan: str
    activation: ActivationRules
    principles: Principles
    dispatch: DispatchRules
    linked_units: LinkedUnits
    notes: dict[str, Text]


@dataclass(frozen=True, kw_only=True, slots=True)
class Duty(_Data):
    """One duty of a body, in the plan's words."""

    text: Text
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Holder(_Data):
    """Who fills a post: the units the plan names and which of their people.

    ``open`` keeps the plan's 等: the list of units is not exhaustive.
    """

    units: Annotated[tuple[Text, ...], Check(min_length=1)]
    person: Text
    open: bool = False
    condition: Text | None = None
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Post(_Data):
    """A post of a body (指挥长, 副指挥长, 主任, who commands the scene) and who holds it."""

    id: str
    title: Text
    clause: str
    holders: Annotated[tuple[Holder, ...], Check(min_length=1)]


@dataclass(frozen=True, kw_only=True, slots=True)
class Seat(_Data):
    """Where a body sits (2.2: the office at the fire and rescue detachment, i.e. its command centre)."""

    unit: Text
    also: Text | None = None
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class DutyHours(_Data):
    hours: Text
    phones: Annotated[tuple[str, ...], Check(min_length=1)]
    quote: str

    def __post_init__(self) -> None:
        for phone in self.phones:
            if not phone.isdigit() or phone not in self.quote:
                raise ValueError(f"duty phone {phone!r} is not a number written in the quote")


@dataclass(frozen=True, kw_only=True, slots=True)
class Body(_Data):
    id: str
    name: Text
    short_name: Text | None = None
    clause: str
    reports_to: str | None = None
    condition: Text | None = None
    duties: tuple[Duty, ...] = ()
    posts: tuple[Post, ...] = ()
    seat: Seat | None = None
    duty_hours: DutyHours | None = None
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Member(_Data):
    unit: Text
    duty: Text
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Group(_Data):
    id: str
    name: Text
    clause: str
    open: bool = False  # the plan's member list ends in 等
    quote: str
    members: tuple[Member, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Notification(_Data):
    """Units a body notifies (4.2: 通报给市应急管理局等相关部门)."""

    clause: str
    by: str
    action: Text
    units: Annotated[tuple[Text, ...], Check(min_length=1)]
    open: bool = False
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Organisation(_Data):
    plan: str
    bodies: tuple[Body, ...]
    groups: tuple[Group, ...]
    notifications: tuple[Notification, ...] = ()

    def __post_init__(self) -> None:
        ids = [b.id for b in self.bodies] + [g.id for g in self.groups]
        if len(set(ids)) != len(ids):
            raise ValueError("body and group ids must be unique")
        bodies = {b.id for b in self.bodies}
        for body in self.bodies:
            if body.reports_to is not None and body.reports_to not in bodies:
                raise ValueError(f"body {body.id!r} reports to unknown body {body.reports_to!r}")
            posts = [p.id for p in body.posts]
            if len(set(posts)) != len(posts):
                raise ValueError(f"body {body.id!r} has two posts with one id")
        for note in self.notifications:
            if note.by not in bodies:
                raise ValueError(f"notification by unknown body {note.by!r}")
        if "field_headquarters" not in bodies:
            raise ValueError("the field headquarters (2.3) is missing")


@dataclass(frozen=True, kw_only=True, slots=True)
class OfficialHolidays(_Data):
    """``holidays_official.yaml``: the years whose holidays a State Council notice has fixed (4.3(1))."""

    clause: str
    note: Text
    years: tuple[HolidayYear, ...]

    def __post_init__(self) -> None:
        unique_years(self.years)
