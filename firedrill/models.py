"""The public data model: the Incident a dispatcher reports and the Assessment the rules return.

The JSON field names here are a contract shared with scripts, scenario files and the CAD hand-off;
rename nothing without a migration note in docs/rules.md.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, computed_field, field_validator

from firedrill.bounds import MAX_CALLS, Area, FreeText, Loss, Moment, People, ShortName, Speed, not_a_bool
from firedrill.timeutil import to_local


class Level(StrEnum):
    """Fire level, lowest first. Ordering follows ``LEVEL_RANK``."""

    GENERAL = "general"
    LARGER = "larger"
    MAJOR = "major"
    ESPECIALLY_MAJOR = "especially_major"

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self]


LEVEL_RANK: dict[Level, int] = {level: i for i, level in enumerate(Level)}


class SiteCategory(StrEnum):
    """Which area thresholds of clause 1.4 apply."""

    ORDINARY_BUILDING = "ordinary_building"
    HIGH_RISE = "high_rise"
    UNDERGROUND = "underground"
    CROWDED_PLACE = "crowded_place"
    CHEMICAL = "chemical"
    SPECIAL = "special"


class Hazard(StrEnum):
    """随时或者已经发生的险情 (clause 1.4)."""

    EXPLOSION = "explosion"
    COLLAPSE = "collapse"
    BOILOVER = "boilover"
    TOXIC_SPREAD = "toxic_spread"


class Trigger(StrEnum):
    """The five escalation triggers of clause 4.3."""

    HOLIDAY_OR_POLITICAL = "holiday_or_political"
    SEVERE_WEATHER = "severe_weather"
    NIGHT = "night"
    RISING_CALLS = "rising_calls"
    MANUAL = "manual"


class Source(StrEnum):
    """Where a rule comes from: the plan itself or a national standard it leans on."""

    PLAN = "plan"
    NATIONAL_STANDARD = "national_standard"


class Text(BaseModel):
    """A phrase in Chinese as written, with its English rendering."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    zh: str
    en: str

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


Beaufort = Annotated[int, BeforeValidator(not_a_bool), Field(ge=0, le=17)]
# For other models holding the same facts (a scenario's changes); the Incident's own bounds apply
# when the facts reach it.
Count = People
NonNegative = Annotated[float, BeforeValidator(not_a_bool), Field(ge=0, allow_inf_nan=False)]


class Incident(BaseModel):
    """The facts of one fire as known now. Naive times are Asia/Shanghai."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    deaths: People = 0
    serious_injuries: People = 0
    direct_loss_yuan: Loss = 0
    burning_area_m2: Area = 0
    site_category: SiteCategory = SiteCategory.ORDINARY_BUILDING
    hazards: tuple[Hazard, ...] = ()
    reported_at: Moment
    wind_force: Beaufort | None = None
    gust_force: Beaufort | None = None
    wind_speed_ms: Speed | None = None
    gust_speed_ms: Speed | None = None
    severe_weather: bool = False
    political_event: bool = False
    sensitive_area: bool = False
    rising_calls: bool | None = None
    calls: Annotated[tuple[Moment, ...], Field(max_length=MAX_CALLS)] = ()
    manual_escalation: FreeText | None = None
    scenario: ShortName | None = None

    @field_validator("reported_at")
    @classmethod
    def _local_report_time(cls, value: datetime) -> datetime:
        return to_local(value)

    @field_validator("calls")
    @classmethod
    def _local_call_times(cls, value: tuple[datetime, ...]) -> tuple[datetime, ...]:
        return tuple(sorted(to_local(v) for v in value))

    @field_validator("hazards")
    @classmethod
    def _unique_hazards(cls, value: tuple[Hazard, ...]) -> tuple[Hazard, ...]:
        return tuple(dict.fromkeys(value))

    @field_validator("manual_escalation")
    @classmethod
    def _blank_reason_is_none(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        return value


class Reason(BaseModel):
    """One criterion that holds, with the clause that sets it."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    kind: str  # "grading" or "escalation"
    criterion: str
    clause: str
    source: Source
    level: Level
    description: Text
    value: str  # short and language-neutral, for scripts
    threshold: str
    value_text: Text  # the same, said in each language, for people
    threshold_text: Text
    quote: str
    # Whether this reason set the level it names: a grading reason below the accident grade, or an
    # escalation trigger on a fire 4.3 does not apply to, holds but was not applied.
    applied: bool = True


class Activation(BaseModel):
    """Clause 4.2: who goes to the scene, who is told."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    clause: str
    set_by_plan: bool
    goes_to_scene: Text | None
    reports: tuple[Text, ...]
    notifications: tuple[Text, ...]
    quote: str
    note: Text | None = None


class Range(BaseModel):
    """A count from the dispatch scale; ``maximum`` is None for 'or more'."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    minimum: int
    maximum: int | None = None


class DispatchPrinciple(BaseModel):
    """One principle of clause 4.4.1, which governs every dispatch whatever the level."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    clause: str
    title: Text
    quote: str


class DispatchScale(BaseModel):
    """Clause 4.4.2 for one level, or a statement that the plan sets nothing.

    ``stations_include`` is 4.4.2's 及所属小型站; ``clause_text`` is the whole clause as written;
    ``as_written`` marks the plan's own words kept as written (遂警出动); ``principles`` are 4.4.1's.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    clause: str
    level: Level
    set_by_plan: bool
    stations: Range | None = None
    formations: Range | None = None
    engines: Range | None = None
    special_units: tuple[Text, ...] = ()
    leaders_respond: tuple[Text, ...] = ()
    other_actions: tuple[Text, ...] = ()
    quote: str = ""
    note: Text | None = None
    stations_include: Text | None = None
    clause_text: tuple[str, ...] = ()
    as_written: tuple[Text, ...] = ()
    principles: tuple[DispatchPrinciple, ...] = ()


class GroupMember(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    unit: Text
    duty: Text


class TaskGroup(BaseModel):
    """One of the seven professional groups of clause 2.4."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    name: Text
    clause: str
    members: tuple[GroupMember, ...]
    quote: str


class LinkedUnit(BaseModel):
    """A unit called under clause 4.4.3 (or named by a playbook)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    name: Text
    clause: str
    quote: str


class AssessmentWarning(BaseModel):
    """Something the reader of an Assessment must know about how it was reached.

    ``holiday_calendar_provisional``: the 4.3(1) holiday check had to use an estimated calendar
    for ``year``, for which no State Council notice is on file.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    code: str
    text: Text
    year: int | None = None


class Reading(BaseModel):
    """A documented reading of the plan's words (docs/rules.md) that decided an Assessment's level."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    code: str
    clause: str
    doc: str  # where the reading is documented, "docs/rules.md#…"
    text: Text


class Assessment(BaseModel):
    """What the plan demands for an Incident, every part citing its clause.

    Two levels, named apart: ``accident_grade`` (事故等级, clause 1.4: the grade reported upward and
    investigated; the same as ``base_level``) and ``response_level`` (火警等级/响应等级, after the 4.3
    escalation: what drives activation and dispatch; the same as ``level``).
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    plan: str
    assessed_at: datetime
    level: Level
    base_level: Level
    escalated: bool
    triggers: tuple[Trigger, ...]
    reasons: tuple[Reason, ...]
    level_source: Source
    level_note: Text | None
    activation: Activation
    dispatch: DispatchScale
    task_groups: tuple[TaskGroup, ...]
    linked_units: tuple[LinkedUnit, ...]
    warnings: tuple[AssessmentWarning, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accident_grade(self) -> Level:
        """事故等级 (1.4): the grade reported upward and investigated; 4.3 never raises it."""
        return self.base_level

    @computed_field  # type: ignore[prop-decorator]
    @property
    def response_level(self) -> Level:
        """火警等级/响应等级 (after 4.3): the level that drives activation and dispatch."""
        return self.level

    @computed_field  # type: ignore[prop-decorator]
    @property
    def readings(self) -> tuple[Reading, ...]:
        """The documented readings that decided the accident grade (empty when the plan's words did)."""
        from firedrill.rules.grading import deciding_readings  # the rules import this module

        return deciding_readings(self.base_level, self.reasons)
