"""The board: an order marks its units dispatched in the same write; a unit committed to one open
incident cannot be sent to another (and the order naming it writes nothing); closing the incident
frees its units. ``fold_board`` of the journal's unit events gives the same as ``read_board``."""

from __future__ import annotations

import pytest

from firedrill.errors import InputError
from firedrill.incident.board import UnitAction, fold_board, read_board, report_unit
from firedrill.incident.desk import Desk
from firedrill.journal import EventKind, Journal, UnitEvent, UnitStatus, UnitTakenError
from tests.incident.conftest import T0, at

A_UNITS = ["汉口站-水罐车1", "汉口站-云梯车"]
B_ONLY = "武昌站-水罐车2"


def _board(journal: Journal) -> dict[str, tuple[UnitStatus, str | None]]:
    folded = fold_board(journal.unit_events(), [r.id for r in journal.open_incidents()])
    assert folded == read_board(journal)
    return {u.unit_id: (u.status, u.incident_id) for u in folded.units.values()}


def test_units_are_committed_to_one_open_incident_until_it_closes(desk: Desk, journal: Journal) -> None:
    a = desk.open({"burning_area_m2": 1200}, at=T0).state.id
    b = desk.open({"burning_area_m2": 300}, at=at(5)).state.id
    sent = desk.order(a, "调集汉口站", A_UNITS, at=at(2))
    assert [e.kind for e in sent.events] == [EventKind.ORDER] and sent.state.units_sent == tuple(A_UNITS)
    assert _board(journal) == {u: (UnitStatus.DISPATCHED, a) for u in A_UNITS}
    assert read_board(journal).committed(except_incident=b) == {u: a for u in A_UNITS}
    assert read_board(journal).committed(except_incident=a) == {}

    version, board_version = journal.version(b), journal.board_version()
    with pytest.raises(UnitTakenError) as caught:
        desk.order(b, "调集武昌站与汉口站", [B_ONLY, A_UNITS[1]], at=at(6))
    assert (caught.value.unit_id, caught.value.serving) == (A_UNITS[1], a)
    assert caught.value.field == "units" and a in caught.value.one_line()
    # nothing written: not the order, not the unit free to go with it
    assert journal.version(b) == version and journal.board_version() == board_version
    assert desk.load(b).orders == ()
    assert B_ONLY not in _board(journal)

    closed = desk.close(a, at(40), reason="已扑灭")
    assert [e.kind for e in closed.events] == [EventKind.STATUS]
    freed = journal.unit_events()[-2:]
    assert {(e.unit_id, e.status, e.incident_id, e.at) for e in freed} == {
        (u, UnitStatus.AVAILABLE, a, at(40)) for u in A_UNITS}  # fmt: skip
    assert _board(journal) == {u: (UnitStatus.AVAILABLE, None) for u in A_UNITS}  # freed, in the same write
    assert read_board(journal).committed() == {}
    taken = desk.order(b, "调集武昌站与汉口站", [B_ONLY, A_UNITS[1]], at=at(41))
    assert taken.state.units_sent == (B_ONLY, A_UNITS[1])
    assert _board(journal)[A_UNITS[1]] == (UnitStatus.DISPATCHED, b)


def test_a_unit_sent_again_to_its_own_incident_is_no_new_dispatch(desk: Desk, journal: Journal) -> None:
    a = desk.open({"burning_area_m2": 1200}, at=T0).state.id
    desk.order(a, "调集汉口站", A_UNITS[:1], at=at(2))
    again = desk.order(a, "增援", [A_UNITS[0], A_UNITS[1]], at=at(3))
    [order] = again.events
    assert order.payload["new_units"] == [A_UNITS[1]] and order.payload["units"] == A_UNITS
    assert [e.unit_id for e in journal.unit_events()] == A_UNITS  # each unit dispatched once


def test_a_unit_on_scene_stays_committed_and_a_report_out_of_order_is_refused(desk: Desk, journal: Journal) -> None:
    a = desk.open({"burning_area_m2": 1200}, at=T0).state.id
    b = desk.open({"burning_area_m2": 300}, at=at(1)).state.id
    desk.order(a, "调集汉口站", A_UNITS[:1], at=at(2))
    report_unit(journal, A_UNITS[0], UnitAction.ARRIVED, at(10), "值班员")
    assert _board(journal)[A_UNITS[0]] == (UnitStatus.ON_SCENE, a)
    with pytest.raises(UnitTakenError):
        desk.order(b, "调集", A_UNITS[:1], at=at(11))
    with pytest.raises(InputError) as caught:
        report_unit(journal, A_UNITS[0], UnitAction.BACK, at(12))  # not returning yet
    assert caught.value.field == "action"
    report_unit(journal, A_UNITS[0], UnitAction.RELEASED, at(20))
    assert _board(journal)[A_UNITS[0]] == (UnitStatus.RETURNING, a)
    assert read_board(journal).committed() == {} and A_UNITS[0] in read_board(journal).unavailable()
    report_unit(journal, A_UNITS[0], UnitAction.BACK, at(30))
    assert _board(journal)[A_UNITS[0]] == (UnitStatus.AVAILABLE, None)
    desk.order(b, "调集", A_UNITS[:1], at=at(31))
    assert _board(journal)[A_UNITS[0]] == (UnitStatus.DISPATCHED, b)


def test_a_closed_incident_that_left_a_unit_committed_frees_it_on_the_board() -> None:
    """``fold_board`` reads a unit still marked for an incident no longer open as available."""
    events = [UnitEvent(seq=1, unit_id="U1", status=UnitStatus.DISPATCHED, incident_id="gone", at=T0, actor=None,
                        note=None),
              UnitEvent(seq=2, unit_id="U2", status=UnitStatus.ON_SCENE, incident_id="open", at=at(1),
                        actor=None, note=None)]  # fmt: skip
    board = fold_board(events, ["open"])
    assert board.position("U1").status is UnitStatus.AVAILABLE and board.position("U1").incident_id is None
    assert board.position("U2").status is UnitStatus.ON_SCENE and board.committed() == {"U2": "open"}
    assert board.position("U3").status is UnitStatus.AVAILABLE  # never seen: available
