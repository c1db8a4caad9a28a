"""Small hand-built road graphs and station lists for the stations tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import networkx as nx
import pytest

from firedrill.models import DispatchScale, Level, Range, Text
from firedrill.stations.graph import network_from_graph
from firedrill.stations.planner import locate
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.result import Location
from firedrill.stations.stationio import stations_from_rows
from firedrill.timeutil import to_local

REPORTED = to_local(datetime(2024, 5, 8, 10, 0))
SPECIAL_UNITS = (Text(zh="重型机械工程救援大队", en="heavy"), Text(zh="战勤保障站", en="logistics"))

# Edge: (tail, head, travel_time_s, length_m); both directions unless one_way.
Edge = tuple[str, str, float, float]


def star_graph(edges: Iterable[Edge], *, one_way: bool = False) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for u, v, t, length in edges:
        for node in (u, v):
            if node not in graph:
                graph.add_node(node, x=114.0 + 0.001 * len(graph), y=30.5)
        graph.add_edge(u, v, travel_time=t, length=length)
        if not one_way:
            graph.add_edge(v, u, travel_time=t, length=length)
    return graph


def station(id_: str, node: str, kind: str = "main", engines: int = 4, formations: int = 2, **extra: Any) -> dict[
        str, Any]:
    return {"id": id_, "name": f"{id_} 站", "kind": kind, "node": node, "engines": engines,
            "formations": formations, **extra}


def prepared(graph: nx.MultiDiGraph, rows: Sequence[Mapping[str, Any]]) -> PreparedNetwork:
    return PreparedNetwork(network_from_graph(graph, "test-graph"), stations_from_rows(rows, "test-stations"))


def at(p: PreparedNetwork, node: str) -> tuple[int, Location]:
    return locate(p, node=node)


def scale(level: Level = Level.MAJOR, stations: tuple[int, int | None] | None = (1, None),
          formations: tuple[int, int | None] | None = None, engines: tuple[int, int | None] | None = None,
          special: tuple[Text, ...] = ()) -> DispatchScale:
    def rng(value: tuple[int, int | None] | None) -> Range | None:
        return None if value is None else Range(minimum=value[0], maximum=value[1])

    return DispatchScale(clause="4.4.2", level=level, set_by_plan=True, stations=rng(stations),
                         formations=rng(formations), engines=rng(engines), special_units=special)


@pytest.fixture(scope="session")
def rule() -> Any:
    from firedrill.stations.network import standby_rule

    return standby_rule()
