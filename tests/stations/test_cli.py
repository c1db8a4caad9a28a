"""``firedrill dispatch``: the JSON contract for a CAD system, the radio text, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from firedrill.cli.main import main
from firedrill.models import Level
from firedrill.stations.network import scale_for

WHERE = ["--lon", "114.30", "--lat", "30.60"]
AT = ["--at", "2024-05-08T10:00:00"]


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["dispatch", *WHERE, *AT, "--json", *args]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["dispatch", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("firedrill: error:") and err.count("\n") == 1 and "Traceback" not in err
    return err


def test_json_contract_for_a_major_fire(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "--level", "major")
    assert data["schema"] == "firedrill.dispatch/1"
    assert data["sample"] is True and "SAMPLE DATA" in data["sample_label"] and "示例数据" in data["sample_label"]
    plan = data["plan"]
    assert plan["level"] == "major" and plan["set_by_plan"] is True
    assert plan["reported_at"].startswith("2024-05-08T10:00:00+08:00")
    scale = scale_for(Level.MAJOR)
    assert scale.stations is not None and scale.formations is not None and scale.engines is not None
    assert plan["totals"]["stations"] >= scale.stations.minimum
    assert plan["totals"]["formations"] >= scale.formations.minimum
    assert plan["totals"]["engines"] >= scale.engines.minimum
    unit = plan["sent"][0]
    for key in ("id", "name", "kind", "code", "reason", "clause", "travel_time_s", "distance_m", "eta", "via",
                "engines", "formations", "beyond_standby_limit"):
        assert key in unit
    assert unit["reason"]["zh"] and unit["reason"]["en"]
    kinds = {u["kind"] for u in plan["sent"]}
    assert {"main", "special_service", "heavy_rescue", "logistics"} <= kinds
    assert plan["standby"]["applied"] is True and plan["standby"]["distance_m"] == 30_000
    assert data["leaders_respond"][0]["zh"] == "支队负责人"
    assert data["activation"]["clause"] == "4.2"
    held = {h["code"] for h in plan["held"]}
    assert "beyond_standby_limit" in held


def test_already_sent_is_not_sent_again(capsys: pytest.CaptureFixture[str]) -> None:
    first = _json(capsys, "--level", "major")["plan"]
    ids = [u["id"] for u in first["sent"]]
    second = _json(capsys, "--level", "especially_major", "--already-sent", ",".join(ids))["plan"]
    assert {u["id"] for u in second["previously_sent"]} == set(ids)
    assert not {u["id"] for u in second["sent"]} & set(ids)
    assert second["standby"]["lifted"] is True


def test_level_comes_from_the_incident_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    incident = tmp_path / "incident.json"
    # 1500 m² of an ordinary building is 重大 (1000—2000 m², clause 1.4); 23:00 escalates it (4.3(3)).
    incident.write_text(json.dumps({"burning_area_m2": 1500, "reported_at": "2024-05-08T23:00:00"}))
    assert main(["dispatch", *WHERE, "--from", str(incident), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)["plan"]
    assert plan["level"] == "especially_major"
    assert plan["reported_at"].startswith("2024-05-08T23:00:00")


def test_text_order_is_labelled_sample_first_and_last_and_in_english_on_request(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dispatch", *WHERE, *AT, "--level", "major"]) == 0
    zh = capsys.readouterr().out.splitlines()
    assert "示例数据，非真实站点" in zh[0] and "示例数据，非真实站点" in zh[-1]
    assert any("调度命令" in line for line in zh) and any("遂警出动" in line for line in zh)
    assert main(["dispatch", *WHERE, *AT, "--level", "major", "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "DISPATCH ORDER" in en and "Leaders responding" in en and "SAMPLE DATA" in en


def test_general_fire_offers_nearest_without_a_minimum(capsys: pytest.CaptureFixture[str]) -> None:
    plan = _json(capsys, "--level", "general")["plan"]
    assert plan["set_by_plan"] is False and plan["sent"] == [] and plan["offered"]
    assert plan["shortfalls"] == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--lon", "114.3", "--lat", "30.6"], "--level"),
        ([*WHERE, "--level", "major", "--from", "x.json"], "not both"),
        (["--level", "major"], "--lon"),
        (["--node", "1", *WHERE, "--level", "major"], "not both"),
        (["--lon", "120", "--lat", "30.6", "--level", "major"], "outside the road network"),
        ([*WHERE, "--level", "major", "--at", "noon"], "ISO 8601"),
        ([*WHERE, "--level", "major", "--already-sent", "nope"], "unknown unit"),
        ([*WHERE, "--level", "major", "--node", "no-such-node"], "not both"),
        (["--node", "no-such-node", "--level", "major"], "not in the road graph"),
        ([*WHERE, "--level", "major", "--graph", "g.graphml"], "go together"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], words: str) -> None:
    assert words in _error(capsys, *args)


def test_bad_files_name_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "roads.graphml"
    graph.write_text("<graphml>")
    stations = tmp_path / "stations.csv"
    stations.write_text("id,name,kind,engines,formations\n")
    err = _error(capsys, *WHERE, "--level", "major", "--graph", str(graph), "--stations", str(stations))
    assert str(graph) in err
    incident = tmp_path / "incident.json"
    incident.write_text(json.dumps({"burning_area_m2": -1, "reported_at": "2024-05-08T10:00:00"}))
    err = _error(capsys, *WHERE, "--from", str(incident))
    assert str(incident) in err and "burning_area_m2" in err


def test_own_graph_and_stations_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    for i in range(3):
        g.add_node(str(i), x=str(114.0 + i / 100), y="30.5")
    for u, v in (("0", "1"), ("1", "0"), ("1", "2"), ("2", "1")):
        g.add_edge(u, v, length="900", travel_time="90")
    nx.write_graphml(g, tmp_path / "roads.graphml")
    (tmp_path / "stations.csv").write_text("id,name,kind,node,engines,formations\nA,甲站,main,2,4,2\n",
                                           encoding="utf-8")
    assert main(["dispatch", "--node", "0", "--level", "major", "--json", *AT, "--graph",
                 str(tmp_path / "roads.graphml"), "--stations", str(tmp_path / "stations.csv")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sample"] is False and data["sample_label"] is None
    assert [(u["id"], u["travel_time_s"], u["distance_m"]) for u in data["plan"]["sent"]] == [("A", 180, 1800)]
    assert {s["what"] for s in data["plan"]["shortfalls"]} >= {"stations", "engines", "formations"}
