"""Rank every station by drive time to an incident: one preparation, then fast queries.

Preparation runs scipy's compiled Dijkstra once from each station's node on the road graph
(station -> everywhere, the direction engines drive) and keeps, for every (station, node) pair, the
fastest travel time, the length of that fastest route and the predecessor on it. A query is then
a column lookup and a sort of a few hundred numbers, whatever the size of the graph. The cost is
memory: three float32/int32 matrices of stations x nodes (see docs/stations.md for figures).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.sparse.csgraph import dijkstra

from firedrill.stations.geo import haversine_m
from firedrill.stations.graph import RoadNetwork
from firedrill.stations.stationio import Station, StationSet


@dataclass(frozen=True)
class Reach:
    """How one station reaches the incident node (``travel_time_s`` is inf when it cannot)."""

    station: Station
    travel_time_s: float
    distance_m: float
    straight_m: float

    @property
    def reachable(self) -> bool:
        return bool(np.isfinite(self.travel_time_s))


def _route_lengths(network: RoadNetwork, pred: NDArray[np.int32]) -> NDArray[np.float32]:
    """Length along each shortest-time tree, by pointer jumping: log(depth) vector passes per row."""
    out = np.zeros(pred.shape, dtype=np.float32)
    nodes = np.arange(pred.shape[1], dtype=np.int64)
    for row in range(pred.shape[0]):
        parent = pred[row].astype(np.int64)
        parent[parent < 0] = -1
        has = parent >= 0
        acc = np.zeros(pred.shape[1], dtype=np.float64)
        acc[has] = network.edge_length[network.edge_lookup(parent[has], nodes[has])]
        while True:
            idx = np.flatnonzero(parent >= 0)
            if idx.size == 0:
                break
            up = parent[idx]
            acc_up, parent_up = acc[up], parent[up]
            acc[idx] += acc_up
            parent[idx] = parent_up
        out[row] = acc
    return out


class PreparedNetwork:
    """A road network with its stations placed and every station's drive times computed."""

    def __init__(self, network: RoadNetwork, stations: StationSet) -> None:
        self.network = network
        self.stations = stations
        self.station_nodes = np.asarray([self._place(s) for s in stations.stations], dtype=np.int64)
        sources, self.row_of = np.unique(self.station_nodes, return_inverse=True)
        self.sources = sources
        times, pred = dijkstra(network.time_matrix, directed=True, indices=sources, return_predecessors=True)
        self.pred = pred.astype(np.int32)
        self.times = times.astype(np.float32)
        self.lengths = _route_lengths(network, self.pred)

    def _place(self, station: Station) -> int:
        if station.node is not None:
            return self.network.node(station.node, file=self.stations.source, line=station.line)
        assert station.lon is not None and station.lat is not None  # guaranteed by Station
        return self.network.snap(station.lon, station.lat)[0]

    @property
    def nbytes(self) -> int:
        return int(self.times.nbytes + self.lengths.nbytes + self.pred.nbytes)

    def rank(self, node: int) -> list[Reach]:
        """Every station, fastest first (ties: shorter route, then id)."""
        rows = self.row_of
        times = self.times[rows, node].astype(np.float64)
        lengths = self.lengths[rows, node].astype(np.float64)
        lengths[~np.isfinite(times)] = np.inf
        net = self.network
        straight = haversine_m(float(net.lon[node]), float(net.lat[node]),
                               net.lon[self.station_nodes], net.lat[self.station_nodes])
        ids = np.asarray([s.id for s in self.stations.stations])
        order = np.lexsort((ids, lengths, times))
        return [
            Reach(self.stations.stations[i], float(times[i]), float(lengths[i]), float(straight[i])) for i in order
        ]

    def crossings(self, station: Station, node: int) -> list[str]:
        """Named bridges and tunnels on the station's fastest route to ``node``, in driving order."""
        index = next(i for i, s in enumerate(self.stations.stations) if s.id == station.id)
        row = int(self.row_of[index])
        tails: list[int] = []
        heads: list[int] = []
        current = node
        while self.pred[row, current] >= 0:
            tails.append(int(self.pred[row, current]))
            heads.append(current)
            current = tails[-1]
        if not tails:
            return []
        names = self.network.edge_crossing[
            self.network.edge_lookup(np.asarray(tails[::-1], dtype=np.int64), np.asarray(heads[::-1], dtype=np.int64))
        ]
        out: list[str] = []
        for name in names:
            if name and (not out or out[-1] != name):
                out.append(str(name))
        return out
