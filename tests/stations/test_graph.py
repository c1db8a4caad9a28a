"""GraphML loading: OSMnx-style string attributes convert; each defect is one message naming where."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from firedrill.errors import InputError
from firedrill.stations.graph import load_graphml
from tests.stations.conftest import star_graph


def _write(graph: nx.Graph, path: Path) -> Path:
    nx.write_graphml(graph, path)
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if needle in line)


def test_string_attributes_as_osmnx_writes_them_are_converted(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("1", x="114.1", y="30.5")
    graph.add_node("2", x="114.2", y="30.5")
    graph.add_edge("1", "2", length="812.5", travel_time="61.2", name="长江大桥", bridge="yes")
    graph.add_edge("2", "1", length="812.5", travel_time="61.2")
    net = load_graphml(_write(graph, tmp_path / "g.graphml"))
    assert net.node_count == 2 and net.edge_count == 2
    assert net.time_matrix[net.index["1"], net.index["2"]] == pytest.approx(61.2)
    assert set(net.edge_crossing) == {"长江大桥", ""}


def test_undirected_graph_gives_both_directions(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node("a", x=114.0, y=30.0)
    graph.add_node("b", x=114.1, y=30.0)
    graph.add_edge("a", "b", length=100.0, travel_time=10.0)
    net = load_graphml(_write(graph, tmp_path / "u.graphml"))
    assert net.edge_count == 2


def test_missing_node_coordinate_names_node_and_line(tmp_path: Path) -> None:
    graph = star_graph([("a", "b", 10, 100)])
    del graph.nodes["b"]["x"]
    path = _write(graph, tmp_path / "g.graphml")
    with pytest.raises(InputError) as err:
        load_graphml(path)
    assert err.value.field == "x" and "'b'" in err.value.message and "missing" in err.value.message
    assert err.value.line == _line_of(path, '<node id="b"')
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("attr", "value", "words"),
    [("length", -5.0, "negative"), ("travel_time", -1.0, "negative"), ("travel_time", "fast", "not a number")],
)
def test_bad_edge_attribute_names_edge_field_and_line(tmp_path: Path, attr: str, value: object, words: str) -> None:
    graph = star_graph([("a", "b", 10, 100), ("b", "c", 10, 100)], one_way=True)
    graph["b"]["c"][0][attr] = value
    path = _write(graph, tmp_path / "g.graphml")
    with pytest.raises(InputError) as err:
        load_graphml(path)
    assert err.value.field == attr and "'b'->'c'" in err.value.message and words in err.value.message
    assert err.value.line == _line_of(path, 'source="b" target="c"')


def test_missing_edge_attribute(tmp_path: Path) -> None:
    graph = star_graph([("a", "b", 10, 100)], one_way=True)
    del graph["a"]["b"][0]["travel_time"]
    with pytest.raises(InputError, match="'travel_time' is missing"):
        load_graphml(_write(graph, tmp_path / "g.graphml"))


def test_disconnected_parts_are_refused(tmp_path: Path) -> None:
    graph = star_graph([("a", "b", 10, 100), ("c", "d", 10, 100), ("d", "e", 10, 100)])
    with pytest.raises(InputError, match="2 disconnected parts") as err:
        load_graphml(_write(graph, tmp_path / "g.graphml"))
    assert "'a'" in err.value.message or "'b'" in err.value.message


def test_not_graphml_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.graphml"
    junk.write_text("this is not xml")
    with pytest.raises(InputError, match="not a readable GraphML"):
        load_graphml(junk)
    with pytest.raises(InputError, match="not found"):
        load_graphml(tmp_path / "absent.graphml")


def test_streaming_reader_takes_key_defaults_gzip_and_graph_attributes(tmp_path: Path) -> None:
    import gzip

    text = """<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="graph" attr.name="label" attr.type="string"/>
  <key id="kx" for="node" attr.name="x" attr.type="double"/>
  <key id="ky" for="node" attr.name="y" attr.type="double"/>
  <key id="kt" for="edge" attr.name="travel_time" attr.type="double"><default>30</default></key>
  <key id="kl" for="edge" attr.name="length" attr.type="double"/>
  <graph edgedefault="directed">
    <data key="k0">城</data>
    <node id="a"><data key="kx">114.0</data><data key="ky">30.5</data></node>
    <node id="b"><data key="kx">114.01</data><data key="ky">30.5</data></node>
    <edge source="a" target="b"><data key="kl">900</data></edge>
    <edge source="b" target="a"><data key="kl">900</data><data key="kt">45.5</data></edge>
  </graph>
</graphml>
"""
    path = tmp_path / "g.graphml.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    net = load_graphml(path)
    assert net.meta == {"label": "城"}
    assert net.time_matrix[net.index["a"], net.index["b"]] == 30.0
    assert net.time_matrix[net.index["b"], net.index["a"]] == 45.5
