"""Several incidents at once (4.4.1(3)): the larger is served first, no unit goes twice, losses shown."""

from __future__ import annotations

from typing import Any

import pytest

from firedrill.models import Level
from firedrill.stations.allocate import Request, allocate
from firedrill.stations.settings import Code
from tests.stations.conftest import REPORTED, at, prepared, scale, star_graph, station


def _network() -> Any:
    # A is 100 s from both fires; B is 300 s from X only; C is 300 s from Y only.
    graph = star_graph([("A", "X", 100, 1000), ("A", "Y", 100, 1000), ("B", "X", 300, 3000),
                        ("C", "Y", 300, 3000), ("X", "Y", 1000, 10_000)])
    return prepared(graph, [station("A", "A"), station("B", "B"), station("C", "C")])


def _request(p: Any, id_: str, node: str, level: Level, area: float = 0.0, casualties: int = 0) -> Request:
    index, location = at(p, node)
    return Request(id=id_, node=index, location=location, scale=scale(level, stations=(2, None)),
                   reported_at=REPORTED, burning_area_m2=area, casualties=casualties)


def test_higher_level_is_served_first_and_the_smaller_shows_its_loss(rule: Any) -> None:
    p = _network()
    result = allocate(p, [_request(p, "X", "X", Level.MAJOR), _request(p, "Y", "Y", Level.ESPECIALLY_MAJOR)],
                      standby=rule)
    first, second = result.outcomes
    assert (first.plan.incident_id, second.plan.incident_id) == ("Y", "X")
    assert [u.id for u in first.plan.sent] == ["A", "C"]
    assert [u.id for u in second.plan.sent] == ["B"]
    assert [(loss.unit_id, loss.taken_by) for loss in second.lost] == [("A", "Y")]
    assert second.alone_totals.stations == 2 and second.plan.totals.stations == 1
    assert (second.alone_first_arrival_s, second.first_arrival_s) == (100, 300)
    short = next(s for s in second.plan.shortfalls if s.what == "stations")
    assert Code.COMMITTED_ELSEWHERE in short.codes
    a = next(h for h in second.plan.held if h.id == "A")
    assert a.code is Code.COMMITTED_ELSEWHERE and a.taken_by == "Y"
    assert result.clause == "4.4.1(3)"


@pytest.mark.parametrize(
    ("x_area", "y_area", "x_casualties", "y_casualties", "winner"),
    [(1500, 800, 0, 0, "X"), (800, 1500, 0, 0, "Y"), (800, 800, 3, 9, "Y"), (800, 800, 9, 3, "X")],
)
def test_same_level_larger_area_then_more_casualties_first(rule: Any, x_area: float, y_area: float,
                                                           x_casualties: int, y_casualties: int, winner: str) -> None:
    p = _network()
    result = allocate(p, [_request(p, "X", "X", Level.MAJOR, x_area, x_casualties),
                          _request(p, "Y", "Y", Level.MAJOR, y_area, y_casualties)], standby=rule)
    assert result.outcomes[0].plan.incident_id == winner
    assert "A" in [u.id for u in result.outcomes[0].plan.sent]


def test_no_unit_is_sent_twice(rule: Any) -> None:
    p = _network()
    requests = [_request(p, f"F{i}", node, Level.MAJOR, area=i) for i, node in enumerate(["X", "Y", "X"])]
    result = allocate(p, requests, standby=rule)
    sent = [u.id for o in result.outcomes for u in o.plan.sent]
    assert len(sent) == len(set(sent)) == 3
