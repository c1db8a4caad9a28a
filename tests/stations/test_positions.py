"""Positions checked: a point or a station off the roads is refused with the distance; implausible ones too."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from firedrill.cli.main import main
from firedrill.errors import InputError
from firedrill.stations.graph import load_graphml, network_from_graph
from firedrill.stations.order import order_text
from firedrill.stations.planner import locate, plan
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.stationio import stations_from_rows
from tests.stations.conftest import REPORTED, scale, star_graph

AT = ["--at", "2024-05-08T10:00:00"]


def _error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["dispatch", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("firedrill: error:") and err.count("\n") == 1
    return err


def test_a_scene_35_km_from_any_road_is_refused_naming_the_distance(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(capsys, "--lon", "113.71", "--lat", "31.32", "--level", "major", *AT)
    assert "35,444 m from the nearest road node" in err and "limit 1,000 m" in err


def test_the_snap_distance_is_configurable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    where = ["--lon", "114.30", "--lat", "30.60", "--level", "major", *AT, "--json"]
    err = _error(capsys, *where, "--max-snap-m", "100")
    assert "278 m from the nearest road node" in err and "limit 100 m" in err
    config = tmp_path / "config.yaml"
    config.write_text("stations:\n  max_snap_m: 50\n", encoding="utf-8")
    assert "limit 50 m" in _error(capsys, *where, "--config", str(config))
    assert main(["dispatch", *where, "--config", str(config), "--max-snap-m", "300"]) == 0


@pytest.mark.parametrize(("lon", "lat", "words"), [("0", "0", "(0, 0) is not a plausible"),
                                                     ("200", "30", "not a longitude/latitude"),
                                                     ("nan", "30", "not a longitude/latitude")])
def test_implausible_coordinates_are_refused(capsys: pytest.CaptureFixture[str], lon: str, lat: str,
                                             words: str) -> None:  # fmt: skip
    assert words in _error(capsys, "--lon", lon, "--lat", lat, "--level", "major", *AT)


def test_a_station_off_the_roads_is_refused_with_its_line_and_distance() -> None:
    net = network_from_graph(star_graph([("a", "b", 10, 100)]))
    rows = [{"id": "OK", "name": "近站", "kind": "main", "lon": 114.0002, "lat": 30.5, "engines": 4, "formations": 2},
            {"id": "FAR", "name": "远站", "kind": "main", "lon": 0.0, "lat": 0.0, "engines": 4, "formations": 2}]
    with pytest.raises(InputError) as err:
        PreparedNetwork(net, stations_from_rows(rows, "st.csv"))
    assert "'FAR'" in err.value.message and "m from the nearest road node" in err.value.message
    assert err.value.line == 2 and err.value.file == "st.csv"


def test_each_station_reports_its_snap_distance() -> None:
    net = network_from_graph(star_graph([("a", "b", 10, 100)]))
    rows = [{"id": "S", "name": "站", "kind": "main", "lon": 114.0, "lat": 30.501, "engines": 4, "formations": 2}]
    p = PreparedNetwork(net, stations_from_rows(rows))
    node, location = locate(p, node="b")
    result = plan(p, node, location, scale(), reported_at=REPORTED)
    assert result.sent[0].snap_m == pytest.approx(111.1, abs=0.2)
    assert "站点距道路节点 111 m" in order_text(result)
    assert "station to road node 111 m" in order_text(result, lang="en")


def test_a_graph_node_at_zero_zero_is_refused(tmp_path: Path) -> None:
    graph = star_graph([("a", "b", 10, 100)])
    graph.nodes["b"]["x"], graph.nodes["b"]["y"] = 0.0, 0.0
    path = tmp_path / "g.graphml"
    nx.write_graphml(graph, path)
    with pytest.raises(InputError, match=r"'b': coordinate \(0, 0\) is not a plausible"):
        load_graphml(path)
