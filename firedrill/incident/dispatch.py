"""Dispatch against the board: an incident's plan with every unit committed elsewhere held back.

The plan's arrival times count from the moment of dispatch. Units the incident would have had
alone but another open incident holds are listed as what it went without (4.4.1(3) 确保重点,
兼顾一般: a unit already sent is never recalled). Recording an order marks its units dispatched
in the same journal write, which refuses a unit another seat has just sent elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from firedrill.errors import InputError
from firedrill.incident.board import Board, read_board
from firedrill.incident.desk import Change, Desk
from firedrill.incident.state import IncidentState
from firedrill.journal import UnitStatus
from firedrill.models import Assessment
from firedrill.stations.allocate import Loss
from firedrill.stations.planner import locate, plan
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.result import DispatchPlan
from firedrill.stations.settings import Code

BOARD_HOLDS = {UnitStatus.STANDBY: Code.ON_STANDBY_STATUS, UnitStatus.OUT_OF_SERVICE: Code.OUT_OF_SERVICE}


@dataclass(frozen=True)
class BoardPlan:
    """A plan for one incident as the board stands, and what the incident went without."""

    incident_id: str
    at: datetime
    assessment: Assessment
    plan: DispatchPlan
    went_without: tuple[Loss, ...]


def inside(prepared: PreparedNetwork, lon: float, lat: float) -> bool:
    west, east, south, north = prepared.network.extent()
    return west <= lon <= east and south <= lat <= north


def held_by_board(board: Board) -> dict[str, Code]:
    return {u.unit_id: BOARD_HOLDS[u.status] for u in board.units.values() if u.status in BOARD_HOLDS}


def plan_for(desk: Desk, state: IncidentState, prepared: PreparedNetwork, at: datetime | None = None,
             board: Board | None = None) -> BoardPlan:  # fmt: skip
    """The plan for ``state`` at ``at`` (default now), given every other open incident's units."""
    when = at or desk.now()
    place = state.place
    if place is None:
        raise InputError(f"incident {state.id} has no map point yet; set scene", field="facts.scene")
    lon, lat = float(place["lon"]), float(place["lat"])
    if not inside(prepared, lon, lat):
        raise InputError(f"({lon}, {lat}) is outside the road network", field="facts.scene")
    assessment = desk.assessment(state, when)
    if assessment is None:
        raise InputError(f"incident {state.id}: {state.problem}", field="facts")
    board = board or read_board(desk.journal)
    taken = board.committed(except_incident=state.id)
    held = held_by_board(board)
    node, location = locate(prepared, lon=lon, lat=lat)
    standby = desk.rulebook.response.dispatch.standby
    shared = plan(prepared, node, location, assessment.dispatch, reported_at=when, standby=standby,
                  already_sent=state.units_sent, taken=taken, held=held, incident_id=state.id)  # fmt: skip
    alone = plan(prepared, node, location, assessment.dispatch, reported_at=when, standby=standby,
                 already_sent=state.units_sent, held=held, incident_id=state.id) if taken else shared  # fmt: skip
    lost = tuple(Loss(unit_id=u.id, unit_name=u.name, taken_by=taken[u.id]) for u in alone.sent if u.id in taken)
    return BoardPlan(state.id, when, assessment, shared, lost)


def record_plan(desk: Desk, found: BoardPlan, text: str, lang: str = "zh", actor: str | None = None,
                expected_version: int | None = None) -> Change:  # fmt: skip
    """Record the order of ``found`` with its units (refused if another seat took one meanwhile)."""
    extra = {
        "went_without": [{"unit": loss.unit_id, "taken_by": loss.taken_by} for loss in found.went_without],
        "issued_at": found.at.isoformat(),
    }
    return desk.order(found.incident_id, text, [u.id for u in found.plan.sent], lang, found.at, actor, extra,
                      expected_version)  # fmt: skip
