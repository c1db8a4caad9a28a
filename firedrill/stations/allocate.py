"""Several incidents at once (4.4.1(3) 确保重点，兼顾一般): the larger is served first.

Incidents are ranked by the keys in ``settings.priority.order`` (level, then burning area, then
casualties), each is planned with the units earlier ones took marked ``committed_elsewhere``, so no
unit is sent twice, and each later incident is also planned alone to show what it lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from firedrill.models import DispatchScale, Text
from firedrill.stations.planner import plan
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.result import DispatchPlan, Location, StandbyRule, Totals
from firedrill.stations.settings import Settings, load_settings


class Request(BaseModel):
    """One incident competing for units."""

    model_config = ConfigDict(frozen=True)

    id: str
    node: int
    location: Location
    scale: DispatchScale
    reported_at: datetime
    burning_area_m2: float = 0.0
    casualties: int = 0


class Loss(BaseModel):
    """A unit this incident would have had alone, taken by a larger incident."""

    model_config = ConfigDict(frozen=True)

    unit_id: str
    unit_name: str
    taken_by: str


class Outcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    priority: int
    plan: DispatchPlan
    alone_totals: Totals
    lost: tuple[Loss, ...]
    first_arrival_s: float | None
    alone_first_arrival_s: float | None


class Allocation(BaseModel):
    model_config = ConfigDict(frozen=True)

    clause: str
    quote: str
    order: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    note: Text | None = None


def _key(request: Request, order: Sequence[str]) -> tuple[float, ...]:
    values = {"level": float(request.scale.level.rank), "burning_area_m2": request.burning_area_m2,
              "casualties": float(request.casualties)}
    return tuple(-values[name] for name in order)


def _first_arrival(p: DispatchPlan) -> float | None:
    times = [u.travel_time_s for u in p.sent]
    return min(times) if times else None


def _plan(prepared: PreparedNetwork, request: Request, standby: StandbyRule | None, settings: Settings,
          taken: dict[str, str]) -> DispatchPlan:
    return plan(prepared, request.node, request.location, request.scale, reported_at=request.reported_at,
                standby=standby, taken=taken, incident_id=request.id, settings=settings)


def allocate(prepared: PreparedNetwork, requests: Sequence[Request], *, standby: StandbyRule | None = None,
             settings: Settings | None = None) -> Allocation:
    """Plan every incident, larger first, sharing one pool of units."""
    settings = settings or load_settings()
    ids = [r.id for r in requests]
    if len(set(ids)) != len(ids):
        raise ValueError("incident ids must be unique")
    ranked = sorted(requests, key=lambda r: (*_key(r, settings.priority.order), r.id))
    taken: dict[str, str] = {}
    outcomes: list[Outcome] = []
    for priority, request in enumerate(ranked, start=1):
        shared = _plan(prepared, request, standby, settings, dict(taken))
        alone = _plan(prepared, request, standby, settings, {}) if taken else shared
        lost = tuple(Loss(unit_id=u.id, unit_name=u.name, taken_by=taken[u.id]) for u in alone.sent if u.id in taken)
        outcomes.append(Outcome(priority=priority, plan=shared, alone_totals=alone.totals, lost=lost,
                                first_arrival_s=_first_arrival(shared), alone_first_arrival_s=_first_arrival(alone)))
        taken.update({u.id: request.id for u in shared.sent})
    return Allocation(clause=settings.priority.clause, quote=settings.priority.quote,
                      order=settings.priority.order, outcomes=tuple(outcomes))
