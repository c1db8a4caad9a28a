"""The shipped SAMPLE network: labelled, regenerable, 13 districts reachable, rivers crossed at bridges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from firedrill.stations.network import SAMPLE_GRAPH, SAMPLE_STATIONS, prepare
from firedrill.stations.planner import locate
from firedrill.stations.sample import write
from firedrill.stations.samplegraph import load_geo
from tests.stations.conftest import prepared, station

DISTRICTS = {"江岸", "江汉", "硚口", "汉阳", "武昌", "青山", "洪山", "东西湖", "汉南", "蔡甸", "江夏", "黄陂", "新洲"}
# Banks by geography: north of the Yangtze and the Han; between them (Hanyang side); south of the Yangtze.
HANKOU = {"江岸", "江汉", "硚口", "东西湖", "黄陂", "新洲"}
HANYANG = {"汉阳", "蔡甸", "汉南"}
WUCHANG = {"武昌", "青山", "洪山", "江夏"}


@pytest.fixture(scope="module")
def sample() -> Any:
    return prepare()


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return nx.read_graphml(SAMPLE_GRAPH)


def test_sample_is_labelled_in_its_files_and_loaded_as_sample(sample: Any) -> None:
    assert sample.network.is_sample and sample.stations.is_sample
    label = "SAMPLE DATA — not real station data / 示例数据，非真实站点"
    assert sample.network.meta["label"] == label
    assert SAMPLE_STATIONS.read_text(encoding="utf-8").splitlines()[0] == f"# {label}"


def test_sample_size_is_small_and_station_count_in_range(sample: Any) -> None:
    assert 60 <= len(sample.stations.stations) <= 120
    assert sample.network.node_count <= 5000
    assert SAMPLE_GRAPH.stat().st_size < 500_000


def test_every_district_has_roads_and_stations_and_is_reached_by_every_station(sample: Any,
                                                                               graph: nx.MultiDiGraph) -> None:
    by_district: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        by_district.setdefault(data["district"], node)
    assert set(by_district) == DISTRICTS
    assert {s.district for s in sample.stations.stations} == DISTRICTS
    for district, node in by_district.items():
        ranked = sample.rank(sample.network.index[node])
        assert all(r.reachable for r in ranked), district


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    graph_path, stations_path = write(tmp_path, seed=2021)
    assert graph_path.read_bytes() == SAMPLE_GRAPH.read_bytes()
    assert stations_path.read_text(encoding="utf-8") == SAMPLE_STATIONS.read_text(encoding="utf-8")


# Which two banks each crossing joins (real geography: the Han meets the Yangtze between 武汉长江大桥
# and the 长江隧道, so Yangtze crossings upstream join Hanyang and Wuchang, downstream Hankou and Wuchang).
JOINS = {
    **{name: ("hankou", "hanyang") for name in ("江汉桥", "月湖桥", "知音大桥", "长丰桥", "古田桥", "汉江湾桥",
                                                "蔡甸汉江大桥")},
    **{name: ("hanyang", "wuchang") for name in ("军山长江大桥", "沌口长江大桥", "白沙洲长江大桥",
                                                 "杨泗港长江大桥", "鹦鹉洲长江大桥", "武汉长江大桥")},
    **{name: ("hankou", "wuchang") for name in ("武汉长江隧道", "武汉长江二桥", "二七长江大桥", "天兴洲长江大桥",
                                                "阳逻长江大桥")},
}


def _bank(district: str) -> str:
    return "hankou" if district in HANKOU else "hanyang" if district in HANYANG else "wuchang"


def test_every_crossing_in_the_sample_is_a_known_one() -> None:
    assert {c.name for c in load_geo().crossings} == set(JOINS)


@pytest.mark.parametrize(("lon", "lat"), [(114.33, 30.64), (114.24, 30.59), (114.20, 30.52), (114.35, 30.50)])
def test_every_route_changes_bank_only_at_bridges_and_tunnels(sample: Any, graph: nx.MultiDiGraph, lon: float,
                                                               lat: float) -> None:
    node, location = locate(sample, lon=lon, lat=lat)
    target = _bank(graph.nodes[location.node]["district"])
    crossed_any = False
    for reach in sample.rank(node):
        bank = _bank(reach.station.district or "")
        for name in sample.crossings(reach.station, node):
            a, b = JOINS[name]
            assert bank in (a, b), (reach.station.id, name)
            bank = b if bank == a else a
            crossed_any = True
        assert bank == target, reach.station.id
    assert crossed_any


def test_across_the_river_is_slower_than_a_farther_neighbour_on_the_same_bank(sample: Any) -> None:
    node, _ = locate(sample, lon=114.33, lat=30.64)  # 江岸, by the Yangtze
    ranked = sample.rank(node)
    across = min((r for r in ranked if r.station.district in WUCHANG), key=lambda r: r.straight_m)
    same_bank = [r for r in ranked if r.station.district in HANKOU and r.straight_m > across.straight_m
                 and r.travel_time_s < across.travel_time_s]
    assert same_bank, "a farther station on the same bank should be faster than the nearest one across"


def test_hand_built_river_with_one_bridge() -> None:
    # North bank row y=30.51, south bank row y=30.50, 5 columns 0.01° apart; only column 4 is bridged.
    g = nx.MultiDiGraph()
    for bank, lat in (("n", 30.51), ("s", 30.50)):
        for i in range(5):
            g.add_node(f"{bank}{i}", x=114.0 + 0.01 * i, y=lat)
        for i in range(4):
            for u, v in ((f"{bank}{i}", f"{bank}{i + 1}"), (f"{bank}{i + 1}", f"{bank}{i}")):
                g.add_edge(u, v, travel_time=100, length=960)
    for u, v in (("n4", "s4"), ("s4", "n4")):
        g.add_edge(u, v, travel_time=100, length=1100, name="桥", bridge="yes")
    p = prepared(g, [station("ACROSS", "s0"), station("ALONG", "n2")])
    node, _ = locate(p, node="n0")
    ranked = {r.station.id: r for r in p.rank(node)}
    assert ranked["ACROSS"].straight_m < ranked["ALONG"].straight_m
    assert ranked["ACROSS"].travel_time_s == 900 > ranked["ALONG"].travel_time_s == 200
    assert p.crossings(ranked["ACROSS"].station, node) == ["桥"]
