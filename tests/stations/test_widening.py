"""Where the standby rule does not cut the plan, a search widened on demand gives the whole-graph plan.

The plan for an especially major fire (rule lifted) or a level the rule does not name starts with
a bounded search and widens it only when it needs a unit not yet reached. Over random road graphs,
stations, statuses and earlier orders, and first bounds small enough to need several wider
searches, it is the plan of one whole-graph search, route for route, and its times and lengths are
networkx's fastest-then-shortest drives.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any
from unittest import mock

import networkx as nx
import pytest
from hypothesis import event, given, note, settings
from hypothesis import strategies as st

from firedrill.models import Level
from firedrill.stations import bounds
from firedrill.stations.planner import plan
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.result import DispatchPlan
from firedrill.stations.search import search
from firedrill.stations.settings import Code
from firedrill.stations.text import metres_down, seconds_up
from tests.stations.conftest import REPORTED, SPECIAL_UNITS, at, prepared, scale, star_graph, station

KINDS = ("main", "main", "special_service", "small", "full_time", "heavy_rescue", "logistics")
STATUSES = ("available",) * 5 + ("committed", "standby")


@contextmanager
def first_bound(limit: float | None) -> Iterator[None]:
    """Plans made inside start their search at ``limit`` (None: the whole graph at once, the reference)."""
    with mock.patch.object(bounds, "first_bound", lambda rule: limit):
        yield


def searched(p: PreparedNetwork, node: int) -> set[float | None]:
    return {limit for n, limit in p._searches if n == node}


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(3, 16))
    # Whole tenths of a second take the one-key search; a fraction off that grid the two-pass one.
    off = 0.0 if draw(st.booleans()) else 3e-5
    graph = nx.MultiDiGraph()
    for i in range(n):
        graph.add_node(str(i), x=114.0 + 0.002 * i, y=30.5 + 0.001 * (i % 4))
    for i in range(1, n):  # a spanning chain keeps it in one part; some links run one way only
        t, length = draw(st.integers(0, 1500)) + off, draw(st.integers(0, 20_000))
        graph.add_edge(str(i - 1), str(i), travel_time=t, length=length)
        if draw(st.integers(0, 4)):
            graph.add_edge(str(i), str(i - 1), travel_time=t, length=length)
    for _ in range(draw(st.integers(0, 2 * n))):  # shortcuts, and ties of equal time
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        graph.add_edge(str(a), str(b), travel_time=draw(st.integers(0, 1500)) + off,
                       length=draw(st.integers(0, 20_000)))
    rows: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(KINDS))
        parents = [r["id"] for r in rows if r["kind"] in ("main", "special_service")]
        if kind == "small" and not parents:
            kind = "main"
        row = station(f"U{i}", str(draw(st.integers(0, n - 1))), kind, draw(st.integers(0, 6)),
                      draw(st.integers(0, 3)), status=draw(st.sampled_from(STATUSES)))
        if kind == "small":
            row["parent"] = draw(st.sampled_from(parents))
        rows.append(row)
    ids = [r["id"] for r in rows]
    some = st.lists(st.sampled_from(ids), max_size=3, unique=True)
    earlier, taken, board, reserved = draw(some), draw(some), draw(some), draw(some)
    level = draw(st.sampled_from([Level.ESPECIALLY_MAJOR, Level.LARGER]))
    counts = draw(st.integers(1, 8)), draw(st.integers(1, 12)), draw(st.integers(1, 30))
    return {
        "graph": graph, "rows": rows, "scene": str(draw(st.integers(0, n - 1))),
        "scale": scale(level, (counts[0], draw(st.sampled_from([None, counts[0] + 1]))), (counts[1], None),
                       (counts[2], None), SPECIAL_UNITS[: draw(st.integers(0, 2))]),
        "first": draw(st.sampled_from([None, 1800.0]) | st.floats(1, 1500)),
        "options": {"already_sent": earlier, "sent_at": {u: REPORTED - timedelta(minutes=7) for u in earlier},
                    "taken": {u: "other-incident" for u in taken}, "reserved": {u: "larger" for u in reserved},
                    "held": {u: draw(st.sampled_from([Code.OUT_OF_SERVICE, Code.ON_STANDBY_STATUS])) for u in board}},
    }  # fmt: skip


def routes(result: DispatchPlan) -> list[tuple[str, tuple[tuple[float, float], ...]]]:
    return [(u.id, u.route) for u in (*result.previously_sent, *result.sent)]


def drives(graph: nx.MultiDiGraph, scene: str) -> tuple[dict[str, float], dict[str, float]]:
    """networkx: each node's fastest drive to ``scene``, and the shortest length among the fastest routes."""
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    for u, v, d in graph.edges(data=True):  # between two roads of equal time the shorter, as the search does
        key = (d["travel_time"], d["length"])
        if not simple.has_edge(u, v) or key < (simple[u][v]["travel_time"], simple[u][v]["length"]):
            simple.add_edge(u, v, travel_time=d["travel_time"], length=d["length"])
    times = nx.single_source_dijkstra_path_length(simple.reverse(), scene, weight="travel_time")
    tight = nx.DiGraph()  # the roads on some fastest route
    for u, v, d in simple.edges(data=True):
        if u in times and v in times and math.isclose(times[v] + d["travel_time"], times[u], rel_tol=1e-9,
                                                      abs_tol=1e-9):
            tight.add_edge(v, u, length=d["length"])
    lengths = nx.single_source_dijkstra_path_length(tight, scene, weight="length") if scene in tight else {}
    return times, {scene: 0.0, **lengths}


@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_widened_plan_is_the_whole_graph_plan_and_networkx_agrees(case: dict[str, Any], rule: Any) -> None:
    p = prepared(case["graph"], case["rows"])
    node, location = at(p, case["scene"])
    with first_bound(None):
        whole = plan(p, node, location, case["scale"], reported_at=REPORTED, standby=rule, **case["options"])
    p._searches.clear()
    with first_bound(case["first"]):
        widened = plan(p, node, location, case["scale"], reported_at=REPORTED, standby=rule, **case["options"])
    done = sorted(searched(p, node), key=lambda b: math.inf if b is None else b)
    note(f"searched to {done}")
    event("searches", len(done))
    event("the whole graph searched", None in done)
    assert widened.model_dump() == whole.model_dump()
    assert routes(widened) == routes(whole)
    times, lengths = drives(case["graph"], case["scene"])
    homes = {r["id"]: r["node"] for r in case["rows"]}
    for u in (*widened.previously_sent, *widened.sent, *widened.held):
        home = homes[u.id]
        if home not in times:
            assert u.travel_time_s is None or u.code is Code.UNREACHABLE
            continue
        assert u.travel_time_s == pytest.approx(seconds_up(times[home]), abs=0.11)
        assert u.distance_m == pytest.approx(metres_down(lengths[home]), abs=0.11)


def chain(minutes: int, stations: list[tuple[str, int, str]]) -> PreparedNetwork:
    """A road of ``minutes`` one-minute, 1 km links out from the scene "I"; stations (id, minutes out, kind)."""
    legs = [(f"n{i}", "I" if i == 1 else f"n{i - 1}", 60, 1000) for i in range(1, minutes + 1)]
    return prepared(star_graph(legs), [station(sid, f"n{m}", kind) for sid, m, kind in stations])


def test_a_unit_beyond_the_first_bound_widens_the_search_only_as_far_as_needed(rule: Any) -> None:
    # 30 min reaches 31 of 91 nodes, so the next search is 60 min, which reaches the 50-min heavy unit.
    p = chain(90, [("M1", 5, "main"), ("T1", 10, "special_service"), ("F1", 12, "full_time"),
                   ("H1", 50, "heavy_rescue")])
    node, location = at(p, "I")
    wanted = scale(Level.ESPECIALLY_MAJOR, (1, None), special=SPECIAL_UNITS[:1])
    widened = plan(p, node, location, wanted, reported_at=REPORTED, standby=rule)
    assert searched(p, node) == {rule.travel_time_s, 2 * rule.travel_time_s}
    heavy = next(u for u in widened.sent if u.id == "H1")
    assert heavy.travel_time_s == 50 * 60 and not heavy.beyond_standby_limit
    with first_bound(None):
        assert plan(p, node, location, wanted, reported_at=REPORTED, standby=rule) == widened


def test_a_small_station_beyond_the_bound_follows_its_parent_with_its_real_drive(rule: Any) -> None:
    p = prepared(star_graph([(f"n{i}", "I" if i == 1 else f"n{i - 1}", 60, 1000) for i in range(1, 91)]),
                 [station("M1", "n5"), station("P1", "n40", "small", parent="M1")])
    node, location = at(p, "I")
    wanted = scale(Level.ESPECIALLY_MAJOR, (1, None))
    widened = plan(p, node, location, wanted, reported_at=REPORTED, standby=rule)
    small = next(u for u in widened.sent if u.id == "P1")
    assert (small.code, small.travel_time_s) == (Code.AFFILIATED_SMALL_STATION, 40 * 60)
    with first_bound(None):
        assert plan(p, node, location, wanted, reported_at=REPORTED, standby=rule) == widened


def test_a_unit_held_far_away_gets_its_real_drive_as_in_the_whole_graph(rule: Any) -> None:
    p = chain(90, [("M1", 5, "main"), ("M2", 80, "main")])
    node, location = at(p, "I")
    wanted = scale(Level.ESPECIALLY_MAJOR, (1, None))
    widened = plan(p, node, location, wanted, reported_at=REPORTED, standby=rule, taken={"M2": "other"})
    held = next(h for h in widened.held if h.id == "M2")
    assert (held.code, held.travel_time_s, held.distance_m) == (Code.COMMITTED_ELSEWHERE, 80 * 60, 80_000)
    assert None in searched(p, node)  # 60 min did not reach it, and had reached more than half of the road


def test_a_plan_met_near_the_scene_never_searches_the_whole_graph(rule: Any) -> None:
    p = chain(90, [("M1", 5, "main"), ("M2", 7, "main"), ("M3", 9, "main"), ("M9", 89, "main")])
    node, location = at(p, "I")
    plan(p, node, location, scale(Level.ESPECIALLY_MAJOR, (3, None)), reported_at=REPORTED, standby=rule)
    assert searched(p, node) == {rule.travel_time_s}


def test_bounds_double_until_half_the_graph_is_reached() -> None:
    p = chain(90, [("M1", 5, "main")])
    node, _ = at(p, "I")
    assert bounds.wider(search(p.network, node, 1800.0)) == 3600.0
    assert bounds.wider(search(p.network, node, 3600.0)) is None  # 61 of 91 nodes: the whole graph next
    assert bounds.wider(search(p.network, node, None)) is None
    assert bounds.wider(search(p.network, node, 0.0)) is None
