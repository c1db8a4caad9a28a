"""Choosing units: 4.4.1(2) mix of kinds, 4.4.2 counts and special units, reasons and shortfalls."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from firedrill.models import DispatchScale, Level
from firedrill.stations.kinds import StationKind
from firedrill.stations.planner import plan
from firedrill.stations.settings import Code
from tests.stations.conftest import REPORTED, SPECIAL_UNITS, at, prepared, scale, star_graph, station

# Drive times to the incident "I" in seconds (all within the standby limit of the plan).
TIMES = {"M1": 100, "M2": 200, "M3": 300, "M4": 400, "T1": 900, "F1": 800, "P1": 150, "H1": 1000, "L1": 1100}


def city(**overrides: Any) -> Any:
    graph = star_graph([(n, "I", t, t * 10) for n, t in TIMES.items()])
    rows = [
        station("M1", "M1"), station("M2", "M2"), station("M3", "M3"), station("M4", "M4"),
        station("T1", "T1", kind="special_service", engines=8, formations=3),
        station("F1", "F1", kind="full_time", engines=3, formations=1),
        station("P1", "P1", kind="small", engines=1, formations=1, parent="M2"),
        station("H1", "H1", kind="heavy_rescue", engines=5, formations=1),
        station("L1", "L1", kind="logistics", engines=4, formations=1),
    ]
    rows = [{**r, **overrides.get(r["id"], {})} for r in rows]
    return prepared(graph, rows)


def test_major_sends_main_special_service_and_other_forces_at_once(rule: Any) -> None:
    p = city()
    result = plan(p, *at(p, "I"), scale(stations=(3, 5), special=SPECIAL_UNITS), reported_at=REPORTED, standby=rule)
    codes = {u.id: u.code for u in result.sent}
    # T1 and F1 are farther than M2/M3, but 4.4.1(2) sends them at once.
    assert codes == {
        "M1": Code.MAIN_STATION, "T1": Code.SPECIAL_SERVICE_STATION, "F1": Code.MULTI_FORM_TEAM,
        "M2": Code.NEIGHBOURING_STATION, "P1": Code.AFFILIATED_SMALL_STATION,
        "H1": Code.SPECIAL_UNIT, "L1": Code.SPECIAL_UNIT,
    }
    # Stations count 主战站 and 特勤站 only; small stations and special units add no station.
    assert result.totals.stations == 3
    # Special units' vehicles are not counted as 消防车 (4.4.2 lists them besides the engines).
    assert result.totals.engines == 4 + 8 + 3 + 4 + 1
    assert not result.shortfalls


def test_each_unit_carries_drive_time_distance_and_arrival(rule: Any) -> None:
    p = city()
    result = plan(p, *at(p, "I"), scale(stations=(1, None)), reported_at=REPORTED, standby=rule)
    m1 = next(u for u in result.sent if u.id == "M1")
    assert (m1.travel_time_s, m1.distance_m) == (100, 1000)
    assert m1.eta == REPORTED + timedelta(seconds=100)
    assert m1.reason.zh and m1.reason.en and m1.clause.startswith("4.4.1")


def test_formations_and_engines_are_filled_by_next_nearest(rule: Any) -> None:
    p = city()
    result = plan(p, *at(p, "I"), scale(stations=(1, None), formations=(9, None), engines=(20, None)),
                  reported_at=REPORTED, standby=rule)
    assert result.totals.formations >= 9 and result.totals.engines >= 20
    fillers = [u.id for u in result.sent if u.code is Code.TO_REACH_MINIMUM]
    assert fillers == ["M2"]  # after M1, T1, F1 (4+8+3=15 engines, 6 formations) the next nearest M2 suffices


def test_station_maximum_is_respected_and_explains_the_engine_shortfall(rule: Any) -> None:
    p = city()
    result = plan(p, *at(p, "I"), scale(stations=(1, 2), engines=(30, None)), reported_at=REPORTED, standby=rule)
    assert result.totals.stations == 2
    short = {s.what: s for s in result.shortfalls}
    assert Code.STATION_MAXIMUM_REACHED in short["engines"].codes
    assert short["engines"].needed == 30 and short["engines"].got == result.totals.engines


def test_committed_units_are_not_sent_and_explain_the_gap(rule: Any) -> None:
    p = city(T1={"status": "committed"}, M4={"status": "standby"})
    result = plan(p, *at(p, "I"), scale(stations=(4, None)), reported_at=REPORTED, standby=rule)
    held = {h.id: h.code for h in result.held}
    assert held == {"T1": Code.COMMITTED_ELSEWHERE, "M4": Code.ON_STANDBY_STATUS}
    short = {s.what: s.codes for s in result.shortfalls}
    assert short["kind:special_service"] == (Code.COMMITTED_ELSEWHERE,)
    assert Code.COMMITTED_ELSEWHERE in short["stations"] and Code.NOT_ENOUGH_UNITS in short["stations"]


def test_missing_kinds_are_shortfalls_with_no_unit_of_kind(rule: Any) -> None:
    graph = star_graph([("M1", "I", 100, 1000)])
    p = prepared(graph, [station("M1", "M1")])
    result = plan(p, *at(p, "I"), scale(stations=(1, None), special=SPECIAL_UNITS), reported_at=REPORTED,
                  standby=rule)
    short = {s.what: s.codes for s in result.shortfalls}
    assert short == {
        "kind:special_service": (Code.NO_UNIT_OF_KIND,), "kind:full_time": (Code.NO_UNIT_OF_KIND,),
        "special_unit:heavy_rescue": (Code.NO_UNIT_OF_KIND,), "special_unit:logistics": (Code.NO_UNIT_OF_KIND,),
    }


def test_escalation_adds_to_what_was_sent_and_never_sends_twice(rule: Any) -> None:
    p = city()
    first = plan(p, *at(p, "I"), scale(stations=(2, 3), special=SPECIAL_UNITS), reported_at=REPORTED, standby=rule)
    second = plan(p, *at(p, "I"), scale(Level.ESPECIALLY_MAJOR, stations=(5, None), special=SPECIAL_UNITS),
                  reported_at=REPORTED, standby=rule, already_sent=first.unit_ids)
    new = [u.id for u in second.sent]
    assert not set(new) & set(first.unit_ids)
    assert {u.id for u in second.previously_sent} == set(first.unit_ids)
    assert all(u.code is Code.ALREADY_SENT for u in second.previously_sent)
    # First: M1 (main), T1 (special service) already make 2 stations, plus F1, H1, L1.
    assert sorted(first.unit_ids) == ["F1", "H1", "L1", "M1", "T1"]
    # Then 5 stations: M2 (with its small station P1), M3, M4 are added.
    assert sorted(new) == ["M2", "M3", "M4", "P1"]
    assert second.totals.stations == 5


def test_level_without_a_plan_scale_offers_nearest_without_claiming_a_minimum(rule: Any) -> None:
    p = city()
    general = DispatchScale(clause="4.4.2", level=Level.GENERAL, set_by_plan=False)
    result = plan(p, *at(p, "I"), general, reported_at=REPORTED, standby=rule)
    assert not result.sent and not result.shortfalls and not result.set_by_plan
    assert [u.id for u in result.offered][:3] == ["M1", "P1", "M2"]
    assert all(u.code is Code.NEAREST_OFFERED for u in result.offered)
    assert any("sets no dispatch scale" in n.en for n in result.notes)


def test_kind_labels_are_the_plan_words() -> None:
    assert StationKind.SPECIAL_SERVICE.label.zh == "特勤站"
    assert [u.zh for u in SPECIAL_UNITS] == [StationKind.HEAVY_RESCUE.label.zh, StationKind.LOGISTICS.label.zh]


def test_standby_rule_holds_a_distant_special_service_station_but_not_a_named_special_unit(rule: Any) -> None:
    # T1 and H1 are 31 min away. 4.4.1(2)'s mix yields to 4.4.1(5); 4.4.2's named special unit does not.
    graph = star_graph([("M1", "I", 100, 1000), ("M2", "I", 200, 2000), ("T1", "I", 31 * 60, 9000),
                        ("H1", "I", 31 * 60, 9000)])
    p = prepared(graph, [station("M1", "M1"), station("M2", "M2"), station("T1", "T1", kind="special_service"),
                         station("H1", "H1", kind="heavy_rescue")])
    result = plan(p, *at(p, "I"), scale(stations=(1, None), special=SPECIAL_UNITS[:1]), reported_at=REPORTED,
                  standby=rule)
    sent = {u.id: u for u in result.sent}
    assert "T1" not in sent and sent["H1"].beyond_standby_limit and sent["H1"].note is not None
    assert next(h for h in result.held if h.id == "T1").code is Code.BEYOND_STANDBY_LIMIT
    assert next(s for s in result.shortfalls if s.what == "kind:special_service").codes == (
        Code.BEYOND_STANDBY_LIMIT,)


def test_every_quote_in_the_settings_is_the_plan_verbatim() -> None:
    from pathlib import Path

    from firedrill.stations.settings import load_settings

    plan_text = (Path(__file__).parents[2] / "docs/source/wuhan-major-fire-plan-2021.txt").read_text(encoding="utf-8")
    s = load_settings()
    quotes = [r.quote for r in s.kinds.values()] + [s.mix.quote, s.priority.quote]
    for quote in quotes:
        assert quote in plan_text, quote
