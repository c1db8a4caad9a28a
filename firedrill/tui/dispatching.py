"""Station dispatch on the console: the planner's units for an incident's assessment and place.

The road network and the stations (the shipped SAMPLE) are prepared once, in a thread, the first
time an incident has a place (``load_network``). The units already sent to an incident are those
its recorded orders name (``units`` of each ``order`` event): they are passed to the planner as
``already_sent``, so an escalation adds units and never sends one twice. No Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from firedrill.journal import Event, EventKind

if TYPE_CHECKING:
    from firedrill.models import DispatchScale
    from firedrill.stations.ranking import PreparedNetwork
    from firedrill.stations.result import DispatchPlan, StandbyRule
    from firedrill.tui.session import Session

PLANS_KEPT = 64  # plans remembered (a plan is redrawn every second while its panel shows)


@dataclass(frozen=True)
class Stations:
    """The planner's answer for the incident now, or why there is none (a console word key)."""

    plan: DispatchPlan | None
    problem: str | None = None


def load_network() -> PreparedNetwork:
    """The shipped sample network and stations, validated and prepared (about a second; call in a thread)."""
    from firedrill.stations.network import prepare

    return prepare()


def sent_units(events: Iterable[Event]) -> tuple[str, ...]:
    """Every unit the incident's recorded orders sent, in the order they were first sent."""
    sent: dict[str, None] = {}
    for event in events:
        if event.kind is EventKind.ORDER:
            sent.update(dict.fromkeys(str(u) for u in event.payload.get("units") or ()))
    return tuple(sent)


@lru_cache(maxsize=PLANS_KEPT)
def _plan(prepared: PreparedNetwork, lon: float, lat: float, scale: DispatchScale, reported_at: datetime,
          standby: StandbyRule, sent: tuple[str, ...], incident_id: str) -> DispatchPlan:  # fmt: skip
    from firedrill.stations.planner import locate, plan

    node, location = locate(prepared, lon=lon, lat=lat)
    return plan(prepared, node, location, scale, reported_at=reported_at, standby=standby, already_sent=sent,
                incident_id=incident_id)  # fmt: skip


def inside(prepared: PreparedNetwork, lon: float, lat: float) -> bool:
    west, east, south, north = prepared.network.extent()
    return west <= lon <= east and south <= lat <= north


def stations_for(session: Session, prepared: PreparedNetwork | None) -> Stations:
    """The units for the session's current (last valid) assessment at its place."""
    place: dict[str, Any] | None = session.values.get("scene")
    if place is None:
        return Stations(None, "stations_no_place")
    if prepared is None:
        return Stations(None, "stations_loading")
    if session.assessment is None:
        return Stations(None, "no_assessment")
    lon, lat = float(place["lon"]), float(place["lat"])
    if not inside(prepared, lon, lat):
        return Stations(None, "stations_outside")
    standby = session.engine.rulebook.response.dispatch.standby
    result = _plan(prepared, lon, lat, session.assessment.dispatch, session.reported_at(), standby,
                   sent_units(session.events), session.id)  # fmt: skip
    return Stations(result)
