"""Build the SAMPLE road graph of Wuhan: a grid cut by the Yangtze and the Han, joined at crossings.

Geography comes from ``data/wuhan_geo.yaml`` (approximate positions, labelled sample). The grid is
coarse outside the centre and fine inside it, clipped to discs around the 13 districts; every grid
road that crosses a river is removed, and each named bridge or tunnel is added back as one road
between the nearest nodes on its two banks.
"""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path
from typing import Literal

import networkx as nx
import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from firedrill.models import Text
from firedrill.stations.geo import haversine_m
from firedrill.yamlio import load_model

GEO_PATH = Path(__file__).parent / "data" / "wuhan_geo.yaml"
KMH_TO_MS = 1000 / 3600


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Box(_Strict):
    west: float
    east: float
    south: float
    north: float


class District(_Strict):
    zh: str
    en: str
    lon: float
    lat: float
    area_km2: float = Field(gt=0)
    core: bool


class Crossing(_Strict):
    name: str
    river: str
    lon: float
    lat: float
    kind: Literal["bridge", "tunnel"]


class Speeds(_Strict):
    centre: float = Field(gt=0)
    outer: float = Field(gt=0)
    crossing: float = Field(gt=0)


class Equipment(_Strict):
    engines: tuple[int, int]
    formations: tuple[int, int]


class Geo(_Strict):
    label: Text
    bbox: Box
    coarse_step_deg: float = Field(gt=0)
    fine_per_coarse: int = Field(ge=1)
    centre: Box
    speeds_kmh: Speeds
    speed_jitter: float = Field(ge=0, lt=1)
    districts: tuple[District, ...]
    outline_stretch: float = Field(gt=0)
    rivers: dict[str, tuple[tuple[float, float], ...]]
    crossings: tuple[Crossing, ...]
    stations: dict[str, dict[str, int]]
    equipment: dict[str, Equipment]
    not_available: dict[str, int]


def load_geo(path: Path = GEO_PATH) -> Geo:
    return load_model(Geo, path)


def _crosses(a: NDArray[np.float64], b: NDArray[np.float64], segs: NDArray[np.float64]) -> NDArray[np.bool_]:
    """For segments a[i]-b[i], whether each crosses (or touches) any of the river segments."""
    c, d = segs[:, 0:2], segs[:, 2:4]

    def orient(p: NDArray[np.float64], q: NDArray[np.float64], r: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray((q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1])
                          - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0]))

    A, B = a[:, None, :], b[:, None, :]
    C, D = c[None, :, :], d[None, :, :]
    o1, o2 = orient(A, B, C), orient(A, B, D)
    o3, o4 = orient(C, D, A), orient(C, D, B)
    return np.asarray(((o1 * o2 <= 0) & (o3 * o4 <= 0)).any(axis=1))


def river_segments(geo: Geo, only: str | None = None) -> NDArray[np.float64]:
    rows = [(*p, *q) for name, line in geo.rivers.items() if only in (None, name) for p, q in pairwise(line)]
    return np.asarray(rows, dtype=np.float64)


def _grid(geo: Geo) -> tuple[dict[tuple[int, int], tuple[float, float]], set[tuple[tuple[int, int], ...]]]:
    """Nodes keyed by integer fine-grid ticks, and undirected edges between tick keys."""
    step = geo.coarse_step_deg / geo.fine_per_coarse
    box, ctr, k = geo.bbox, geo.centre, geo.fine_per_coarse
    nx_, ny_ = round((box.east - box.west) / step), round((box.north - box.south) / step)
    ci0, ci1 = round((ctr.west - box.west) / step), round((ctr.east - box.west) / step)
    cj0, cj1 = round((ctr.south - box.south) / step), round((ctr.north - box.south) / step)

    def inside(i: float, j: float) -> bool:
        return ci0 <= i <= ci1 and cj0 <= j <= cj1

    nodes: dict[tuple[int, int], tuple[float, float]] = {}
    edges: set[tuple[tuple[int, int], ...]] = set()
    for i in range(0, nx_ + 1):
        for j in range(0, ny_ + 1):
            fine, coarse = inside(i, j), i % k == 0 and j % k == 0
            if fine or coarse:
                nodes[(i, j)] = (round(box.west + i * step, 5), round(box.south + j * step, 5))
    for (i, j) in nodes:
        for di, dj in ((1, 0), (0, 1)):
            fine = inside(i, j) and inside(i + di, j + dj)
            if fine:
                edges.add(((i, j), (i + di, j + dj)))
            elif i % k == 0 and j % k == 0 and not inside(i + di * k / 2, j + dj * k / 2):
                edges.add(((i, j), (i + di * k, j + dj * k)))
    return nodes, {e for e in edges if e[1] in nodes}


def _ratios(geo: Geo, lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.float64]:
    """Distance to each district centre over the district's radius (rows: districts); <= 1 is inside."""
    return np.stack([
        haversine_m(d.lon, d.lat, lon, lat) / (geo.outline_stretch * 1000 * math.sqrt(d.area_km2 / math.pi))
        for d in geo.districts
    ])


def _banks(nodes: list[tuple[int, int]], edges: list[tuple[tuple[int, int], ...]],
           cut: NDArray[np.bool_]) -> dict[tuple[int, int], int]:
    """Which river bank (connected part of the grid once river roads are cut) each node is on."""
    grid = nx.Graph()
    grid.add_nodes_from(nodes)
    grid.add_edges_from(e for e, blocked in zip(edges, cut, strict=True) if not blocked)
    return {n: i for i, part in enumerate(nx.connected_components(grid)) for n in part}


def build_graph(geo: Geo, rng: np.random.Generator) -> nx.MultiDiGraph:
    nodes, edge_set = _grid(geo)
    keys = list(nodes)
    edges = sorted(edge_set)
    cut = _crosses(np.asarray([nodes[u] for u, _ in edges]), np.asarray([nodes[v] for _, v in edges]),
                   river_segments(geo))
    bank = _banks(keys, edges, cut)
    lon = np.asarray([nodes[k][0] for k in keys])
    lat = np.asarray([nodes[k][1] for k in keys])
    ratios = _ratios(geo, lon, lat)
    # A district lies on the bank of the grid node nearest its centre; its nodes are on that bank only.
    home = [bank[keys[int(np.argmin(haversine_m(d.lon, d.lat, lon, lat)))]] for d in geo.districts]
    same_bank = np.asarray([[home[d] == bank[k] for k in keys] for d in range(len(geo.districts))])
    ratios = np.where(same_bank, ratios, np.inf)
    district, ratio = np.argmin(ratios, axis=0), np.min(ratios, axis=0)
    kept = {k: (i, int(district[i])) for i, k in enumerate(keys) if ratio[i] <= 1.0}
    graph = nx.MultiDiGraph(crs="epsg:4326", sample=True, label=f"{geo.label.en} / {geo.label.zh}",
                            description="Generated by firedrill.stations.sample from data/wuhan_geo.yaml")
    for i, d in kept.values():
        graph.add_node(str(i), x=float(lon[i]), y=float(lat[i]), district=geo.districts[d].zh)
    speeds = geo.speeds_kmh
    for (u, v), blocked in zip(edges, cut, strict=True):
        if blocked or u not in kept or v not in kept:
            continue
        iu, iv = kept[u][0], kept[v][0]
        core = geo.districts[kept[u][1]].core and geo.districts[kept[v][1]].core
        speed = (speeds.centre if core else speeds.outer) * KMH_TO_MS
        speed *= 1 + rng.uniform(-geo.speed_jitter, geo.speed_jitter)
        _add_road(graph, str(iu), str(iv), speed)
    for crossing in geo.crossings:
        _add_crossing(graph, geo, crossing)
    biggest = max(nx.weakly_connected_components(graph), key=len)
    graph.remove_nodes_from([n for n in list(graph.nodes) if n not in biggest])
    return graph


def _add_road(graph: nx.MultiDiGraph, u: str, v: str, speed_ms: float, **tags: str) -> None:
    gu, gv = graph.nodes[u], graph.nodes[v]
    length = float(haversine_m(gu["x"], gu["y"], gv["x"], gv["y"]))
    for s, t in ((u, v), (v, u)):
        graph.add_edge(s, t, length=round(length, 1), travel_time=round(length / speed_ms, 1), **tags)


def _add_crossing(graph: nx.MultiDiGraph, geo: Geo, crossing: Crossing) -> None:
    segs = river_segments(geo, crossing.river)
    others = river_segments(geo, next(n for n in geo.rivers if n != crossing.river))
    p = np.asarray([crossing.lon, crossing.lat])
    c, d = segs[:, 0:2], segs[:, 2:4]
    t = np.clip(np.einsum("ij,ij->i", p - c, d - c) / np.einsum("ij,ij->i", d - c, d - c), 0, 1)
    foot = c + t[:, None] * (d - c)
    nearest = int(np.argmin(np.linalg.norm(foot - p, axis=1)))
    on_river, direction = foot[nearest], d[nearest] - c[nearest]
    ids = list(graph.nodes)
    pts = np.asarray([[graph.nodes[n]["x"], graph.nodes[n]["y"]] for n in ids])
    side = np.sign(direction[0] * (pts[:, 1] - on_river[1]) - direction[1] * (pts[:, 0] - on_river[0]))
    clean = ~_crosses(pts, np.repeat(on_river[None, :], len(pts), axis=0), others)
    order = np.argsort(np.linalg.norm(pts - on_river, axis=1))
    ends = [next(ids[i] for i in order if side[i] == s and clean[i]) for s in (1, -1)]
    _add_road(graph, ends[0], ends[1], geo.speeds_kmh.crossing * KMH_TO_MS, name=crossing.name,
              **{crossing.kind: "yes"})
