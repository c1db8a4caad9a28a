"""Two seats on one journal file: a writer that has not seen the other's latest change is refused
(StaleVersionError) and nothing of its change is written; after a reload its change goes through, and
the level it records follows from every fact recorded before it — whichever seat recorded them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event as note_case
from hypothesis import given, settings
from hypothesis import strategies as st

from firedrill.incident.desk import Desk
from firedrill.incident.fold import fold
from firedrill.incident.state import IncidentState
from firedrill.journal import EventKind, Journal, StaleVersionError
from firedrill.models import Level
from firedrill.rules import assess
from tests.incident.conftest import T0, Clock, at


@pytest.fixture
def seats(db_path: Path, clock: Clock) -> Iterator[tuple[Desk, Desk]]:
    with Journal.open(db_path) as a, Journal.open(db_path) as b:
        yield Desk(a, clock=clock, seat="A"), Desk(b, clock=clock, seat="B")


def assert_decisions_follow_the_facts(journal: Journal, incident_id: str) -> int:
    """Every assessment event's decision is the rules' decision on the facts and calls recorded before it,
    at its time; returns how many there are."""
    record = journal.incident(incident_id)
    events = journal.events(incident_id)
    checked = 0
    for i, event in enumerate(events):
        if event.kind is not EventKind.ASSESSMENT:
            continue
        before = fold(record, events[:i])
        assert before.incident is not None, before.problem
        found = assess(before.incident, at=max(event.at, before.incident.reported_at))
        recorded = (event.payload["level"], event.payload["base_level"], event.payload["triggers"])
        assert recorded == (found.level.value, found.base_level.value, [t.value for t in found.triggers]), (
            f"journal event #{event.seq} at {event.at:%H:%M} contradicts the facts recorded before it")
        checked += 1
    return checked


def _latest_is_consistent(state: IncidentState) -> None:
    assert state.incident is not None and state.recorded is not None
    found = assess(state.incident, at=state.recorded.at)
    assert state.recorded.key == (found.level.value, found.base_level.value, tuple(t.value for t in found.triggers))


def test_a_stale_writer_is_refused_and_after_a_reload_its_change_goes_through(seats: tuple[Desk, Desk]) -> None:
    a, b = seats
    incident_id = a.open(at=T0).state.id
    seen_by_b = b.load(incident_id)
    a.set_facts(incident_id, {"deaths": 12}, at=at(1))  # 重大 (1.4): 10 deaths and more
    version = a.journal.version(incident_id)
    with pytest.raises(StaleVersionError) as caught:
        b.set_facts(incident_id, {"burning_area_m2": 700}, at=at(2), expected_version=seen_by_b.version)
    assert (caught.value.expected, caught.value.found) == (seen_by_b.version, version)
    assert caught.value.field == "incident" and "reload" in caught.value.one_line()
    assert b.journal.version(incident_id) == version  # nothing written
    assert "burning_area_m2" not in b.load(incident_id).facts
    reloaded = b.load(incident_id)
    assert reloaded.facts["deaths"] == 12
    change = b.set_facts(incident_id, {"burning_area_m2": 700}, at=at(2), expected_version=reloaded.version)
    state = a.load(incident_id)  # what the other seat now reads
    assert state.version == change.state.version and state.facts["burning_area_m2"] == 700
    assert state.recorded is not None and state.recorded.level is Level.MAJOR
    _latest_is_consistent(state)
    assert assert_decisions_follow_the_facts(a.journal, incident_id) >= 2


def test_the_version_is_checked_inside_the_write_not_only_before_it(
    seats: tuple[Desk, Desk], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seat that read and decided on the current version, then lost the race to the other seat's write:
    the journal's transaction refuses the batch (the decision it holds was made on facts now stale)."""
    a, b = seats
    incident_id = a.open(at=T0).state.id
    write = b.journal.append_batch

    def racing(*args: Any, **kwargs: Any) -> Any:
        a.set_facts(incident_id, {"deaths": 12}, at=at(1))  # lands between B's decision and B's write
        return write(*args, **kwargs)

    monkeypatch.setattr(b.journal, "append_batch", racing)
    with pytest.raises(StaleVersionError):
        b.set_facts(incident_id, {"burning_area_m2": 2500}, at=at(2))
    monkeypatch.undo()
    state = b.load(incident_id)
    assert "burning_area_m2" not in state.facts and state.facts["deaths"] == 12
    assert state.recorded is not None and state.recorded.level is Level.MAJOR
    assert assert_decisions_follow_the_facts(b.journal, incident_id) == 2  # the opening's and A's


ACTION = st.one_of(
    st.tuples(st.just("deaths"), st.integers(0, 40)),
    st.tuples(st.just("burning_area_m2"), st.integers(0, 3000)),
    st.tuples(st.just("wind_force"), st.integers(0, 12)),
    st.tuples(st.just("call"), st.none()),
    st.tuples(st.just("advance"), st.none()),
)
STEP = st.tuples(st.sampled_from("AB"), st.booleans(), st.integers(0, 12), ACTION)  # seat, reload first, minutes


@settings(max_examples=20, deadline=None)
@given(steps=st.lists(STEP, min_size=2, max_size=14))
def test_interleaved_seats_never_record_a_level_the_facts_before_it_contradict(
    steps: list[tuple[str, bool, int, tuple[str, Any]]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("seats") / "firedrill.sqlite3"
    clock = Clock(T0)
    with Journal.open(path) as ja, Journal.open(path) as jb:
        desks = {"A": Desk(ja, clock=clock, seat="A"), "B": Desk(jb, clock=clock, seat="B")}
        incident_id = desks["A"].open(at=T0).state.id
        seen = {seat: desk.load(incident_id) for seat, desk in desks.items()}
        for seat, reload, minutes, (what, value) in steps:
            desk = desks[seat]
            now = clock.set(clock.now + timedelta(minutes=minutes))
            if reload:
                seen[seat] = desk.load(incident_id)
            before = desk.journal.version(incident_id)
            try:
                if what == "call":
                    change = desk.call(incident_id, at=now, expected_version=seen[seat].version)
                elif what == "advance":  # the clock moved: no version named, the Desk reads the latest
                    change = desk.advance(incident_id, at=now)
                else:
                    changes = {what: value, **({"wind_speed_ms": None} if what == "wind_force" else {})}
                    change = desk.set_facts(incident_id, changes, at=now, expected_version=seen[seat].version)
            except StaleVersionError:
                note_case("a stale write refused")
                assert seen[seat].version != before  # refused only when it had not seen the latest
                assert desk.journal.version(incident_id) == before  # and then nothing was written
                continue
            assert seen[seat].version == before or what == "advance"
            note_case(f"written: {what}")
            seen[seat] = change.state
            assert change.state.version == desk.journal.version(incident_id)
        assert assert_decisions_follow_the_facts(ja, incident_id) >= 1
        assert desks["B"].load(incident_id).version == ja.version(incident_id)
