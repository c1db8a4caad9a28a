"""The public data model: the Incident a dispatcher reports and the Assessment the rules return.

The JSON field names here are a contract shared with scripts, scenario files and the CAD hand-off;
rename nothing without a migration note in docs/rules.md.

The classes are frozen dataclasses, so grading needs no pydantic; outside data is validated into them
by pydantic through ``firedrill.adapters`` (the constraints are ``firedrill.constraints`` markers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from firedrill.bounded import Area, FreeText, Loss, Moment, People, ShortName, Speed, not_a_bool
from firedrill.bounds import MAX_CALLS
from firedrill.constraints import FORBID_EXTRA, Check
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


@dataclass(frozen=True, kw_only=True, slots=True)
class Text:
    """A phrase in Chinese as written, with its English rendering."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    zh: str
    en: str

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def as_dict(self) -> dict[str, str]:
        """``{"zh": …, "en": …}``, as the JSON outputs write a phrase."""
        return {"zh": self.zh, "en": self.en}


Beaufort = Annotated[int, Check(before=not_a_bool, ge=0, le=17)]
# For other models holding the same facts (a scenario's changes); the Incident's own bounds apply
# when the facts reach it.
Count = People
NonNegative = Annotated[float, Check(before=not_a_bool, ge=0, allow_inf_nan=False)]


@dataclass(frozen=True, kw_only=True, slots=True)
class Incident:
    """The facts of one fire as known now. Naive times are Asia/Shanghai."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

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
    calls: Annotated[tuple[Moment, ...], Check(max_length=MAX_CALLS)] = ()
    manual_escalation: FreeText | None = None
    scenario: ShortName | None = None

    def __post_init__(self) -> None:
        # Times are kept local and the calls in order; a hazard is named once; a blank reason is none.
        # (NORMALISED names these fields: a copy that changes none of them needs none of this.)
        set_ = object.__setattr__
        set_(self, "reported_at", to_local(self.reported_at))
        set_(self, "calls", tuple(sorted(to_local(v) for v in self.calls)))
        set_(self, "hazards", tuple(dict.fromkeys(self.hazards)))
        if self.manual_escalation is not None and not self.manual_escalation.strip():
            set_(self, "manual_escalation", None)


# The fields ``Incident.__post_init__`` puts in their kept form.
NORMALISED = frozenset({"reported_at", "calls", "hazards", "manual_escalation"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Reason:
    """One criterion that holds, with the clause that sets it."""

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


@dataclass(frozen=True, kw_only=True, slots=True)
class Activation:
    """Clause 4.2: who goes to the scene, who is told."""

    clause: str
    set_by_plan: bool
    goes_to_scene: Text | None
    reports: tuple[Text, ...]
    notifications: tuple[Text, ...]
    quote: str
    note: Text | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Range:
    """A count from the dispatch scale; ``maximum`` is None for 'or more'."""

    minimum: int
    maximum: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class DispatchPrinciple:
    """One principle of clause 4.4.1, which governs every dispatch whatever the level."""

    id: str
    clause: str
    title: Text
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class DispatchScale:
    """Clause 4.4.2 for one level, or a statement that the plan sets nothing.

    ``stations_include`` is 4.4.2's 及所属小型站; ``clause_text`` is the whole clause as written;
    ``as_written`` marks the plan's own words kept as written (遂警出动); ``principles`` are 4.4.1's.
    """

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


@dataclass(frozen=True, kw_only=True, slots=True)
class GroupMember:
    unit: Text
    duty: Text


@dataclass(frozen=True, kw_only=True, slots=True)
class TaskGroup:
    """One of the seven professional groups of clause 2.4."""

    id: str
    name: Text
    clause: str
    members: tuple[GroupMember, ...]
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkedUnit:
    """A unit called under clause 4.4.3 (or named by a playbook)."""

    id: str
    name: Text
    clause: str
    quote: str


@dataclass(frozen=True, kw_only=True, slots=True)
class AssessmentWarning:
    """Something the reader of an Assessment must know about how it was reached.

    ``holiday_calendar_provisional``: the 4.3(1) holiday check had to use an estimated calendar
    for ``year``, for which no State Council notice is on file.
    """

    code: str
    text: Text
    year: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Reading:
    """A documented reading of the plan's words (docs/rules.md) that decided an Assessment's level."""

    code: str
    clause: str
    doc: str  # where the reading is documented, "docs/rules.md#…"
    text: Text


@dataclass(frozen=True, kw_only=True, slots=True)
class Assessment:
    """What the plan demands for an Incident, every part citing its clause.

    Two levels, named apart: ``accident_grade`` (事故等级, clause 1.4: the grade reported upward and
    investigated; the same as ``base_level``) and ``response_level`` (火警等级/响应等级, after the 4.3
    escalation: what drives activation and dispatch; the same as ``level``).
    """

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

    # Derived from the fields above by ``firedrill.rules.assess``, the one place an Assessment is
    # made; fields, not properties, so that they are part of the JSON contract.
    accident_grade: Level
    """事故等级 (1.4): the grade reported upward and investigated (``base_level``); 4.3 never raises it."""
    response_level: Level
    """火警等级/响应等级 (after 4.3): the level that drives activation and dispatch (``level``)."""
    readings: tuple[Reading, ...] = ()
    """The documented readings that decided the accident grade (empty when the plan's words did)."""
