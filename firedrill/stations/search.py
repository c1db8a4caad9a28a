"""One search from the scene over the reversed roads: every node's fastest drive to the scene.

scipy's compiled Dijkstra runs once from the scene node on the reversed graph (row ``v`` lists the
roads that enter ``v``), optionally stopped at a time bound, so the answer holds for any station list
and any unit status. Among routes of equal time the shorter is taken, so a tie between a 29 km and a
31 km route of the same time never depends on the order of nodes in the file: on OSMnx data (times in
tenths of a second, lengths in millimetres) by one Dijkstra on exact (time, length) keys, otherwise
by a second Dijkstra, by length, over only the roads that lie on some fastest route.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from firedrill.stations.roads import EXACT, KEY_SPAN, LENGTH_QUANTUM, TIME_QUANTUM, RoadNetwork

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
    def reached_share(self) -> float:
        """The share of the graph's nodes the search reached."""
        return float(np.count_nonzero(np.isfinite(self.time))) / max(1, len(self.time))

    def route(self, start: int) -> list[int]:
        """Nodes from ``start`` to the scene, in driving order ([] when not reached)."""
        if not np.isfinite(self.time[start]):
            return []
        # A walk by ``item``: a plan follows a dozen routes, converting all of ``toward`` costs more.
        step, path = self.toward.item, [start]
        while path[-1] != self.node:
            path.append(step(path[-1]))
        return path

    def crossings(self, start: int) -> list[str]:
        """Named bridges and tunnels on ``start``'s route, in driving order, each once per passage."""
        return [name for name, _, _ in self.crossing_points(start)]

    def crossing_points(self, start: int) -> list[tuple[str, float, float]]:
        """Each passage of a named crossing on ``start``'s route: its name and the middle of its roads."""
        path = self.route(start)
        if len(path) < 2:
            return []
        net = self.network
        tails, heads = np.asarray(path[:-1], dtype=np.int64), np.asarray(path[1:], dtype=np.int64)
        codes = net.edge_crossing_code[net.edge_lookup(tails, heads)]
        out: list[tuple[str, float, float]] = []
        run: list[int] = []
        for i, code in enumerate([*codes.tolist(), -1]):
            if run and (code < 0 or code != codes[run[0]]):
                ends = [int(tails[run[0]]), int(heads[run[-1]])]
                out.append((net.names[int(codes[run[0]])], float(net.lon[ends].mean()), float(net.lat[ends].mean())))
                run = []
            if code >= 0:
                run.append(i)
        return out


def search(network: RoadNetwork, node: int, limit: float | None = None) -> Search:
    """Fastest, then shortest, routes from every node to ``node`` (within ``limit`` seconds if given)."""
    keyed = network.reverse_key_matrix
    if keyed is not None:
        return _keyed(network, keyed, node, limit)
    return _two_pass(network, node, limit)


def _keyed(network: RoadNetwork, keyed: csr_matrix, node: int, limit: float | None) -> Search:
    """One Dijkstra on exact (time, length) keys (see ``RoadNetwork.reverse_key_matrix``)."""
    bound = np.inf if limit is None else (math.floor(limit * TIME_QUANTUM + 1e-9) + 1) * KEY_SPAN - 1
    key, pred = dijkstra(keyed, directed=True, indices=node, limit=bound, return_predecessors=True)
    finite = np.isfinite(key)
    reached = key[finite]
    if reached.size and float(reached.max()) >= EXACT:  # a route of over 116 hours: keys no longer exact
        return _two_pass(network, node, limit)
    tenths = np.floor(key / KEY_SPAN)
    time = tenths / TIME_QUANTUM
    length = np.full(len(key), np.inf)
    length[finite] = (key[finite] - tenths[finite] * KEY_SPAN) / LENGTH_QUANTUM
    return Search(network, node, limit, time, length, pred.astype(np.int32))


def _two_pass(network: RoadNetwork, node: int, limit: float | None) -> Search:
    """Times by Dijkstra, then lengths by a second Dijkstra over the roads on some fastest route."""
    rev = network.reverse_time_matrix
    time = dijkstra(rev, directed=True, indices=node, limit=np.inf if limit is None else limit)
    # Entry k of the reversed CSR steps from v = rev_rows[k] to u = rev_tail[k]; it is tight when it
    # lies on some fastest route: time[v] + t == time[u] (u reached; an unreached v gives inf > finite).
    tu = time[network.rev_tail]
    tight = np.repeat(time, np.diff(network.rev_indptr))
    tight += network.rev_time
    tight = tight <= tu + TIE_TOLERANCE * np.maximum(1.0, tu)
    tight &= np.isfinite(tu)
    counts = np.zeros(len(tight) + 1, dtype=np.int64)
    np.cumsum(tight, out=counts[1:])
    n = network.node_count
    sub = csr_matrix((network.rev_length[tight], network.rev_tail[tight], counts[network.rev_indptr]), shape=(n, n))
    length, pred = dijkstra(sub, directed=True, indices=node, return_predecessors=True)
    return Search(network, node, limit, time, length, pred.astype(np.int32))
