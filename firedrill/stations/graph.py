"""The road network: load a GraphML (OSMnx attribute names), validate it, keep it as arrays.

Nodes carry ``x``/``y`` (longitude/latitude); edges carry ``length`` (m) and ``travel_time`` (s).
GraphML from OSMnx stores every value as a string, so values are converted here, and any missing,
non-numeric or negative value, or a network in disconnected parts, is one InputError naming the file,
the line of the offending element when it can be found, and the node or edge.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Callable, Hashable
from functools import cached_property
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.spatial import cKDTree

from firedrill.errors import InputError
from firedrill.stations.geo import haversine_m, project

Locator = Callable[[str, str | None], int | None]
CROSSING_TAGS = ("bridge", "tunnel")  # OSM tags OSMnx keeps on edges


class RoadNetwork:
    """A validated directed road graph as compact arrays (node i is ``node_ids[i]``)."""

    def __init__(
        self,
        *,
        source: str,
        node_ids: list[str],
        lon: NDArray[np.float64],
        lat: NDArray[np.float64],
        tails: NDArray[np.int64],
        heads: NDArray[np.int64],
        travel_time: NDArray[np.float64],
        length: NDArray[np.float64],
        crossing: list[str],
        meta: dict[str, str],
    ) -> None:
        self.source = source
        self.node_ids = node_ids
        self.index = {node: i for i, node in enumerate(node_ids)}
        self.lon, self.lat = lon, lat
        self.meta = meta
        n = len(node_ids)
        # Parallel edges: keep the fastest, as a driver would; sort by (tail, head, time).
        order = np.lexsort((travel_time, heads, tails))
        keys = tails[order] * n + heads[order]
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        chosen = order[first]
        self.edge_keys = keys[first]
        self.edge_length = length[chosen]
        self.edge_crossing = np.asarray([crossing[i] for i in chosen], dtype=object)
        self.time_matrix = csr_matrix((travel_time[chosen], (tails[chosen], heads[chosen])), shape=(n, n))

    @property
    def node_count(self) -> int:
        return len(self.node_ids)

    @property
    def edge_count(self) -> int:
        return len(self.edge_keys)

    @property
    def is_sample(self) -> bool:
        return self.meta.get("sample", "").lower() == "true"

    def extent(self) -> tuple[float, float, float, float]:
        """West, east, south, north of the nodes."""
        return float(self.lon.min()), float(self.lon.max()), float(self.lat.min()), float(self.lat.max())

    @cached_property
    def _tree(self) -> cKDTree:
        return cKDTree(project(self.lon, self.lat, float(np.mean(self.lat))))

    def snap(self, lon: float, lat: float) -> tuple[int, float]:
        """The nearest node to a point and its great-circle distance in metres."""
        lat0 = float(np.mean(self.lat))
        _, i = self._tree.query(project(np.array([lon]), np.array([lat]), lat0)[0])
        node = int(i)
        return node, float(haversine_m(lon, lat, self.lon[node], self.lat[node]))

    def node(self, node_id: str, *, field: str = "node", file: str | None = None, line: int | None = None) -> int:
        try:
            return self.index[str(node_id)]
        except KeyError:
            raise InputError(
                f"node {node_id!r} is not in the road graph {self.source}", field=field, file=file, line=line
            ) from None

    def edge_lookup(self, tails: NDArray[np.int64], heads: NDArray[np.int64]) -> NDArray[np.int64]:
        """Positions of edges (tail, head) in the edge arrays; every pair must be an edge."""
        return np.searchsorted(self.edge_keys, tails * self.node_count + heads)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _crossing_name(data: dict[str, Any]) -> str:
    if not any(str(data.get(tag, "")).lower() not in ("", "no", "false", "none") for tag in CROSSING_TAGS):
        return ""
    return str(data.get("name") or data.get("ref") or "unnamed crossing")


def _fail(message: str, source: str, locate: Locator | None, what: str, attr: str | None) -> InputError:
    line = locate(what, attr) if locate else None
    return InputError(message, field=attr, file=source, line=line)


def network_from_graph(graph: nx.Graph, source: str = "<graph>", locate: Locator | None = None) -> RoadNetwork:
    """Validate a networkx graph with OSMnx attribute names and turn it into a RoadNetwork."""
    if graph.number_of_nodes() == 0:
        raise InputError("the road graph has no nodes", file=source)
    node_ids = [str(n) for n in graph.nodes]
    coords: dict[str, list[float]] = {"x": [], "y": []}
    limits = {"x": 180.0, "y": 90.0}
    for node, data in graph.nodes(data=True):
        for attr in ("x", "y"):
            value = _number(data.get(attr))
            if value is None or abs(value) > limits[attr]:
                problem = "is missing" if attr not in data else f"is not a valid coordinate ({data[attr]!r})"
                raise _fail(f"node {str(node)!r}: attribute '{attr}' {problem}", source, locate, f"node:{node}", attr)
            coords[attr].append(value)
    index = {n: i for i, n in enumerate(graph.nodes)}
    tails: list[int] = []
    heads: list[int] = []
    times: list[float] = []
    lengths: list[float] = []
    crossing: list[str] = []
    for u, v, data in graph.edges(data=True):
        values = {}
        for attr in ("length", "travel_time"):
            value = _number(data.get(attr))
            what = f"edge:{u}->{v}"
            if value is None:
                problem = "is missing" if attr not in data else f"is not a number ({data[attr]!r})"
                raise _fail(f"edge {str(u)!r}->{str(v)!r}: attribute '{attr}' {problem}", source, locate, what, attr)
            if value < 0:
                raise _fail(f"edge {str(u)!r}->{str(v)!r}: attribute '{attr}' is negative ({value})",
                            source, locate, what, attr)
            values[attr] = value
        pairs = [(u, v)] if graph.is_directed() else [(u, v), (v, u)]
        for a, b in pairs:
            tails.append(index[a])
            heads.append(index[b])
            times.append(values["travel_time"])
            lengths.append(values["length"])
            crossing.append(_crossing_name(data))
    _check_connected(graph, source, locate)
    return RoadNetwork(
        source=source,
        node_ids=node_ids,
        lon=np.asarray(coords["x"]),
        lat=np.asarray(coords["y"]),
        tails=np.asarray(tails, dtype=np.int64),
        heads=np.asarray(heads, dtype=np.int64),
        travel_time=np.asarray(times, dtype=np.float64),
        length=np.asarray(lengths, dtype=np.float64),
        crossing=crossing,
        meta={str(k): str(v) for k, v in graph.graph.items()},
    )


def _check_connected(graph: nx.Graph, source: str, locate: Locator | None) -> None:
    parts = list(nx.weakly_connected_components(graph) if graph.is_directed() else nx.connected_components(graph))
    if len(parts) <= 1:
        return
    parts.sort(key=len, reverse=True)
    stray: Hashable = next(iter(parts[1]))
    main: Hashable = next(iter(parts[0]))
    raise _fail(
        f"the road graph is in {len(parts)} disconnected parts: node {str(stray)!r} cannot reach "
        f"node {str(main)!r}'s part ({len(parts[0])} nodes)",
        source, locate, f"node:{stray}", None,
    )


def _read_text(path: Path) -> str:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def _graphml_locator(path: Path) -> Locator:
    def locate(what: str, attr: str | None) -> int | None:
        kind, _, ident = what.partition(":")
        if kind == "node":
            pattern = rf'<node id="{re.escape(ident)}"'
        else:
            u, _, v = ident.partition("->")
            pattern = rf'<edge[^>]*source="{re.escape(u)}"[^>]*target="{re.escape(v)}"'
        try:
            text = _read_text(path)
        except OSError:
            return None
        found = re.search(pattern, text)
        return text.count("\n", 0, found.start()) + 1 if found else None

    return locate


def load_graphml(path: str | Path) -> RoadNetwork:
    """Read and validate a GraphML road graph (plain or .gz)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("road graph file not found", file=path)
    try:
        graph = nx.read_graphml(path)
    except (ParseError, nx.NetworkXError, OSError, EOFError, KeyError, ValueError) as exc:
        raise InputError(f"not a readable GraphML file: {str(exc).splitlines()[0] if str(exc) else exc!r}",
                         file=path) from None
    return network_from_graph(graph, str(path), _graphml_locator(path))
