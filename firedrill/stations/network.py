"""Where the planner's inputs come from by default: the shipped sample network and the rulebook.

The rules engine is imported only here and only when asked, so the rest of the package works on
a DispatchScale and a StandbyRule given by the caller.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from firedrill.models import Activation, DispatchScale, Level
from firedrill.stations.graph import load_graphml
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.result import StandbyRule
from firedrill.stations.sample import DEFAULT_OUT, GRAPH_FILE, STATIONS_FILE
from firedrill.stations.stationio import load_stations

SAMPLE_GRAPH = DEFAULT_OUT / GRAPH_FILE
SAMPLE_STATIONS = DEFAULT_OUT / STATIONS_FILE


@cache
def prepare(graph: Path = SAMPLE_GRAPH, stations: Path = SAMPLE_STATIONS) -> PreparedNetwork:
    """Load, validate and prepare a network (cached per pair of files for the life of the process)."""
    return PreparedNetwork(load_graphml(graph), load_stations(stations))


def scale_for(level: Level) -> DispatchScale:
    """The 4.4.2 dispatch scale for ``level`` from the rulebook."""
    from firedrill.rules import load_rulebook
    from firedrill.rules.response import dispatch_for

    return dispatch_for(level, load_rulebook())


def activation_for(level: Level) -> Activation:
    """The 4.2 activation for ``level`` from the rulebook."""
    from firedrill.rules import load_rulebook
    from firedrill.rules.response import activation_for as _activation_for

    return _activation_for(level, load_rulebook())


def standby_rule() -> StandbyRule:
    """The 4.4.1(5) rule from the rulebook."""
    from firedrill.rules import load_rulebook

    rule: StandbyRule = load_rulebook().response.dispatch.standby
    return rule
