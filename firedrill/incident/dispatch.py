"""Dispatch against the board: an incident's plan with every unit committed elsewhere held back.

The plan's arrival times count from the moment of dispatch. Units the incident would have had
alone but another open incident holds are listed as what it went without (4.4.1(3) 确保重点,
兼顾一般: a unit already sent is never recalled). Recording an order marks its units dispatched
in the same journal write, which refuses a unit another seat has just sent elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from firedrill.errors import InputError
from firedrill.incident.board import Board, read_board
from firedrill.incident.desk import Change, Desk
from firedrill.incident.state import IncidentState
from firedrill.journal import UnitStatus
from firedrill.models import Assessment
from firedrill.stations.allocate import Loss
from firedrill.stations.map_svg import map_svg
from firedrill.stations.overlay import Overlay, overlay_for
from firedrill.stations.planner import check_point, locate, plan
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.result import DispatchPlan
from firedrill.stations.settings import Code, load_settings

BOARD_HOLDS = {UnitStatus.STANDBY: Code.ON_STANDBY_STATUS, UnitStatus.OUT_OF_SERVICE: Code.OUT_OF_SERVICE}


@dataclass(frozen=True)
class BoardPlan:
    """A plan for one incident as the board stands, and what the incident went without."""

    incident_id: str
    at: datetime
    assessment: Assessment
    plan: DispatchPlan
    went_without: tuple[Loss, ...]
    playbook: dict[str, Any] | None = None  # id and title of the incident's playbook, when one applies
    overlay: Overlay | None = None  # rivers and crossings for the map

    def map_svg(self, lang: str = "zh") -> str:
        """The order's map (SVG): the scene, units sent and held, routes, rivers and crossings."""
        return map_svg(self.plan, self.overlay, lang)


def inside(prepared: PreparedNetwork, lon: float, lat: float, max_snap_m: float | None = None) -> bool:
    """Whether a point is on the network: a plausible coordinate within the snap distance of a road node."""
    try:
        check_point(lon, lat)
    except InputError:
        return False
    limit = max_snap_m if max_snap_m is not None else load_settings().positions.max_snap_m
    return prepared.network.snap(lon, lat)[1] <= limit


def sent_times(state: IncidentState) -> dict[str, datetime]:
    """When each unit of the incident was first sent: its ETA counts from that order, not from this one."""
    out: dict[str, datetime] = {}
    for order in state.orders:
        for unit in order.units:
            out.setdefault(unit, order.at)
    return out


def _playbook(desk: Desk, state: IncidentState) -> dict[str, Any] | None:
    scenario = state.incident.scenario if state.incident is not None else None
    book = desk.playbook(scenario)
    return None if book is None else {"id": book.id, "title": book.title.as_dict()}


def held_by_board(board: Board) -> dict[str, Code]:
    return {u.unit_id: BOARD_HOLDS[u.status] for u in board.units.values() if u.status in BOARD_HOLDS}


def plan_for(desk: Desk, state: IncidentState, prepared: PreparedNetwork, at: datetime | None = None,
             board: Board | None = None, *, max_snap_m: float | None = None) -> BoardPlan:  # fmt: skip
    """The plan for ``state`` at ``at`` (default now), given every other open incident's units.

    Units sent before keep the ETA of the order that sent them; ``max_snap_m`` is how far the scene
    may be from a road node (default: the stations settings)."""
    when = at or desk.now()
    place = state.place
    if place is None:
        raise InputError(f"incident {state.id} has no map point yet; set scene", field="facts.scene")
    lon, lat = float(place["lon"]), float(place["lat"])
    assessment = desk.assessment(state, when)
    if assessment is None:
        raise InputError(f"incident {state.id}: {state.problem}", field="facts")
    board = board or read_board(desk.journal)
    taken = board.committed(except_incident=state.id)
    held = held_by_board(board)
    standby = desk.rulebook.response.dispatch.standby
    reserved = _reserved_for_larger(desk, state, assessment, prepared, when, taken, held)
    address = state.facts.get("location")
    node, location = locate(prepared, lon=lon, lat=lat, max_snap_m=max_snap_m, field="facts.scene",
                            address=str(address) if address else None)  # fmt: skip
    common: dict[str, Any] = {"reported_at": when, "standby": standby, "already_sent": state.units_sent,
                              "held": held, "incident_id": state.id, "sent_at": sent_times(state),
                              "linked_units": assessment.linked_units}  # fmt: skip
    shared = plan(prepared, node, location, assessment.dispatch, taken=taken, reserved=reserved, **common)
    others = {**taken, **reserved}
    alone = plan(prepared, node, location, assessment.dispatch, **common) if others else shared
    lost = tuple(Loss(unit_id=u.id, unit_name=u.name, taken_by=others[u.id]) for u in alone.sent if u.id in others)
    return BoardPlan(state.id, when, assessment, shared, lost, _playbook(desk, state), overlay_for(prepared))


def _priority(assessment: Assessment, state: IncidentState, order: tuple[str, ...]) -> tuple[float, ...]:
    """4.4.1(3)'s ranking keys (settings: level, burning area, casualties), larger first."""
    facts = state.facts
    casualties = (facts.get("deaths") or 0) + (facts.get("serious_injuries") or 0)
    values = {"level": float(assessment.level.rank), "burning_area_m2": float(facts.get("burning_area_m2") or 0),
              "casualties": float(casualties)}  # fmt: skip
    return tuple(-values[name] for name in order)


def _reserved_for_larger(desk: Desk, state: IncidentState, assessment: Assessment, prepared: PreparedNetwork,
                         when: datetime, taken: dict[str, str], held: dict[str, Code]) -> dict[str, str]:  # fmt: skip
    """Units a larger open incident that has no order yet would get: kept for it (确保重点,兼顾一般).

    An incident already dispatched holds its units on the board; one not yet dispatched but larger is
    planned first, larger before smaller, each with the units of those before it taken."""
    order = load_settings().priority.order
    mine = _priority(assessment, state, order)
    larger = []
    for record in desk.journal.open_incidents():
        if record.id == state.id:
            continue
        other = desk.load(record.id)
        place, graded = other.place, desk.assessment(other, when)
        if other.orders or other.ended or place is None or graded is None:
            continue
        if not inside(prepared, float(place["lon"]), float(place["lat"])):
            continue
        key = _priority(graded, other, order)
        if key < mine:
            larger.append((key, other.id, graded, place))
    reserved: dict[str, str] = {}
    standby = desk.rulebook.response.dispatch.standby
    for _, other_id, graded, place in sorted(larger, key=lambda item: (item[0], item[1])):
        node, location = locate(prepared, lon=float(place["lon"]), lat=float(place["lat"]))
        first = plan(prepared, node, location, graded.dispatch, reported_at=when, standby=standby,
                     taken={**taken, **reserved}, held=held, incident_id=other_id)  # fmt: skip
        reserved.update({u.id: other_id for u in first.sent})
    return reserved


def record_plan(desk: Desk, found: BoardPlan, text: str, lang: str = "zh", actor: str | None = None,
                expected_version: int | None = None) -> Change:  # fmt: skip
    """Record the order of ``found`` with its units (refused if another seat took one meanwhile)."""
    extra = {
        "went_without": [{"unit": loss.unit_id, "taken_by": loss.taken_by} for loss in found.went_without],
        "issued_at": found.at.isoformat(),
        "playbook": found.playbook,
        "address": found.plan.location.address,
        "map_svg": found.map_svg(lang),
    }
    return desk.order(found.incident_id, text, [u.id for u in found.plan.sent], lang, found.at, actor, extra,
                      expected_version)  # fmt: skip
