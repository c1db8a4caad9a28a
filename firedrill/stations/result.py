"""The dispatch plan as data: what is sent, held back or missing, each with its reason and clause.

These models are the JSON contract handed to a CAD system (``firedrill dispatch --json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from firedrill.models import DispatchScale, Level, LinkedUnit, Text
from firedrill.stations.kinds import StationKind
from firedrill.stations.settings import Code


class StandbyRule(Protocol):
    """4.4.1(5) as the rulebook carries it (``firedrill.rules`` ``dispatch.standby``)."""

    @property
    def clause(self) -> str: ...
    @property
    def distance_m(self) -> float: ...
    @property
    def travel_time_s(self) -> float: ...
    @property
    def applies_to(self) -> Sequence[Level]: ...
    @property
    def lifted_for(self) -> Sequence[Level]: ...
    @property
    def quote(self) -> str: ...


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Standby(_Frozen):
    """A concrete StandbyRule, and how it was applied to this plan."""

    clause: str
    distance_m: float
    travel_time_s: float
    applies_to: tuple[Level, ...]
    lifted_for: tuple[Level, ...] = ()
    quote: str = ""
    applied: bool = False
    lifted: bool = False


class Location(_Frozen):
    """The incident's road node; ``snap_m`` is how far the reported point was from it."""

    node: str
    lon: float
    lat: float
    snap_m: float = 0.0
    address: str | None = None


class Unit(_Frozen):
    """A unit sent (or offered), with why, how far and when it arrives."""

    id: str
    name: str
    kind: StationKind
    kind_label: Text
    district: str | None
    code: Code
    reason: Text
    clause: str
    engines: int
    formations: int
    counts_as_station: bool
    travel_time_s: float
    distance_m: float
    straight_m: float
    sent_at: datetime | None = None  # the moment this unit was sent; its ETA counts from here
    eta: datetime
    via: tuple[str, ...] = ()
    beyond_standby_limit: bool = False
    note: Text | None = None
    snap_m: float = 0.0  # how far the station's own point lies from its road node
    lon: float | None = None  # the station's road node
    lat: float | None = None
    # For the map only, not part of the JSON contract: the route's (lon, lat) points in driving order,
    # and where it passes each named crossing (name, lon, lat).
    route: tuple[tuple[float, float], ...] = Field(default=(), exclude=True)
    via_points: tuple[tuple[str, float, float], ...] = Field(default=(), exclude=True)


class Held(_Frozen):
    """A unit not sent, and why."""

    id: str
    name: str
    kind: StationKind
    code: Code
    reason: Text
    clause: str
    travel_time_s: float | None
    distance_m: float | None
    taken_by: str | None = None
    kind_label: Text | None = None
    lon: float | None = None  # the station's road node
    lat: float | None = None


class Shortfall(_Frozen):
    """A count or a kind the plan asks for that this dispatch does not reach."""

    what: str
    label: Text | None = None  # what, in words
    needed: int | None
    got: int
    codes: tuple[Code, ...]
    reasons: tuple[Text, ...]


class Totals(_Frozen):
    stations: int
    formations: int
    engines: int


class DispatchPlan(_Frozen):
    """The answer for one incident at one level."""

    incident_id: str
    level: Level
    set_by_plan: bool
    scale: DispatchScale
    location: Location
    reported_at: datetime
    sample_label: Text | None
    standby: Standby | None
    sent: tuple[Unit, ...]
    previously_sent: tuple[Unit, ...]
    offered: tuple[Unit, ...]
    held: tuple[Held, ...]
    shortfalls: tuple[Shortfall, ...]
    totals: Totals
    notes: tuple[Text, ...]
    linked_units: tuple[LinkedUnit, ...] = ()

    @property
    def unit_ids(self) -> tuple[str, ...]:
        return tuple(u.id for u in (*self.previously_sent, *self.sent))
