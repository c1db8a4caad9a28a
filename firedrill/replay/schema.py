"""The pydantic schema of a scenario script (``scenarios/*.yaml``); docs/scenarios.md describes it.

Field names of incident facts are the public Incident names (firedrill/models.py). Every model
forbids unknown keys so that a typo is one clear error naming its file, line and field.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from firedrill.journal import ProcedureState
from firedrill.procedure.settings import ProcedureSettings
from firedrill.replay.schema_exercise import Condition as Condition  # re-exported: the script's schema is one module
from firedrill.replay.schema_exercise import Role as Role
from firedrill.replay.schema_exercise import Said as Said
from firedrill.replay.schema_exercise import StepDeadlines as StepDeadlines
from firedrill.replay.schema_exercise import Words as Words
from firedrill.replay.schema_expect import AlertCode as AlertCode
from firedrill.replay.schema_expect import DispatchExpect as DispatchExpect
from firedrill.replay.schema_expect import Expectation as Expectation
from firedrill.replay.timespec import Duration, WhenField
from firedrill.replay.values import (
    AreaIn,
    BeaufortIn,
    DeathsIn,
    HazardIn,
    InjuriesIn,
    MoneyIn,
    SiteIn,
    SpeedIn,
    TimeIn,
)
from firedrill.rulesconfig import RulesConfig
from firedrill.timeutil import to_local


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Location(_Strict):
    """Where the fire is: free text, a node id of the road graph used for dispatch, or longitude/latitude.

    The node is not checked against a graph: scripts outlive graphs, and a command centre may use its own."""

    text: str | None = None
    node: int | str | None = None
    lon: float | None = Field(default=None, ge=-180, le=180)
    lat: float | None = Field(default=None, ge=-90, le=90)

    @model_validator(mode="after")
    def _something(self) -> Self:
        if (self.lon is None) != (self.lat is None):
            raise PydanticCustomError("lon_lat", "give both lon and lat, or neither")
        if self.text is None and self.node is None and self.lon is None:
            raise PydanticCustomError("location", "a location needs text, a node or lon/lat")
        return self


def _location(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class StartIncident(_Strict):
    """The incident at the start: any Incident field; ``reported_at`` defaults to the script's start."""

    deaths: DeathsIn = 0
    serious_injuries: InjuriesIn = 0
    direct_loss_yuan: MoneyIn = 0
    burning_area_m2: AreaIn = 0
    site_category: SiteIn | None = None  # default: the playbook's site category
    hazards: tuple[HazardIn, ...] = ()
    reported_at: TimeIn | None = None
    wind_force: BeaufortIn | None = None
    gust_force: BeaufortIn | None = None
    wind_speed_ms: SpeedIn | None = None
    gust_speed_ms: SpeedIn | None = None
    severe_weather: bool = False
    political_event: bool = False
    sensitive_area: bool = False
    rising_calls: bool | None = None
    calls: tuple[TimeIn, ...] = ()
    manual_escalation: str | None = None
    scenario: str | None = None


# In the update blocks a key that is absent changes nothing; a key given replaces the value
# (``hazards`` included: list every hazard that now holds). Defaults are never validated.
class FactUpdate(_Strict):
    deaths: DeathsIn = None  # type: ignore[assignment]
    serious_injuries: InjuriesIn = None  # type: ignore[assignment]
    direct_loss_yuan: MoneyIn = None  # type: ignore[assignment]
    burning_area_m2: AreaIn = None  # type: ignore[assignment]
    site_category: SiteIn = None  # type: ignore[assignment]
    hazards: tuple[HazardIn, ...] = None  # type: ignore[assignment]


class WeatherUpdate(_Strict):
    wind_force: BeaufortIn | None = None
    gust_force: BeaufortIn | None = None
    wind_speed_ms: SpeedIn | None = None
    gust_speed_ms: SpeedIn | None = None
    severe_weather: bool = None  # type: ignore[assignment]


class FlagUpdate(_Strict):
    political_event: bool = None  # type: ignore[assignment]
    sensitive_area: bool = None  # type: ignore[assignment]
    rising_calls: bool | None = None
    manual_escalation: str | None = None


def _calls(value: Any) -> Any:
    return {"count": value} if isinstance(value, int) and not isinstance(value, bool) else value


class Calls(_Strict):
    """More calls reporting the same location: a count (at the inject time, or spread evenly over
    ``over`` from it) or the call times themselves."""

    # A bound of the software, not of the plan: more calls than this in one inject is a typo.
    count: int | None = Field(default=None, ge=1, le=10_000)
    over: Duration | None = None
    at: tuple[WhenField, ...] | None = None
    location: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        if (self.count is None) == (self.at is None):
            raise PydanticCustomError("calls_form", "give either a count or the call times ('at'), not both")
        if self.over is not None and self.count is None:
            raise PydanticCustomError("calls_over", "'over' spreads a count; it does not apply to call times")
        return self


class ProcedureMark(_Strict):
    """A step of the procedure checklist (firedrill/procedure) ticked, skipped or taken back at the inject."""

    step: str = Field(min_length=1)
    state: ProcedureState = ProcedureState.DONE
    by: str | None = None
    note: str | None = None


class Method(StrEnum):
    PHONE = "phone"
    RADIO = "radio"
    MESSAGE = "message"
    IN_PERSON = "in_person"


def _recipients(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


class Inject(_Strict):
    at: WhenField
    when: Condition | None = None  # a contingency inject: it fires only when this holds
    incident: FactUpdate | None = None
    weather: WeatherUpdate | None = None
    calls: Annotated[Calls, BeforeValidator(_calls)] | None = None
    flags: FlagUpdate | None = None
    # The report time as now known (a correction, e.g. typed in the console after the opening):
    # replaces the incident's ``reported_at`` from this inject on, which moves the span 4.3 reads.
    reported_at: TimeIn | None = None
    message: Said | None = None
    prompt: Said | None = None
    phase: str | None = None  # a clause 4.5 combat phase id (firedrill/playbook/data/combat_phases.yaml)
    procedure: tuple[ProcedureMark, ...] = ()
    # Master scenario events list (MSEL) columns.
    seq: int | None = Field(default=None, ge=1)
    sender: str | None = Field(default=None, alias="from")
    to: Annotated[tuple[str, ...], BeforeValidator(_recipients)] = ()  # roles (ids or names), or free text
    method: Method | None = None
    expected_action: Said | None = None
    clause: str | None = None
    objective: Said | None = None  # the exercise objective the inject tests (MSEL)

    @field_validator("reported_at")
    @classmethod
    def _local_report_time(cls, value: datetime | None) -> datetime | None:
        return None if value is None else to_local(value)


class DrillSettings(_Strict):
    """Per-script overrides of the decision-time targets of data/scoring.yaml, the local time
    targets of the procedure (``procedure: {targets: …}``, as in the config file) and the
    designer's step deadlines (``deadlines:``) a drill's ticks are judged by."""

    target_seconds: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    limit_seconds: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    procedure: ProcedureSettings | None = None
    deadlines: StepDeadlines | None = None


class Script(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Said
    author: str = Field(min_length=1)
    playbook: str = Field(min_length=1)
    start: TimeIn
    location: Annotated[Location, BeforeValidator(_location)]
    description: Said | None = None
    ignition: WhenField | None = None  # default: the start
    end: WhenField | None = None  # default: the last inject or expectation
    incident: StartIncident = StartIncident()
    injects: tuple[Inject, ...] = ()
    expect: tuple[Expectation, ...] = ()
    drill: DrillSettings = DrillSettings()
    roles: tuple[Role, ...] = ()
    # The local rule settings the script relies on (political events, important areas, the
    # rising-calls rule …), as in the config file's ``rules:``; each key given wins over --config (the
    # keys written are kept by the parser: ``LoadedScript.rule_keys``).
    rules: RulesConfig | None = None

    @field_validator("start")
    @classmethod
    def _local_start(cls, value: datetime) -> datetime:
        return to_local(value)
