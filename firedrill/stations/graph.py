"""The road network: load a GraphML (OSMnx attribute names), validate it, keep it as arrays.

Nodes carry ``x``/``y`` (longitude/latitude); edges carry ``length`` (m) and ``travel_time`` (s).
GraphML from OSMnx stores every value as a string, so values are converted here, and any missing,
non-numeric or negative value, an implausible coordinate, or a network in disconnected parts, is one
InputError naming the file, the line of the offending element when it can be found, and the node or
edge; where OSMnx has a function that fixes the fault, the message names it.
"""

from __future__ import annotations

import gzip
import math
import re
from array import array
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from firedrill.errors import InputError
from firedrill.stations import osm
from firedrill.stations.graphml import Progress, read_graphml
from firedrill.stations.roads import RoadNetwork
from firedrill.stations.settings import load_settings

if TYPE_CHECKING:
    import networkx as nx

Locator = Callable[[str, str | None], int | None]
LIMITS = {"x": 180.0, "y": 90.0}

__all__ = ["Locator", "RoadNetwork", "load_graphml", "network_from_graph"]


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


class _Builder:
    """Collects nodes and edges as they are read, validating each, and makes the arrays."""

    def __init__(self, source: str, locate: Locator | None, crs: str | None = None) -> None:
        self.source, self.locate, self.crs = source, locate, crs
        self.index: dict[str, int] = {}
        # Typed arrays, not lists: 8 bytes a value instead of a Python object for millions of roads.
        self.x, self.y = array("d"), array("d")
        self.tails, self.heads = array("q"), array("q")
        self.times, self.lengths = array("d"), array("d")
        self.crossing = array("i")
        self.names: dict[str, int] = {}
        self.undirected = False
        self.rule = load_settings().crossings

    def fail(self, message: str, what: str, attr: str | None) -> InputError:
        line = self.locate(what, attr) if self.locate else None
        return InputError(message, field=attr, file=self.source, line=line)

    def node(self, node_id: str, data: Mapping[str, Any]) -> None:
        values = []
        for attr in ("x", "y"):
            value = _number(data.get(attr))
            if value is None or abs(value) > LIMITS[attr]:
                problem = "is missing" if attr not in data else f"is not a valid coordinate ({data[attr]!r})"
                hint = f"; {osm.PROJECTED_HINT}" if value is not None else ""
                raise self.fail(f"node {node_id!r}: attribute '{attr}' {problem}{hint}", f"node:{node_id}", attr)
            values.append(value)
        if values == [0.0, 0.0]:
            raise self.fail(f"node {node_id!r}: coordinate (0, 0) is not a plausible road position "
                            "(a missing coordinate written as zero?)", f"node:{node_id}", "x")
        if node_id in self.index:
            raise self.fail(f"node {node_id!r} is listed twice", f"node:{node_id}", None)
        self.index[node_id] = len(self.x)
        self.x.append(values[0])
        self.y.append(values[1])

    def edge(self, u: str, v: str, data: Mapping[str, Any], directed: bool) -> None:
        what = f"edge:{u}->{v}"
        for end in (u, v):
            if end not in self.index:
                raise self.fail(f"edge {u!r}->{v!r}: node {end!r} is not in the graph", what, None)
        got = {}
        for attr in ("length", "travel_time"):
            value = _number(data.get(attr))
            if value is None:
                problem = "is missing" if attr not in data else f"is not a number ({data[attr]!r})"
                hint = f"; {osm.SPEEDS_HINT}" if attr == "travel_time" and attr not in data else ""
                raise self.fail(f"edge {u!r}->{v!r}: attribute '{attr}' {problem}{hint}", what, attr)
            if value < 0:
                raise self.fail(f"edge {u!r}->{v!r}: attribute '{attr}' is negative ({value})", what, attr)
            got[attr] = value
        name = osm.crossing_name(data, self.rule)
        code = self.names.setdefault(name, len(self.names)) if name else -1
        self.undirected |= not directed
        for a, b in [(u, v)] if directed else [(u, v), (v, u)]:
            self.tails.append(self.index[a])
            self.heads.append(self.index[b])
            self.times.append(got["travel_time"])
            self.lengths.append(got["length"])
            self.crossing.append(code)

    def finish(self, meta: Mapping[str, Any]) -> RoadNetwork:
        if not self.index:
            raise InputError("the road graph has no nodes", file=self.source)
        node_ids = list(self.index)
        crs = meta.get("crs")
        if crs is not None and osm.looks_projected(0.0, 0.0, str(crs)):
            raise InputError(f"the road graph's crs is {crs!r}; {osm.PROJECTED_HINT}", field="crs", file=self.source)
        network = RoadNetwork.from_edges(
            source=self.source, node_ids=node_ids, lon=np.frombuffer(self.x, dtype=np.float64),
            lat=np.frombuffer(self.y, dtype=np.float64), tails=np.frombuffer(self.tails, dtype=np.int64),
            heads=np.frombuffer(self.heads, dtype=np.int64), travel_time=np.frombuffer(self.times, dtype=np.float64),
            length=np.frombuffer(self.lengths, dtype=np.float64),
            crossing=np.frombuffer(self.crossing, dtype=np.int32), names=list(self.names),
            meta={str(k): str(v) for k, v in meta.items()},
            warnings=[osm.UNDIRECTED_WARNING] if self.undirected else [],
        )
        self._check_connected(network)
        return network

    def _check_connected(self, network: RoadNetwork) -> None:
        count, labels = network.weak_components()
        if count <= 1:
            return
        sizes = np.bincount(labels)
        main = int(np.argmax(sizes))
        stray = int(np.flatnonzero(labels != main)[0])
        first = int(np.flatnonzero(labels == main)[0])
        ids = network.node_ids
        raise self.fail(
            f"the road graph is in {count} disconnected parts: node {ids[stray]!r} cannot reach "
            f"node {ids[first]!r}'s part ({int(sizes[main])} nodes)", f"node:{ids[stray]}", None)


def network_from_graph(graph: nx.Graph, source: str = "<graph>", locate: Locator | None = None) -> RoadNetwork:
    """Validate a networkx graph with OSMnx attribute names and turn it into a RoadNetwork."""
    builder = _Builder(source, locate)
    for node, data in graph.nodes(data=True):
        builder.node(str(node), data)
    directed = graph.is_directed()
    for u, v, data in graph.edges(data=True):
        builder.edge(str(u), str(v), data, directed)
    return builder.finish(graph.graph)


def _read_text(path: Path) -> str:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
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
        except (OSError, EOFError, gzip.BadGzipFile):
            return None
        found = re.search(pattern, text)
        return text.count("\n", 0, found.start()) + 1 if found else None

    return locate


def load_graphml(path: str | Path, progress: Progress | None = None) -> RoadNetwork:
    """Read and validate a GraphML road graph (plain or .gz), streaming it."""
    path = Path(path)
    if not path.is_file():
        raise InputError("road graph file not found", file=path)
    builder = _Builder(str(path), _graphml_locator(path))
    meta = read_graphml(path, builder, progress)
    return builder.finish(meta)
