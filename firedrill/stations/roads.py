"""A validated directed road graph as compact arrays: forward and reversed CSR, coordinates, a snap index.

Node ``i`` is ``node_ids[i]``. Edges are kept once per (tail, head) pair, the fastest of parallel
roads, sorted by tail then head, so edge ``e`` of the forward CSR is also position ``e`` of
``edge_length`` and ``edge_crossing_code``. The reversed CSR (``rev_*``) lists, for every head, the
positions of the edges that enter it, which is what a search from the scene walks.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

if TYPE_CHECKING:
    from scipy.spatial import cKDTree

from firedrill.errors import InputError
from firedrill.stations.geo import haversine_m, project

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
TIME_QUANTUM = 10  # per second: OSMnx rounds travel_time to 0.1 s
LENGTH_QUANTUM = 1000  # per metre
KEY_SPAN = float(2**31)  # lengths in mm below this (2,147 km) fit under the time in one exact float key
EXACT = float(2**53)  # float64 adds integers exactly below this


class RoadNetwork:
    """The arrays the planner searches; build with ``from_edges`` or load them from the cache."""

    def __init__(self, *, source: str, node_ids: list[str], lon: FloatArray, lat: FloatArray,
                 indptr: IntArray, heads: NDArray[np.int32], edge_time: FloatArray, edge_length: FloatArray,
                 edge_crossing_code: NDArray[np.int32], names: list[str], rev_indptr: IntArray,
                 rev_edge: NDArray[np.int32], scc: NDArray[np.int32], meta: dict[str, str],
                 warnings: list[str]) -> None:  # fmt: skip
        self.source = source
        self.node_ids = node_ids
        self.lon, self.lat = lon, lat
        self.indptr, self.heads = indptr, heads
        self.edge_time, self.edge_length = edge_time, edge_length
        self.edge_crossing_code, self.names = edge_crossing_code, names
        self.rev_indptr, self.rev_edge = rev_indptr, rev_edge
        self.scc = scc
        self.meta = meta
        self.warnings = warnings

    @classmethod
    def from_edges(cls, *, source: str, node_ids: list[str], lon: FloatArray, lat: FloatArray, tails: IntArray,
                   heads: IntArray, travel_time: FloatArray, length: FloatArray, crossing: NDArray[np.int32],
                   names: list[str], meta: dict[str, str], warnings: list[str]) -> RoadNetwork:  # fmt: skip
        n = len(node_ids)
        # Parallel edges: keep the fastest, as a driver would (then the shorter); sort by (tail, head, time).
        order = np.lexsort((length, travel_time, heads, tails))
        keys = tails[order] * n + heads[order]
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        chosen = order[first]
        t, h = tails[chosen], heads[chosen]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(t, minlength=n), out=indptr[1:])
        rev = np.lexsort((t, h)).astype(np.int32)
        rev_indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(h, minlength=n), out=rev_indptr[1:])
        matrix = csr_matrix((travel_time[chosen], h, indptr), shape=(n, n))
        _, scc = connected_components(matrix, directed=True, connection="strong")
        return cls(source=source, node_ids=node_ids, lon=lon, lat=lat, indptr=indptr, heads=h.astype(np.int32),
                   edge_time=travel_time[chosen], edge_length=length[chosen], edge_crossing_code=crossing[chosen],
                   names=names, rev_indptr=rev_indptr, rev_edge=rev, scc=scc.astype(np.int32), meta=meta,
                   warnings=warnings)  # fmt: skip

    # -- shape --------------------------------------------------------------------------------
    @property
    def node_count(self) -> int:
        return len(self.node_ids)

    @property
    def edge_count(self) -> int:
        return len(self.heads)

    @property
    def is_sample(self) -> bool:
        return self.meta.get("sample", "").lower() == "true"

    @cached_property
    def index(self) -> dict[str, int]:
        return {node: i for i, node in enumerate(self.node_ids)}

    @cached_property
    def tails(self) -> IntArray:
        return np.repeat(np.arange(self.node_count, dtype=np.int64), np.diff(self.indptr))

    @cached_property
    def rev_rows(self) -> IntArray:
        """The head of each entry of the reversed CSR."""
        return np.repeat(np.arange(self.node_count, dtype=np.int64), np.diff(self.rev_indptr))

    @cached_property
    def rev_tail(self) -> IntArray:
        """The tail of the road behind each entry of the reversed CSR (where the search steps to)."""
        return self.tails[self.rev_edge]

    @cached_property
    def rev_time(self) -> FloatArray:
        return self.edge_time[self.rev_edge]

    @cached_property
    def rev_length(self) -> FloatArray:
        return self.edge_length[self.rev_edge]

    @cached_property
    def reverse_key_matrix(self) -> csr_matrix | None:
        """The reversed roads weighted by one exact key per road, time then length, or None.

        When every time is a whole number of tenths of a second and every length of millimetres (OSMnx
        data), ``tenths * 2**31 + mm`` is an integer held exactly by a float, sums of keys along a route
        stay exact, and one Dijkstra finds the fastest route and among equal times the shortest."""
        tenths = self.rev_time * TIME_QUANTUM
        mm = self.rev_length * LENGTH_QUANTUM
        t, m = np.round(tenths), np.round(mm)
        if not (np.allclose(t, tenths, rtol=0, atol=1e-6) and np.allclose(m, mm, rtol=0, atol=1e-6)):
            return None
        if len(m) and float(m.max()) >= KEY_SPAN:
            return None
        n = self.node_count
        return csr_matrix((t * KEY_SPAN + m, self.rev_tail, self.rev_indptr), shape=(n, n))

    @cached_property
    def edge_keys(self) -> IntArray:
        return self.tails * self.node_count + self.heads.astype(np.int64)

    @cached_property
    def edge_crossing(self) -> NDArray[np.object_]:
        """Each edge's crossing name, '' for an ordinary road."""
        names = np.asarray([*self.names, ""], dtype=object)
        return names[self.edge_crossing_code]

    @cached_property
    def time_matrix(self) -> csr_matrix:
        n = self.node_count
        return csr_matrix((self.edge_time, self.heads, self.indptr), shape=(n, n))

    @cached_property
    def reverse_time_matrix(self) -> csr_matrix:
        """Scene-to-station direction: row v lists the roads that enter v (as columns of their tails)."""
        n = self.node_count
        return csr_matrix((self.rev_time, self.rev_tail, self.rev_indptr), shape=(n, n))

    def weak_components(self) -> tuple[int, NDArray[np.int32]]:
        count, labels = connected_components(self.time_matrix, directed=True, connection="weak")
        return int(count), labels.astype(np.int32)

    # -- places -------------------------------------------------------------------------------
    def extent(self) -> tuple[float, float, float, float]:
        """West, east, south, north of the nodes."""
        return float(self.lon.min()), float(self.lon.max()), float(self.lat.min()), float(self.lat.max())

    @cached_property
    def lat0(self) -> float:
        return float(np.mean(self.lat))

    @cached_property
    def _tree(self) -> cKDTree:
        from scipy.spatial import cKDTree  # only when a point is snapped: scipy.spatial is slow to import

        return cKDTree(project(self.lon, self.lat, self.lat0), balanced_tree=False)

    def snap(self, lon: float, lat: float) -> tuple[int, float]:
        """The nearest node to a point and its great-circle distance in metres."""
        _, i = self._tree.query(project(np.array([lon]), np.array([lat]), self.lat0)[0])
        node = int(i)
        return node, float(haversine_m(lon, lat, self.lon[node], self.lat[node]))

    def node(self, node_id: str, *, field: str = "node", file: str | None = None, line: int | None = None) -> int:
        try:
            return self.index[str(node_id)]
        except KeyError:
            raise InputError(
                f"node {node_id!r} is not in the road graph {self.source}", field=field, file=file, line=line
            ) from None

    def edge_lookup(self, tails: IntArray, heads: IntArray) -> IntArray:
        """Positions of edges (tail, head) in the edge arrays; every pair must be an edge."""
        return np.searchsorted(self.edge_keys, tails * self.node_count + heads)
