"""Station files: CSV and YAML load the same rows; each bad row is one message with file, line, field."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.stations.kinds import StationKind, Status
from firedrill.stations.stationio import load_stations
from tests.stations.conftest import prepared, star_graph

HEADER = "id,name,kind,lon,lat,node,engines,formations,status,parent,district"
GOOD = [
    "m1,一站,主战站,,,a,4,2,available,,江岸",
    "s1,一号小型站,small,,,b,1,1,,m1,江岸",
    "t1,特勤一站,special_service,114.30,30.60,,8,3,committed,,武昌",
]


def _csv(tmp_path: Path, rows: list[str], comments: str = "# SAMPLE DATA\n# sample: true\n") -> Path:
    path = tmp_path / "stations.csv"
    path.write_text(comments + HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_csv_reads_kinds_by_zh_or_slug_status_parent_and_metadata(tmp_path: Path) -> None:
    loaded = load_stations(_csv(tmp_path, GOOD))
    assert [s.kind for s in loaded.stations] == [StationKind.MAIN, StationKind.SMALL, StationKind.SPECIAL_SERVICE]
    assert loaded.stations[1].status is Status.AVAILABLE and loaded.stations[1].parent == "m1"
    third = loaded.stations[2]
    assert third.status is Status.COMMITTED and (third.lon, third.lat, third.node) == (114.30, 30.60, None)
    assert loaded.is_sample


def test_yaml_reads_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "stations.yaml"
    path.write_text(
        "meta: {sample: false}\nstations:\n"
        "  - {id: m1, name: 一站, kind: 主战站, node: a, engines: 4, formations: 2}\n"
        "  - {id: s1, name: 小站, kind: small, node: b, engines: 1, formations: 1, parent: m1}\n",
        encoding="utf-8",
    )
    loaded = load_stations(path)
    assert [s.id for s in loaded.stations] == ["m1", "s1"] and not loaded.is_sample


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("x1,站,firehouse,,,a,4,2,,,", "kind", "unknown kind"),
        ("x1,站,main,,,a,-1,2,,,", "engines", "greater than or equal to 0"),
        ("x1,站,main,,,a,four,2,,,", "engines", "valid integer"),
        ("x1,站,main,,,a,4,2,busy,,", "status", "unknown status"),
        ("x1,站,main,200,30,,4,2,,,", "lon", "less than or equal to 180"),
        ("x1,站,main,,,,4,2,,,", None, "give either 'node' or both 'lon' and 'lat'"),
        ("m1,站,main,,,a,4,2,,,", "id", "duplicate id"),
        ("x1,站,small,,,a,1,1,,,", "parent", "needs a 'parent'"),
        ("x1,站,small,,,a,1,1,,t9,", "parent", "not a fire rescue station"),
    ],
)
def test_bad_csv_row_names_file_line_and_field(tmp_path: Path, row: str, field: str | None, words: str) -> None:
    path = _csv(tmp_path, [*GOOD, row])
    with pytest.raises(InputError) as err:
        load_stations(path)
    assert err.value.line == 7  # two comment lines, the header, three good rows
    assert err.value.field == field and words in err.value.message
    assert str(path) in err.value.one_line() and "\n" not in err.value.one_line()


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,kind,engines,formations,colour\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown column") as err:
        load_stations(bad)
    assert err.value.field == "colour" and err.value.line == 1
    bad.write_text("id,name,kind,engines\nx,y,main,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="required column") as err:
        load_stations(bad)
    assert err.value.field == "formations"


def test_bad_yaml_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "stations.yaml"
    path.write_text(
        "stations:\n"
        "  - {id: m1, name: 一站, kind: main, node: a, engines: 4, formations: 2}\n"
        "  - {id: m2, name: 二站, kind: main, node: b, engines: many, formations: 2}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_stations(path)
    assert err.value.line == 3 and err.value.field == "stations.1.engines"


def test_wrong_extension_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.csv, \.yaml"):
        load_stations(_csv(tmp_path, GOOD).rename(tmp_path / "stations.txt"))
    with pytest.raises(InputError, match="no such file"):
        load_stations(tmp_path / "absent.csv")


def test_station_on_a_node_missing_from_the_graph_names_its_line(tmp_path: Path) -> None:
    from firedrill.stations.graph import network_from_graph
    from firedrill.stations.ranking import PreparedNetwork

    path = _csv(tmp_path, ["m1,一站,main,,,zz,4,2,,,"], comments="")
    with pytest.raises(InputError, match="'zz' is not in the road graph") as err:
        PreparedNetwork(network_from_graph(star_graph([("a", "b", 1, 1)])), load_stations(path))
    assert err.value.line == 2 and err.value.field == "node"


def test_lon_lat_station_snaps_to_nearest_node() -> None:
    p = prepared(star_graph([("a", "b", 10, 100), ("b", "c", 10, 100)]),
                 [{"id": "m", "name": "m", "kind": "main", "lon": 114.0011, "lat": 30.5, "engines": 1,
                   "formations": 1}])
    assert p.network.node_ids[int(p.station_nodes[0])] == "b"  # b sits at lon 114.001
