"""Ranking by drive time: hand-checked on a small graph, and against networkx on random graphs."""

from __future__ import annotations

import math
from itertools import pairwise

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.stations.conftest import at, prepared, star_graph, station


def hand_graph() -> nx.MultiDiGraph:
    # Engines drive station -> incident "I". Worked by hand:
    #   S1 at a: a->I 300 s / 3000 m                                  -> 300 s, 3000 m
    #   S2 at b: b->c->I 100+150 = 250 s / 1000+1600 = 2600 m;  b->I 400 s (slower, shorter) -> 250 s, 2600 m
    #   S3 at d: d->I 250 s / 2000 m (ties S2 on time, shorter route wins)                    -> 250 s, 2000 m
    #   S4 at e: only I->e exists, so e cannot reach I                                         -> unreachable
    #   I->d is 10 s but runs the wrong way for S3 and must not be used.
    edges = [("a", "I", 300, 3000), ("b", "c", 100, 1000), ("c", "I", 150, 1600), ("b", "I", 400, 2000),
             ("d", "I", 250, 2000), ("I", "d", 10, 2000), ("I", "e", 50, 500)]
    return star_graph(edges, one_way=True)


def test_hand_checked_ranking_is_by_time_then_route_length_and_respects_direction() -> None:
    p = prepared(hand_graph(), [station("S1", "a"), station("S2", "b"), station("S3", "d"), station("S4", "e")])
    node, _ = at(p, "I")
    ranked = p.rank(node)
    assert [r.station.id for r in ranked] == ["S3", "S2", "S1", "S4"]
    assert [(r.travel_time_s, r.distance_m) for r in ranked[:3]] == [(250, 2000), (250, 2600), (300, 3000)]
    assert not ranked[3].reachable and math.isinf(ranked[3].travel_time_s)


def test_parallel_edges_keep_the_fastest() -> None:
    graph = star_graph([("a", "I", 500, 1000)], one_way=True)
    graph.add_edge("a", "I", travel_time=200, length=4000)
    p = prepared(graph, [station("S1", "a")])
    r = p.rank(at(p, "I")[0])[0]
    assert (r.travel_time_s, r.distance_m) == (200, 4000)


@st.composite
def random_graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    n = draw(st.integers(3, 12))
    graph = nx.MultiDiGraph()
    for i in range(n):
        graph.add_node(str(i), x=114 + i / 100, y=30.5)
    for i in range(1, n):  # a spanning chain keeps it connected
        graph.add_edge(str(i - 1), str(i), travel_time=draw(st.floats(1, 900)), length=draw(st.floats(1, 9000)))
    for _ in range(draw(st.integers(0, 3 * n))):
        u, v = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if u != v:
            graph.add_edge(str(u), str(v), travel_time=draw(st.floats(1, 900)), length=draw(st.floats(1, 9000)))
    return graph


@settings(max_examples=40, deadline=None)
@given(random_graphs(), st.data())
def test_ranking_matches_networkx_dijkstra(graph: nx.MultiDiGraph, data: st.DataObject) -> None:
    nodes = list(graph.nodes)
    homes = data.draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=4))
    p = prepared(graph, [station(f"S{i}", home) for i, home in enumerate(homes)])
    target = data.draw(st.sampled_from(nodes))
    simple = nx.DiGraph()
    for u, v, d in graph.edges(data=True):
        if not simple.has_edge(u, v) or simple[u][v]["travel_time"] > d["travel_time"]:
            simple.add_edge(u, v, **d)
    for reach in p.rank(at(p, target)[0]):
        home = reach.station.node
        assert home is not None
        try:
            expected, path = nx.single_source_dijkstra(simple, home, target, weight="travel_time")
        except nx.NetworkXNoPath:
            assert not reach.reachable
            continue
        assert np.isclose(reach.travel_time_s, expected, rtol=1e-5)
        # The length reported is the length of one of the fastest routes (several may tie).
        lengths = [sum(simple[u][v]["length"] for u, v in pairwise(q))
                   for q in [path, *nx.all_shortest_paths(simple, home, target, weight="travel_time")]]
        assert any(np.isclose(reach.distance_m, length, rtol=1e-5, atol=0.01) for length in lengths)
