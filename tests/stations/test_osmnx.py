"""OSMnx's GraphML as it comes: hints that name the OSMnx fix, viaducts that are not crossings, merged names."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.errors import InputError
from firedrill.stations.graph import load_graphml
from firedrill.stations.osm import display_name
from tests.stations.osmnx_graphml import EDGE_ATTRS, write_osmnx_graphml

NODES = [("101", 114.30, 30.60), ("102", 114.305, 30.60), ("103", 114.31, 30.60)]


def _road(**tags: str) -> dict[str, str]:
    return {"osmid": "7", "highway": "primary", "oneway": "False", "reversed": "False", "length": "480.2",
            "speed_kph": "40.0", "travel_time": "43.2", **tags}


def _both(u: str, v: str, **tags: str) -> list[tuple[str, str, dict[str, str]]]:
    return [(u, v, _road(**tags)), (v, u, _road(**tags, reversed="True"))]


def test_a_projected_graph_is_refused_with_the_osmnx_call_that_fixes_it(tmp_path: Path) -> None:
    nodes = [("1", 230_512.4, 3_390_118.0), ("2", 230_900.1, 3_390_118.0)]
    path = write_osmnx_graphml(tmp_path / "p.graphml", nodes, _both("1", "2"), graph_attrs={"crs": "EPSG:32650"})
    with pytest.raises(InputError) as err:
        load_graphml(path)
    assert "ox.project_graph(G, to_latlong=True)" in err.value.message and err.value.field == "x"


def test_a_projected_crs_with_small_numbers_is_refused_too(tmp_path: Path) -> None:
    path = write_osmnx_graphml(tmp_path / "p.graphml", NODES, _both("101", "102") + _both("102", "103"),
                               graph_attrs={"crs": "EPSG:32650"})
    with pytest.raises(InputError, match=r"ox\.project_graph\(G, to_latlong=True\)"):
        load_graphml(path)


def test_missing_travel_times_name_add_edge_speeds_and_travel_times(tmp_path: Path) -> None:
    attrs = tuple(a for a in EDGE_ATTRS if a not in ("travel_time", "speed_kph"))
    path = write_osmnx_graphml(tmp_path / "t.graphml", NODES, _both("101", "102"), edge_attrs=attrs)
    with pytest.raises(InputError) as err:
        load_graphml(path)
    message = err.value.message
    assert "'travel_time' is missing" in message
    assert "ox.add_edge_speeds(G)" in message and "ox.add_edge_travel_times(G)" in message


def test_viaducts_are_not_river_crossings_but_bridges_are(tmp_path: Path) -> None:
    edges = _both("101", "102", bridge="viaduct", name="长江大道高架") + _both(
        "102", "103", bridge="['yes', 'viaduct']", name="['武汉长江大桥', '京广线']")
    net = load_graphml(write_osmnx_graphml(tmp_path / "v.graphml", NODES, edges))
    assert set(net.edge_crossing) == {"", "武汉长江大桥/京广线"}


def test_merged_names_show_as_names() -> None:
    assert display_name("['横0路', '纵5街']") == "横0路/纵5街"
    assert display_name("解放大道") == "解放大道"
    assert display_name("['a', 'a']") == "a"


def test_an_undirected_graph_is_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edges = [("101", "102", _road()), ("102", "103", _road(bridge="yes", name="['横0路', '纵5街']"))]
    graph = write_osmnx_graphml(tmp_path / "u.graphml", NODES, edges, directed=False)
    net = load_graphml(graph)
    assert net.edge_count == 4 and any("undirected" in w for w in net.warnings)
    stations = tmp_path / "s.csv"
    stations.write_text("id,name,kind,node,engines,formations\nA,甲站,main,101,4,2\n", encoding="utf-8")
    code = main(["dispatch", "--graph", str(graph), "--stations", str(stations), "--node", "103", "--level",
                 "major", "--at", "2024-05-08T10:00:00"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "warning" in err and "undirected" in err and "one-way" in err
    assert "经 横0路/纵5街" in out and "['" not in out
