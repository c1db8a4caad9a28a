"""Rank every station by drive time to an incident: one bounded search from the scene, no preparation.

Placing the stations on the network is the only preparation (and it checks how far each is from
its road node). A ranking is one search (``search.py``) from the incident's node over the reversed
roads, stopped at the plan's time bound, so a unit's status or the command centre's board never
needs a rebuild. A station the bounded search did not reach is beyond the bound when it is in the
scene's strongly connected part (it surely has a route); otherwise the whole graph is searched to
tell "beyond the bound" from "no route".
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from firedrill.errors import InputError
from firedrill.stations.geo import haversine_m
from firedrill.stations.roads import RoadNetwork
from firedrill.stations.search import Search, search
from firedrill.stations.settings import load_settings
from firedrill.stations.stationio import Station, StationSet

SEARCHES_KEPT = 16  # an escalation or an allocation plans the same scene several times


@dataclass(frozen=True)
class Reach:
    """How one station reaches the incident node.

    ``travel_time_s`` is inf when it cannot, or when it lies beyond the search's bound
    (``beyond_bound``: it has a route, longer than the bound, not computed)."""

    station: Station
    travel_time_s: float
    distance_m: float
    straight_m: float
    beyond_bound: bool = False

    @property
    def reachable(self) -> bool:
        return self.beyond_bound or math.isfinite(self.travel_time_s)

    @property
    def measured(self) -> bool:
        return math.isfinite(self.travel_time_s)


class PreparedNetwork:
    """A road network with its stations placed on it (``snap_m``: each station's distance to its node)."""

    def __init__(self, network: RoadNetwork, stations: StationSet, max_snap_m: float | None = None) -> None:
        self.network = network
        self.stations = stations
        limit = max_snap_m if max_snap_m is not None else load_settings().positions.max_snap_m
        placed = [self._place(s, limit) for s in stations.stations]
        self.station_nodes = np.asarray([p[0] for p in placed], dtype=np.int64)
        self.snap_m = {s.id: p[1] for s, p in zip(stations.stations, placed, strict=True)}
        self._ids = np.asarray([s.id for s in stations.stations])
        self._homes = {s.id: int(n) for s, n in zip(stations.stations, self.station_nodes, strict=True)}
        self._searches: OrderedDict[tuple[int, float | None], Search] = OrderedDict()

    def _place(self, station: Station, limit: float) -> tuple[int, float]:
        net = self.network
        if station.node is not None:
            return net.node(station.node, file=self.stations.source, line=station.line), 0.0
        assert station.lon is not None and station.lat is not None  # guaranteed by Station
        node, snap_m = net.snap(station.lon, station.lat)
        if snap_m > limit:
            raise InputError(f"station {station.id!r} at ({station.lon}, {station.lat}) is {snap_m:,.0f} m from the "
                             f"nearest road node (limit {limit:,.0f} m)", field="lon", file=self.stations.source,
                             line=station.line)  # fmt: skip
        return node, snap_m

    def search(self, node: int, limit: float | None = None) -> Search:
        key = (node, limit)
        found = self._searches.get(key)
        if found is None:
            found = search(self.network, node, limit)
            self._searches[key] = found
            if len(self._searches) > SEARCHES_KEPT:
                self._searches.popitem(last=False)
        return found

    def bound_for(self, node: int, limit: float | None) -> float | None:
        """The bound ``rank(node, limit)`` searches to: ``limit``, or None (the whole graph) when a station
        the bounded search misses lies outside the scene's strongly connected part (it may have no route)."""
        if limit is None:
            return None
        missed = ~np.isfinite(self.search(node, limit).time[self.station_nodes])
        same_part = self.network.scc[self.station_nodes] == self.network.scc[node]
        return None if np.any(missed & ~same_part) else limit

    def rank(self, node: int, limit: float | None = None) -> list[Reach]:
        """Every station, fastest first (ties: shorter route, then id); ``limit`` bounds the search (s)."""
        limit = self.bound_for(node, limit)
        found = self.search(node, limit)
        times = found.time[self.station_nodes]
        lengths = found.length[self.station_nodes]
        net = self.network
        straight = haversine_m(float(net.lon[node]), float(net.lat[node]),
                               net.lon[self.station_nodes], net.lat[self.station_nodes])
        order = np.lexsort((self._ids, lengths, times))
        stations = self.stations.stations
        beyond = (~np.isfinite(times[order]) if limit is not None else np.zeros(len(order), dtype=bool)).tolist()
        return [Reach(stations[i], t, d, m, b) for i, t, d, m, b in
                zip(order.tolist(), times[order].tolist(), lengths[order].tolist(), straight[order].tolist(), beyond,
                    strict=True)]  # fmt: skip

    def home(self, station: Station) -> int:
        """The road node a station drives from."""
        return self._homes[station.id]

    def crossings(self, station: Station, node: int, limit: float | None = None) -> list[str]:
        """Named bridges and tunnels on the station's fastest route to ``node``, in driving order."""
        return self.search(node, limit).crossings(self.home(station))

    def route(self, station: Station, node: int, limit: float | None = None) -> list[int]:
        """The nodes of the station's route to ``node``, in driving order."""
        return self.search(node, limit).route(self.home(station))
