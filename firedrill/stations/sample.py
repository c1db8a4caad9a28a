"""Generate the SAMPLE network shipped in ``data/sample`` (示例数据，非真实站点).

    python -m firedrill.stations.sample --seed 2021 --out firedrill/stations/data/sample

writes ``roads.graphml.gz`` (the graph, with ``sample`` and ``label`` graph attributes) and
``stations.csv`` (whose header comments carry the same label and ``sample: true``). The same seed
always gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import numpy as np

from firedrill.stations.geo import haversine_m
from firedrill.stations.kinds import StationKind, Status
from firedrill.stations.paths import DEFAULT_OUT, GRAPH_FILE, STATIONS_FILE
from firedrill.stations.samplegraph import Geo, build_graph, load_geo
from firedrill.stations.stationio import COLUMNS


def _spread(nodes: list[str], graph: nx.MultiDiGraph, count: int, start: str) -> list[str]:
    """Farthest-point sampling: main stations cover their district instead of bunching up."""
    chosen = [start]
    lon = np.asarray([graph.nodes[n]["x"] for n in nodes])
    lat = np.asarray([graph.nodes[n]["y"] for n in nodes])
    nearest = haversine_m(graph.nodes[start]["x"], graph.nodes[start]["y"], lon, lat)
    while len(chosen) < min(count, len(nodes)):
        pick = int(np.argmax(nearest))
        chosen.append(nodes[pick])
        nearest = np.minimum(nearest, haversine_m(lon[pick], lat[pick], lon, lat))
    return chosen


def build_stations(geo: Geo, graph: nx.MultiDiGraph, rng: np.random.Generator) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    by_district: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        by_district.setdefault(data["district"], []).append(node)
    for district in geo.districts:
        nodes = sorted(by_district[district.zh], key=int)
        counts = geo.stations.get(district.zh, {})
        centre = nodes[int(np.argmin(haversine_m(district.lon, district.lat,
                                                 np.asarray([graph.nodes[n]["x"] for n in nodes]),
                                                 np.asarray([graph.nodes[n]["y"] for n in nodes]))))]
        mains = _spread(nodes, graph, counts.get(StationKind.MAIN.value, 0), centre)
        for kind in StationKind:
            count = counts.get(kind.value, 0)
            places = mains if kind is StationKind.MAIN else [str(x) for x in rng.choice(nodes, size=count)]
            for n, node in enumerate(places[:count], start=1):
                rows.append(_row(geo, graph, rng, district.zh, kind, n, node, mains))
    for status in (Status.COMMITTED, Status.STANDBY):
        free = [r for r in rows if r["kind"] == StationKind.MAIN.value and r["status"] == Status.AVAILABLE.value]
        for index in rng.choice(len(free), size=geo.not_available.get(status.value, 0), replace=False):
            free[int(index)]["status"] = status.value
    return rows


def _row(geo: Geo, graph: nx.MultiDiGraph, rng: np.random.Generator, district: str, kind: StationKind, n: int,
         node: str, mains: Sequence[str]) -> dict[str, str]:
    data = graph.nodes[node]
    kit = geo.equipment[kind.value]
    parent = ""
    if kind is StationKind.SMALL:
        near = haversine_m(data["x"], data["y"], np.asarray([graph.nodes[m]["x"] for m in mains]),
                           np.asarray([graph.nodes[m]["y"] for m in mains]))
        parent = f"{district}-{StationKind.MAIN.value}-{int(np.argmin(near)) + 1}"
    return {
        "id": f"{district}-{kind.value}-{n}",
        "name": f"{district}{kind.label.zh}{n}号（示例）",
        "kind": kind.value,
        "lon": f"{data['x']:.5f}",
        "lat": f"{data['y']:.5f}",
        "node": node,
        "engines": str(int(rng.integers(kit.engines[0], kit.engines[1] + 1))),
        "formations": str(int(rng.integers(kit.formations[0], kit.formations[1] + 1))),
        "status": Status.AVAILABLE.value,
        "parent": parent,
        "district": district,
    }


def write(out: Path, seed: int, geo: Geo | None = None) -> tuple[Path, Path]:
    geo = geo or load_geo()
    rng = np.random.default_rng(seed)
    graph = build_graph(geo, rng)
    graph.graph["seed"] = seed
    rows = build_stations(geo, graph, rng)
    out.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    graph_path = out / GRAPH_FILE
    with gzip.GzipFile(graph_path, "wb", mtime=0) as handle:  # mtime=0: same seed, same bytes
        handle.write(buffer.getvalue())
    stations_path = out / STATIONS_FILE
    text = io.StringIO()
    text.write(f"# {geo.label.en} / {geo.label.zh}\n# sample: true\n# seed: {seed}\n")
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    stations_path.write_text(text.getvalue(), encoding="utf-8")
    return graph_path, stations_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the SAMPLE Wuhan road network and stations.")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    graph_path, stations_path = write(args.out, args.seed)
    print(f"wrote {graph_path} and {stations_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
