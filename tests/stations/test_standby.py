"""4.4.1(5) on both sides of each edge: 30 km or more (以上 includes 30), more than 30 minutes (超过)."""

from __future__ import annotations

from typing import Any

import pytest

from firedrill.models import Level
from firedrill.stations.planner import plan
from firedrill.stations.settings import Code
from tests.stations.conftest import REPORTED, at, prepared, scale, star_graph, station


def test_rulebook_carries_the_plan_numbers(rule: Any) -> None:
    # The plan: 距离灾害现场30公里以上或者行车时间超过30分钟 ... 当达到特别重大火灾事故时,可不受此规则限制
    assert (rule.distance_m, rule.travel_time_s) == (30_000, 30 * 60)
    assert list(rule.applies_to) == [Level.MAJOR] and Level.ESPECIALLY_MAJOR in rule.lifted_for


def _case(time_s: float, length_m: float) -> Any:
    # "N" is a near main station that alone meets a one-station minimum; "X" is the unit under test.
    graph = star_graph([("N", "I", 60, 500), ("X", "I", time_s, length_m)])
    return prepared(graph, [station("N", "N"), station("X", "X")])


EDGES = [
    pytest.param(600, 29_900, False, id="29.9 km is within"),
    pytest.param(600, 30_000, True, id="30 km is beyond (以上 includes 30)"),
    pytest.param(29 * 60 + 59, 5_000, False, id="29 min 59 s is within"),
    pytest.param(30 * 60, 5_000, False, id="exactly 30 min is not beyond (超过)"),
    pytest.param(30 * 60 + 1, 5_000, True, id="30 min 1 s is beyond"),
]


@pytest.mark.parametrize(("time_s", "length_m", "beyond"), EDGES)
def test_unneeded_unit_beyond_the_limit_is_held_as_standby(rule: Any, time_s: float, length_m: float,
                                                           beyond: bool) -> None:
    p = _case(time_s, length_m)
    result = plan(p, *at(p, "I"), scale(stations=(1, None)), reported_at=REPORTED, standby=rule)
    held = {h.id: h for h in result.held}
    assert [u.id for u in result.sent] == ["N"]
    assert ("X" in held) is beyond
    if beyond:
        assert held["X"].code is Code.BEYOND_STANDBY_LIMIT and held["X"].clause == "4.4.1(5)"


@pytest.mark.parametrize(("time_s", "length_m", "beyond"), EDGES)
def test_unit_beyond_the_limit_is_sent_when_the_minimum_needs_it_and_says_so(
        rule: Any, time_s: float, length_m: float, beyond: bool) -> None:
    p = _case(time_s, length_m)
    result = plan(p, *at(p, "I"), scale(stations=(2, None)), reported_at=REPORTED, standby=rule)
    x = next(u for u in result.sent if u.id == "X")
    assert x.beyond_standby_limit is beyond
    assert (x.note is not None) is beyond
    assert not [s for s in result.shortfalls if s.what == "stations"]


@pytest.mark.parametrize(("time_s", "length_m", "beyond"), EDGES)
def test_especially_major_lifts_the_rule(rule: Any, time_s: float, length_m: float, beyond: bool) -> None:
    p = _case(time_s, length_m)
    result = plan(p, *at(p, "I"), scale(Level.ESPECIALLY_MAJOR, stations=(1, None)), reported_at=REPORTED,
                  standby=rule)
    assert not any(h.code is Code.BEYOND_STANDBY_LIMIT for h in result.held)
    assert result.standby is not None and result.standby.lifted and not result.standby.applied
    assert any("4.4.1(5)" in n.en for n in result.notes)
    two = plan(p, *at(p, "I"), scale(Level.ESPECIALLY_MAJOR, stations=(2, None)), reported_at=REPORTED,
               standby=rule)
    assert not any(u.beyond_standby_limit for u in two.sent)


def test_near_unit_is_preferred_to_a_nearer_count_from_beyond(rule: Any) -> None:
    # Two far units and one near: the minimum of 2 takes the near one and only the nearest far one.
    graph = star_graph([("N", "I", 60, 500), ("F1", "I", 1900, 40_000), ("F2", "I", 2500, 50_000)])
    p = prepared(graph, [station("N", "N"), station("F1", "F1"), station("F2", "F2")])
    result = plan(p, *at(p, "I"), scale(stations=(2, None)), reported_at=REPORTED, standby=rule)
    assert [u.id for u in result.sent] == ["N", "F1"]
    assert [(h.id, h.code) for h in result.held] == [("F2", Code.BEYOND_STANDBY_LIMIT)]
