"""What the order says: 4.4.3 linked units, ETAs from each unit's own dispatch, labels, rounding, the config network."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from firedrill.cli.main import main
from firedrill.models import Level
from firedrill.stations.order import order_json, order_text
from firedrill.stations.planner import plan
from firedrill.stations.settings import Code
from tests.stations.conftest import REPORTED, at, prepared, scale, star_graph, station

WHERE = ["--lon", "114.30", "--lat", "30.60", "--at", "2024-05-08T10:00:00"]
LINKED_ZH = ("公安", "供电", "供水", "医疗卫生", "电信", "气象")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["dispatch", *WHERE, *args]) == 0
    return capsys.readouterr().out


def test_the_4_4_3_linked_units_are_in_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    text = _run(capsys, "--level", "major")
    assert "相关成员单位力量调集" in text and all(f"- {name} (4.4.3)" in text for name in LINKED_ZH)
    data = json.loads(_run(capsys, "--level", "major", "--json"))
    assert [u["name"]["zh"] for u in data["linked_units"]][:6] == list(LINKED_ZH)
    assert all(u["clause"] == "4.4.3" for u in data["linked_units"])
    general = json.loads(_run(capsys, "--level", "general", "--json"))
    assert general["linked_units"] == []  # 4.4.3 applies from major (2.1); below it the plan is silent


def test_the_cad_json_carries_address_issue_time_and_etas(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_run(capsys, "--level", "major", "--json", "--address", "江岸区解放大道1号"))
    assert data["address"] == "江岸区解放大道1号" and data["plan"]["location"]["address"] == "江岸区解放大道1号"
    assert data["issued_at"] == "2024-05-08T10:00:00+08:00"
    assert [e["unit"] for e in data["etas"]] == [u["id"] for u in data["plan"]["sent"]]
    assert [e["eta"] for e in data["etas"]] == sorted(e["eta"] for e in data["etas"])
    assert "地址: 江岸区解放大道1号" in _run(capsys, "--level", "major", "--address", "江岸区解放大道1号")


def _escalation() -> Any:
    graph = star_graph([("A", "I", 300, 3000), ("B", "I", 120, 1000), ("C", "I", 600, 6000)])
    return prepared(graph, [station("A", "A"), station("B", "B"), station("C", "C")])


def test_etas_on_escalation_count_from_when_each_unit_was_sent() -> None:
    p = _escalation()
    first_at = REPORTED - timedelta(minutes=20)
    result = plan(p, *at(p, "I"), scale(Level.ESPECIALLY_MAJOR, (3, None)), reported_at=REPORTED,
                  already_sent=["A"], sent_at={"A": first_at})  # fmt: skip
    earlier = result.previously_sent[0]
    assert earlier.sent_at == first_at and earlier.eta == first_at + timedelta(seconds=300)
    assert [u.id for u in result.sent] == ["B", "C"]  # by arrival
    assert all(u.sent_at == REPORTED and u.eta == REPORTED + timedelta(seconds=u.travel_time_s) for u in result.sent)
    text = order_text(result)
    assert f"预计到达 {first_at + timedelta(seconds=300):%H:%M:%S}  调派于 {first_at:%H:%M:%S}" in text
    etas = {e["unit"]: e for e in order_json(result)["etas"]}
    assert etas["A"]["sent_at"] == first_at.isoformat() and list(etas) == ["A", "B", "C"]


def test_the_only_special_service_station_beyond_the_limit_is_never_both_sent_and_short(rule: Any) -> None:
    graph = star_graph([("M", "I", 60, 500), ("T", "I", 2400, 20_000)])
    p = prepared(graph, [station("M", "M"), station("T", "T", kind="special_service")])
    result = plan(p, *at(p, "I"), scale(stations=(2, None)), reported_at=REPORTED, standby=rule)
    sent = {u.id: u for u in result.sent}
    assert sent["T"].beyond_standby_limit and sent["T"].note is not None
    assert not [s for s in result.shortfalls if s.what == "kind:special_service"]
    alone = plan(p, *at(p, "I"), scale(stations=(1, None)), reported_at=REPORTED, standby=rule)
    short = next(s for s in alone.shortfalls if s.what == "kind:special_service")
    assert short.codes == (Code.BEYOND_STANDBY_LIMIT,) and "T" in {h.id for h in alone.held}
    for lang, word in (("zh", "特勤站"), ("en", "special-service station")):
        line = next(x for x in order_text(alone, lang=lang).splitlines() if x.startswith(f"  - {word} (0/1)"))
        assert "kind:" not in line and "—" not in line and "30" in line


def test_1800_4_seconds_is_shown_beyond_the_30_minute_limit(rule: Any) -> None:
    graph = star_graph([("N", "I", 60, 500), ("X", "I", 1800.4, 5000)])
    p = prepared(graph, [station("N", "N"), station("X", "X")])
    result = plan(p, *at(p, "I"), scale(stations=(1, None)), reported_at=REPORTED, standby=rule)
    held = next(h for h in result.held if h.id == "X")
    assert held.code is Code.BEYOND_STANDBY_LIMIT
    # Beyond the bound the search stopped at: no route computed, and the words say "more than 30 min".
    assert "行车超过 30 分钟" in held.reason.zh and "30分00秒" not in held.reason.zh and held.travel_time_s is None
    sent_far = plan(p, *at(p, "I"), scale(stations=(2, None)), reported_at=REPORTED, standby=rule)
    x = next(u for u in sent_far.sent if u.id == "X")
    assert x.travel_time_s == 1800.4 and "30分01秒" in order_text(sent_far)
    dumped = json.dumps(order_json(sent_far))
    assert "1800.4" in dumped and "999999" not in dumped and "000001" not in dumped


def test_the_config_names_the_users_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = star_graph([("a", "b", 10, 100), ("b", "c", 20, 200)])
    import networkx as nx

    (tmp_path / "net").mkdir()
    nx.write_graphml(graph, tmp_path / "net" / "roads.graphml")
    (tmp_path / "net" / "st.csv").write_text("id,name,kind,node,engines,formations\nA,我的站,main,a,4,2\n",
                                             encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("stations:\n  graph: net/roads.graphml\n  stations: net/st.csv\n", encoding="utf-8")
    assert main(["dispatch", "--node", "c", "--level", "major", "--config", str(config), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sample"] is False and [u["name"] for u in data["plan"]["sent"]] == ["我的站"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("stations:\n  graph: net/roads.graphml\n", encoding="utf-8")
    assert main(["dispatch", "--node", "c", "--level", "major", "--config", str(bad)]) == 2
    assert "go together" in capsys.readouterr().err


def test_sent_times_come_from_the_order_that_first_sent_each_unit() -> None:
    from types import SimpleNamespace

    from firedrill.incident.dispatch import sent_times

    first, second = REPORTED, REPORTED + timedelta(minutes=15)
    orders = (SimpleNamespace(at=first, units=("A", "B")), SimpleNamespace(at=second, units=("A", "B", "C")))
    assert sent_times(SimpleNamespace(orders=orders)) == {"A": first, "B": first, "C": second}  # type: ignore[arg-type]
