"""Several incidents at once (4.4.1(3) 确保重点,兼顾一般): a larger incident not yet dispatched is served first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from firedrill.incident.board import read_board
from firedrill.incident.desk import Desk
from firedrill.incident.dispatch import plan_for, record_plan
from firedrill.journal import Journal
from firedrill.stations.network import prepare
from firedrill.stations.settings import Code
from firedrill.timeutil import to_local

NOON = to_local(datetime(2026, 3, 11, 12, 0))
JIANGHAN = {"lon": 114.27, "lat": 30.58}
WUCHANG = {"lon": 114.28, "lat": 30.585}


def test_a_smaller_fire_dispatched_first_leaves_the_larger_ones_units(tmp_path: Path) -> None:
    prepared = prepare()
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        desk = Desk(journal, clock=lambda: NOON)
        # Both 重大 (1.4: 10 to 29 deaths); the second has more casualties, the settings' third key.
        small = desk.open({"scene": WUCHANG, "deaths": 10}, at=NOON).state
        large = desk.open({"scene": JIANGHAN, "deaths": 25}, at=NOON).state  # no order yet
        found = plan_for(desk, small, prepared, NOON)
        kept = {h.id: h for h in found.plan.held if h.code is Code.RESERVED_FOR_LARGER}
        assert kept and all(h.taken_by == large.id for h in kept.values())
        assert not {u.id for u in found.plan.sent} & set(kept)
        # The order says what the smaller fire went without, and for whom.
        assert {loss.unit_id for loss in found.went_without} & set(kept)
        record_plan(desk, found, "small first")
        # The larger fire, dispatched next, gets what was kept for it.
        big = plan_for(desk, desk.load(large.id), prepared, NOON)
        assert set(kept) <= {u.id for u in big.plan.sent}
        record_plan(desk, big, "large next")
        board = read_board(journal)
        assert all(board.position(u).incident_id == large.id for u in kept)


def test_a_larger_fire_already_dispatched_keeps_its_units_and_reserves_nothing(tmp_path: Path) -> None:
    prepared = prepare()
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        desk = Desk(journal, clock=lambda: NOON)
        large = desk.open({"scene": JIANGHAN, "deaths": 12}, at=NOON).state
        record_plan(desk, plan_for(desk, large, prepared, NOON), "large")
        small = desk.open({"scene": WUCHANG, "deaths": 3}, at=NOON).state
        found = plan_for(desk, small, prepared, NOON)
        codes = {h.code for h in found.plan.held}
        assert Code.RESERVED_FOR_LARGER not in codes and Code.COMMITTED_ELSEWHERE in codes
