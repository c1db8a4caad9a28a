"""One search from the scene over the reversed roads: every node's fastest drive to the scene.

scipy's compiled Dijkstra runs once from the scene node on the reversed graph (row ``v`` lists the
roads that enter ``v``), optionally stopped at a time bound, so the answer holds for any station list
and any unit status. Among routes of equal time the shorter is taken: a second Dijkstra, by length,
runs over only the "tight" roads (those on some fastest route), so a tie between a 29 km and a 31 km
route of the same time never depends on the order of nodes in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from firedrill.stations.roads import RoadNetwork

TIE_TOLERANCE = 1e-9  # relative: sums of the same road times in another order differ by rounding only


@dataclass(frozen=True)
class Search:
    """Drive times (s) and route lengths (m) to ``node`` from every node, inf where not reached.

    ``toward[v]`` is the next node on ``v``'s route to the scene (-9999 where none); ``limit`` is the
    bound the search stopped at (None: the whole graph).
    """

    network: RoadNetwork
    node: int
    limit: float | None
    time: NDArray[np.float64]
    length: NDArray[np.float64]
    toward: NDArray[np.int32]

    @cached_property
    def _toward(self) -> list[int]:
        return self.toward.tolist()  # type: ignore[no-any-return]

    def route(self, start: int) -> list[int]:
        """Nodes from ``start`` to the scene, in driving order ([] when not reached)."""
        if not np.isfinite(self.time[start]):
            return []
        toward, path = self._toward, [start]
        while path[-1] != self.node:
            path.append(toward[path[-1]])
        return path

    def crossings(self, start: int) -> list[str]:
        """Named bridges and tunnels on ``start``'s route, in driving order, each once per passage."""
        path = self.route(start)
        if len(path) < 2:
            return []
        net = self.network
        edges = net.edge_lookup(np.asarray(path[:-1], dtype=np.int64), np.asarray(path[1:], dtype=np.int64))
        codes = net.edge_crossing_code[edges]
        out: list[str] = []
        for code in codes[codes >= 0].tolist():
            name = net.names[code]
            if not out or out[-1] != name:
                out.append(name)
        return out


def search(network: RoadNetwork, node: int, limit: float | None = None) -> Search:
    """Fastest, then shortest, routes from every node to ``node`` (within ``limit`` seconds if given)."""
    rev = network.reverse_time_matrix
    time = dijkstra(rev, directed=True, indices=node, limit=np.inf if limit is None else limit)
    fwd = network.rev_edge
    rows = network.rev_rows  # v: the head of each reversed entry; the search steps from v to its tail u
    reached_v = np.isfinite(time)[rows]
    pos = np.flatnonzero(reached_v)
    v = rows[pos]
    e = fwd[pos]
    u = network.tails[e]
    tu, tv = time[u], time[v]
    tight = np.isfinite(tu) & (tv + network.edge_time[e] <= tu + TIE_TOLERANCE * np.maximum(1.0, tu))
    v, u, e = v[tight], u[tight], e[tight]
    n = network.node_count
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(v, minlength=n), out=indptr[1:])
    sub = csr_matrix((network.edge_length[e], u, indptr), shape=(n, n))
    length, pred = dijkstra(sub, directed=True, indices=node, return_predecessors=True)
    length[~np.isfinite(time)] = np.inf
    return Search(network, node, limit, time, length, pred.astype(np.int32))
