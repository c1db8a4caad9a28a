"""Benchmark the stations ranking on a generated city of 100,000 nodes and 250,000 directed roads.

Prints the one-time preparation cost (time and memory) and the per-incident query time (median
over random incidents) beside two ways of answering the same question without preparation:
networkx's ``single_source_dijkstra`` and scipy's Dijkstra, each run from the incident over the
reversed roads. The answers are checked to agree. Run: ``.venv/bin/python bench/bench_stations.py``.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime

import networkx as nx
import numpy as np
from scipy.sparse.csgraph import dijkstra

from firedrill.models import DispatchScale, Level, Range
from firedrill.stations.graph import RoadNetwork, network_from_graph
from firedrill.stations.planner import locate, plan
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.stationio import StationSet, stations_from_rows

ROWS, COLS, EDGES, STATIONS, SEED = 250, 400, 250_000, 100, 2021
QUERIES, NX_QUERIES, SCIPY_QUERIES = 1000, 5, 50
STEP_DEG = 0.002  # about 200 m between grid nodes
SPEED_MS = (8.0, 16.0)  # random per-road speed band, about 30-60 km/h


def city(rng: np.random.Generator) -> nx.MultiDiGraph:
    """A one-way Manhattan grid (alternate rows and columns), with random roads made two-way to reach EDGES."""
    graph = nx.MultiDiGraph()
    for r in range(ROWS):
        for c in range(COLS):
            graph.add_node(r * COLS + c, x=114.0 + c * STEP_DEG, y=30.3 + r * STEP_DEG)
    links = []
    for r in range(ROWS):
        for c in range(COLS - 1):
            a, b = r * COLS + c, r * COLS + c + 1
            links.append((a, b) if r % 2 == 0 else (b, a))
    for c in range(COLS):
        for r in range(ROWS - 1):
            a, b = r * COLS + c, (r + 1) * COLS + c
            links.append((a, b) if c % 2 == 0 else (b, a))
    twoway = rng.choice(len(links), size=EDGES - len(links), replace=False)
    lengths = rng.uniform(150, 260, size=len(links))
    speeds = rng.uniform(*SPEED_MS, size=len(links))
    for i, (a, b) in enumerate(links):
        graph.add_edge(a, b, length=lengths[i], travel_time=lengths[i] / speeds[i])
    for i in twoway:
        a, b = links[i]
        graph.add_edge(b, a, length=lengths[i], travel_time=lengths[i] / speeds[i])
    return graph


def stations(rng: np.random.Generator, n_nodes: int) -> StationSet:
    kinds = ["main"] * 80 + ["special_service"] * 8 + ["full_time"] * 8 + ["heavy_rescue"] * 2 + ["logistics"] * 2
    nodes = rng.choice(n_nodes, size=STATIONS, replace=False)
    return stations_from_rows([{"id": f"S{i}", "name": f"S{i}", "kind": kinds[i], "node": str(int(node)),
                                "engines": 5, "formations": 2} for i, node in enumerate(nodes)], "bench")


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:9.3f} ms"


def main() -> None:
    rng = np.random.default_rng(SEED)
    build_s, graph = timed(lambda: city(rng))
    print(f"city: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} directed roads "
          f"(built in {build_s:.1f} s, not counted)")
    station_set = stations(rng, graph.number_of_nodes())

    load_s, network = timed(lambda: network_from_graph(graph, "bench"))
    assert isinstance(network, RoadNetwork)
    prep_s, prepared = timed(lambda: PreparedNetwork(network, station_set))
    assert isinstance(prepared, PreparedNetwork)
    tracemalloc.start()
    PreparedNetwork(network, station_set)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"preparation: validate + arrays {load_s:.2f} s, Dijkstra from {STATIONS} stations + route lengths "
          f"{prep_s:.2f} s")
    print(f"memory: kept {prepared.nbytes / 2**20:.1f} MiB (times float32, lengths float32, predecessors int32: "
          f"{STATIONS} x {network.node_count:,}), peak while preparing {peak / 2**20:.1f} MiB")

    incidents = rng.integers(0, network.node_count, size=QUERIES)
    rank_times = [timed(lambda n=int(n): prepared.rank(n))[0] for n in incidents]
    scale = DispatchScale(clause="4.4.2", level=Level.ESPECIALLY_MAJOR, set_by_plan=True,
                          stations=Range(minimum=10, maximum=None), formations=Range(minimum=20, maximum=None),
                          engines=Range(minimum=40, maximum=None))
    at = datetime(2024, 5, 8, 10, 0)
    plan_times = []
    for n in incidents[:200]:
        node, location = locate(prepared, node=network.node_ids[int(n)])
        plan_times.append(timed(lambda node=node, location=location: plan(prepared, node, location, scale,
                                                                            reported_at=at))[0])

    reverse = graph.reverse(copy=False)
    homes = [int(s.node) for s in station_set.stations if s.node is not None]
    nx_times = []
    for n in incidents[:NX_QUERIES]:
        seconds, answer = timed(lambda n=int(n): nx.single_source_dijkstra(reverse, n, weight="travel_time"))
        nx_times.append(seconds)
        ranked = {r.station.id: r.travel_time_s for r in prepared.rank(int(n))}
        assert isinstance(answer, tuple)
        dist = answer[0]
        for s, home in zip(station_set.stations, homes, strict=True):
            assert np.isclose(ranked[s.id], dist.get(home, np.inf), rtol=1e-5), "rankings disagree"
    transposed = network.time_matrix.T.tocsr()
    scipy_times = [timed(lambda n=int(n): dijkstra(transposed, indices=n))[0] for n in incidents[:SCIPY_QUERIES]]

    print(f"per incident, median (all {STATIONS} stations ranked):")
    print(f"  prepared rank()                        {median_ms(rank_times)}   over {QUERIES} incidents")
    print(f"  prepared plan() incl. reasons, routes  {median_ms(plan_times)}   over 200 incidents")
    print(f"  scipy dijkstra from the incident       {median_ms(scipy_times)}   over {SCIPY_QUERIES} incidents")
    print(f"  networkx single_source_dijkstra        {median_ms(nx_times)}   over {NX_QUERIES} incidents")


if __name__ == "__main__":
    main()
