"""One search from the scene: bounded agrees with unbounded and with networkx; ties go to the shorter route."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from firedrill.stations.graph import network_from_graph
from firedrill.stations.planner import plan
from firedrill.stations.search import search
from tests.stations.conftest import REPORTED, at, prepared, scale, station


@st.composite
def road_graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    n = draw(st.integers(2, 25))
    # Whole seconds take the one-key search; a fraction off the 0.1 s grid takes the two-pass one.
    off = 0.0 if draw(st.booleans()) else 1e-4
    graph = nx.MultiDiGraph()
    for i in range(n):
        graph.add_node(str(i), x=114.0 + 0.001 * i, y=30.5 + 0.0005 * (i % 3))
    for i in range(1, n):  # a spanning chain keeps it in one part; the direction is drawn
        a, b = (str(i - 1), str(i)) if draw(st.booleans()) else (str(i), str(i - 1))
        graph.add_edge(a, b, travel_time=draw(st.integers(0, 50)) + off, length=draw(st.integers(0, 900)))
    for _ in range(draw(st.integers(0, 3 * n))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        graph.add_edge(str(a), str(b), travel_time=draw(st.integers(0, 50)) + off, length=draw(st.integers(0, 900)))
    return graph


@given(road_graphs(), st.data())
def test_bounded_search_agrees_with_unbounded_and_networkx(graph: nx.MultiDiGraph, data: st.DataObject) -> None:
    net = network_from_graph(graph)
    scene = data.draw(st.integers(0, net.node_count - 1))
    limit = float(data.draw(st.integers(0, 120)))
    full, bounded = search(net, scene), search(net, scene, limit)
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    for u, v, d in graph.edges(data=True):
        if not simple.has_edge(u, v) or d["travel_time"] < simple[u][v]["travel_time"]:
            simple.add_edge(u, v, travel_time=d["travel_time"])
    reference = nx.single_source_dijkstra_path_length(simple.reverse(), net.node_ids[scene], weight="travel_time")
    for i, node in enumerate(net.node_ids):
        expected = reference.get(node, math.inf)
        assert full.time[i] == pytest.approx(expected)
        assert bounded.time[i] == (pytest.approx(expected) if expected <= limit else math.inf)
        if expected <= limit:
            assert bounded.length[i] == pytest.approx(full.length[i])
        route = full.route(i)
        if math.isfinite(expected):
            assert route[0] == i and route[-1] == scene
            hops = list(itertools.pairwise(route))
            assert sum(simple[net.node_ids[a]][net.node_ids[b]]["travel_time"] for a, b in hops) == \
                pytest.approx(expected)


@pytest.mark.parametrize("leg_s", [600, 600.00003], ids=["one-key search", "two-pass search"])
@pytest.mark.parametrize("first", ["long", "short"])
def test_equal_time_routes_go_to_the_shorter_whatever_the_node_order(first: str, leg_s: float, rule: object) -> None:
    # Two routes of exactly 20 min from S: 31 km (beyond the 30 km standby limit) and 29 km (within).
    legs = {"long": [("S", "L", leg_s, 15_500), ("L", "I", leg_s, 15_500)],
            "short": [("S", "K", leg_s, 14_500), ("K", "I", leg_s, 14_500)]}
    edges = legs[first] + legs["short" if first == "long" else "long"]
    graph = nx.MultiDiGraph()
    for u, v, t, length in edges:
        for node in (u, v):
            graph.add_node(node, x=114.0 + 0.01 * len(graph), y=30.5)
        graph.add_edge(u, v, travel_time=t, length=length)
    p = prepared(graph, [station("A", "S")])
    result = plan(p, *at(p, "I"), scale(stations=(1, None)), reported_at=REPORTED, standby=rule)  # type: ignore[arg-type]
    unit = result.sent[0]
    assert unit.distance_m == 29_000 and unit.travel_time_s == pytest.approx(1200, abs=0.1)
    assert not unit.beyond_standby_limit


def test_ranking_ties_go_to_shorter_route_then_id() -> None:
    graph = nx.MultiDiGraph()
    for i, node in enumerate(("I", "a", "b", "c")):
        graph.add_node(node, x=114.0 + 0.001 * i, y=30.5)
    for node, length in (("a", 500), ("b", 400), ("c", 400)):
        graph.add_edge(node, "I", travel_time=60, length=length)
        graph.add_edge("I", node, travel_time=60, length=length)
    p = prepared(graph, [station("Z", "a"), station("Y", "c"), station("X", "b")])
    assert [r.station.id for r in p.rank(at(p, "I")[0])] == ["X", "Y", "Z"]
    assert np.isfinite(p.rank(at(p, "I")[0], limit=60)[0].travel_time_s)
