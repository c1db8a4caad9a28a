"""How far a plan's search goes where the 4.4.1(5) standby rule does not cut the plan.

Where the rule applies (a major fire), the search stops at its time limit and the whole graph is
searched only when a unit beyond it is needed (``planner.py``). Where it does not (lifted for an
especially major fire, or a level it does not name), every unit counts by its real drive time, so
the plan must be the whole-graph search's; but most plans need only units near the scene.

So the first search stops at the rule's time limit, as a major fire's does (an escalation from a
major fire reuses that search). Every unit the search reached has its exact time, length and
route, and every unit it did not reach is slower than every unit it did, so choosing in ranked
order from what was reached gives the same units as the whole-graph search, as long as the unit
chosen was reached. Whenever the plan needs one it has not reached (the nearest unit of a kind, a
small station following its parent, a unit sent earlier, a unit held, whose time the order gives),
the search starts again with a wider bound: twice the last, or the whole graph once the last
search reached half of it.
"""

from __future__ import annotations

import math

from firedrill.stations.result import Standby
from firedrill.stations.search import Search

# Doubling: on a road grid a search's cost grows with the area it covers, so all the searches
# before the last cost about a third of the last one.
GROWTH = 2.0
# From half the graph on, the whole graph costs at most about twice the last search: take it.
WHOLE_GRAPH_SHARE = 0.5


def first_bound(rule: Standby | None) -> float | None:
    """The first search's bound in seconds (None: the whole graph): the standby rule's time limit."""
    if rule is None or not rule.travel_time_s > 0:
        return None
    return rule.travel_time_s


def wider(found: Search) -> float | None:
    """The bound of the search after ``found`` (None: the whole graph)."""
    limit = found.limit
    if limit is None or not limit > 0 or found.reached_share >= WHOLE_GRAPH_SHARE:
        return None
    bound = limit * GROWTH
    return bound if math.isfinite(bound) else None
