"""``firedrill dispatch ID``, ``board`` and ``unit``: two incidents sharing the sample's units.

Both fires are 重大 (12 deaths, clause 1.4) in neighbouring districts, so the second wants units
the first already holds: it never gets them (4.4.1(3): a unit sent is not recalled) and its order
lists them as what it went without. The board follows each order, arrival and closing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from firedrill.datadir import choose_data_dir, default_db_path
from firedrill.journal import EventKind, Journal
from firedrill.stations.network import prepare
from tests.cli.test_incident_cli import T0, at, ok, ok_json, open_incident, refused

JIANGHAN = ["--lon", "114.27", "--lat", "30.58"]
WUCHANG = ["--lon", "114.28", "--lat", "30.585"]


def sent(order: dict[str, Any]) -> list[str]:
    return [u["id"] for u in order["plan"]["sent"]]


def board(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    return {u["id"]: u for u in ok_json(capsys, "board")["units"]}


@pytest.fixture
def two_fires(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    first = open_incident(capsys, *JIANGHAN, "deaths=12")
    second = open_incident(capsys, *WUCHANG, "deaths=12", minute=1)
    return first, second


def test_the_second_incident_goes_without_what_the_first_holds(
        capsys: pytest.CaptureFixture[str], two_fires: tuple[str, str]) -> None:  # fmt: skip
    first, second = two_fires
    a = ok_json(capsys, "dispatch", first, "--at", at(5))
    b = ok_json(capsys, "dispatch", second, "--at", at(6))
    for order, incident_id in ((a, first), (b, second)):
        assert order["schema"] == "firedrill.dispatch/1" and order["incident"] == incident_id
        assert order["plan"]["incident_id"] == incident_id and order["plan"]["level"] == "major"
        assert sent(order)
    assert not set(sent(a)) & set(sent(b))
    assert "went_without" not in a  # nothing was held elsewhere when the first was planned
    lost = b["went_without"]
    assert lost and {x["unit_id"] for x in lost} <= set(sent(a)) and {x["taken_by"] for x in lost} == {first}
    # Each order is recorded with the units it sent; the board marks them dispatched to their incident.
    units = board(capsys)
    for order, incident_id in ((a, first), (b, second)):
        for unit_id in sent(order):
            assert units[unit_id]["status"] == "dispatched" and units[unit_id]["incident"] == incident_id
    busy = {u for u, row in units.items() if row["status"] != "available"}
    assert busy == set(sent(a)) | set(sent(b))
    assert set(units) == {s.id for s in prepare().stations.stations}  # every unit of the station set, once
    with Journal.open(default_db_path(choose_data_dir())) as journal:
        (order_a,) = journal.events(first, [EventKind.ORDER])
        (order_b,) = journal.events(second, [EventKind.ORDER])
    assert order_a.payload["new_units"] == sent(a) and order_a.seq == a["recorded"]["seq"]
    assert [x["unit"] for x in order_b.payload["went_without"]] == [x["unit_id"] for x in lost]


def test_the_text_order_lists_what_it_went_without_inside_the_sample_labels(
        capsys: pytest.CaptureFixture[str], two_fires: tuple[str, str]) -> None:  # fmt: skip
    first, second = two_fires
    ok(capsys, "dispatch", first, "--at", at(5))
    lines = ok(capsys, "dispatch", second, "--at", at(6), "--lang", "en").splitlines()
    assert "SAMPLE DATA" in lines[0] and "SAMPLE DATA" in lines[-1]
    heading = next(i for i, line in enumerate(lines) if line.startswith("Went without"))
    assert first in lines[heading + 1]


def test_arrival_times_count_from_the_dispatch(capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = open_incident(capsys, *JIANGHAN, "deaths=12")
    dispatched = T0 + timedelta(minutes=30)
    plan = ok_json(capsys, "dispatch", incident_id, "--at", dispatched.isoformat())["plan"]
    assert datetime.fromisoformat(plan["reported_at"]) == dispatched  # the plan's origin is the dispatch
    for unit in plan["sent"]:
        eta = datetime.fromisoformat(unit["eta"])
        assert eta > dispatched
        assert abs((eta - dispatched).total_seconds() - unit["travel_time_s"]) < 1
    with Journal.open(default_db_path(choose_data_dir())) as journal:
        (order,) = journal.events(incident_id, [EventKind.ORDER])
        (unit_event, *_) = journal.unit_events()
    assert order.at == dispatched and unit_event.at == dispatched


def test_arrival_release_and_closing_on_the_board(capsys: pytest.CaptureFixture[str],
                                                  two_fires: tuple[str, str]) -> None:  # fmt: skip
    first, second = two_fires
    a = sent(ok_json(capsys, "dispatch", first, "--at", at(5)))
    b = sent(ok_json(capsys, "dispatch", second, "--at", at(6)))
    arrived = ok_json(capsys, "unit", a[0], "arrived", "--at", at(12), "--actor", "乙")
    assert arrived["status"] == "on_scene" and arrived["incident"] == first and arrived["by"] == "乙"
    assert board(capsys)[a[0]]["status"] == "on_scene"
    assert "field 'action'" in refused(capsys, "unit", a[0], "arrived", "--at", at(13))  # already there
    assert "field 'action'" in refused(capsys, "unit", a[0], "parked")
    assert "field 'unit'" in refused(capsys, "unit", "no-such-unit", "arrived")
    ok(capsys, "unit", b[0], "released", "--at", at(20))
    assert board(capsys)[b[0]]["status"] == "returning"
    ok(capsys, "incident", "close", first, "--at", at(30))
    units = board(capsys)
    for unit_id in a:
        assert units[unit_id]["status"] == "available" and units[unit_id]["incident"] is None
    assert all(units[u]["status"] == "dispatched" and units[u]["incident"] == second for u in b[1:])
    shown = {u["id"]: u for u in ok_json(capsys, "incident", "show", second)["units"]}
    assert set(shown) == set(b) and shown[b[0]]["status"] == "returning"


def test_a_unit_out_of_service_is_not_sent(capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = open_incident(capsys, *JIANGHAN, "deaths=12")
    alone = sent(ok_json(capsys, "dispatch", "--level", "major", *JIANGHAN, "--at", at(5)))
    ok(capsys, "unit", alone[0], "out-of-service", "--at", at(1))
    order = ok_json(capsys, "dispatch", incident_id, "--at", at(5))
    assert alone[0] not in sent(order)
    held = {h["id"]: h["code"] for h in order["plan"]["held"]}
    assert held[alone[0]] == "out_of_service"
    assert ok_json(capsys, "board", "--status", "out_of_service")["units"][0]["id"] == alone[0]


def test_the_one_off_form_plans_against_the_board_and_records_nothing(
        capsys: pytest.CaptureFixture[str], two_fires: tuple[str, str]) -> None:  # fmt: skip
    first, _ = two_fires
    held = sent(ok_json(capsys, "dispatch", first, "--at", at(5)))
    before = ok_json(capsys, "board")
    one_off = ok_json(capsys, "dispatch", "--level", "major", *JIANGHAN, "--at", at(7))
    assert one_off["schema"] == "firedrill.dispatch/1" and "incident" not in one_off
    assert not set(sent(one_off)) & set(held)
    # Held as committed to the first incident (the sample's own list marks a few others committed, to no one).
    taken = {h["id"] for h in one_off["plan"]["held"] if h["code"] == "committed_elsewhere" and h["taken_by"] == first}
    assert taken == set(held)
    assert ok_json(capsys, "board") == before
    with Journal.open(default_db_path(choose_data_dir())) as journal:
        assert len(journal.incidents()) == 2 and len(journal.unit_events()) == len(held)


@pytest.mark.parametrize(
    ("extra", "field"),
    [(["--level", "major"], "--level"), (["--lon", "114.3"], "--lon"), (["--already-sent", "x"], "--already-sent"),
     (["--id", "other"], "--id"), (["--at", "soon"], "--at"), (["--graph", "g.graphml"], "--stations")],
)
def test_dispatch_of_an_incident_refuses_one_off_flags(capsys: pytest.CaptureFixture[str], extra: list[str],
                                                       field: str) -> None:  # fmt: skip
    incident_id = open_incident(capsys, *JIANGHAN, "deaths=12")
    assert f"field '{field}'" in refused(capsys, "dispatch", incident_id, *extra)


def test_dispatch_needs_a_known_open_incident_with_a_scene(capsys: pytest.CaptureFixture[str]) -> None:
    assert "field 'incident'" in refused(capsys, "dispatch", "2026-01-01-0001")
    nowhere = open_incident(capsys, "deaths=12")
    assert "field 'facts.scene'" in refused(capsys, "dispatch", nowhere, "--at", at(2))
    far = open_incident(capsys, "--lon", "120", "--lat", "30", "deaths=12")
    assert "outside the road network" in refused(capsys, "dispatch", far, "--at", at(2))
    closed = open_incident(capsys, *JIANGHAN, "deaths=12")
    ok(capsys, "incident", "close", closed, "--at", at(3))
    assert "is closed" in refused(capsys, "dispatch", closed, "--at", at(4))


def test_board_without_a_journal_shows_every_unit_available(capsys: pytest.CaptureFixture[str]) -> None:
    data = ok_json(capsys, "board")
    assert data["sample"] is True and data["counts"] == {"available": len(prepare().stations.stations)}
    assert not default_db_path(choose_data_dir()).exists()
    text = ok(capsys, "board")
    assert "示例数据" in text.splitlines()[0]


def test_a_dispatch_at_night_records_the_level_the_clock_brought_before_the_order(
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    # Reported 21:50 as 重大; dispatched at 22:05 the night trigger (4.3(3)) makes it 特别重大.
    evening = T0.replace(hour=21, minute=50).isoformat()
    incident_id = ok_json(capsys, "incident", "open", "--at", evening, *JIANGHAN, "deaths=12")["id"]
    assert ok_json(capsys, "incident", "show", incident_id, "--at", evening)["level"]["level"] == "major"
    order = ok_json(capsys, "dispatch", incident_id, "--at", T0.replace(hour=22, minute=5).isoformat())
    assert order["plan"]["level"] == "especially_major"
    with Journal.open(default_db_path(choose_data_dir())) as journal:
        (recorded,) = journal.events(incident_id, [EventKind.ORDER])
    assert recorded.payload["level"] == "especially_major"
