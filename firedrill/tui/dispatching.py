"""Station dispatch on the console: the incident core's plan against the command centre's board.

The road network and the stations (the shipped SAMPLE) are prepared once, in a thread, the first
time an incident has a place (``load_network``). Plans come from ``firedrill.incident.dispatch``:
units committed to any other open incident (at this seat or another) are held back, units this
incident was sent before are counted and never sent twice, arrival times count from now. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from firedrill.errors import InputError

if TYPE_CHECKING:
    from firedrill.incident.dispatch import BoardPlan
    from firedrill.stations.ranking import PreparedNetwork
    from firedrill.stations.result import DispatchPlan
    from firedrill.tui.session import Session

PLANS_KEPT = 64  # plans remembered (a plan is redrawn every second while its panel shows)
_plans: dict[tuple[str, str, int, int, datetime], BoardPlan] = {}


@dataclass(frozen=True)
class Stations:
    """The planner's answer for the incident now, or why there is none (a console word key)."""

    plan: DispatchPlan | None
    problem: str | None = None
    found: BoardPlan | None = None


def load_network() -> PreparedNetwork:
    """The shipped sample network and stations, validated and prepared (about a second; call in a thread)."""
    from firedrill.stations.network import prepare

    return prepare()


def stations_for(session: Session, prepared: PreparedNetwork | None, now: datetime | None = None) -> Stations:
    """The units for the incident's recorded level at its place, as the board stands now."""
    from firedrill.incident.dispatch import inside, plan_for

    place = session.state.place
    if place is None:
        return Stations(None, "stations_no_place")
    if prepared is None:
        return Stations(None, "stations_loading")
    if session.state.incident is None:
        return Stations(None, "no_assessment")
    if not inside(prepared, float(place["lon"]), float(place["lat"])):
        return Stations(None, "stations_outside")
    at = now or session.clock()
    # The panel is redrawn every second and keeps its plan for the minute; an order (``now`` given) plans afresh.
    moment = at if now is not None else at.replace(second=0, microsecond=0)
    # Keyed by the data directory too: incident ids repeat from one journal to another.
    key = (str(session.engine.data_dir), session.id, session.state.version, session.engine.journal.board_version(),
           moment)  # fmt: skip
    found = _plans.get(key)
    if found is None:
        try:
            found = plan_for(session.desk, session.state, prepared, at)
        except InputError:
            return Stations(None, "no_assessment")
        if len(_plans) >= PLANS_KEPT:
            _plans.clear()
        _plans[key] = found
    return Stations(found.plan, found=found)
