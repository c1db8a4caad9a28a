"""The Journal API: durability settings, round trips, order, facts, closing, and bad requests."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.incident.fold import fold
from firedrill.journal import (
    EventKind,
    IncidentClosedError,
    IncidentStatus,
    Journal,
    JournalWriteError,
    ProcedureState,
    UnknownIncidentError,
)
from firedrill.models import Level
from firedrill.procedure.state import ticks_from_events
from firedrill.timeutil import LOCAL_TZ

from .clock import T0, at


def test_connection_is_wal_with_full_sync(journal: Journal, db_path: Path) -> None:
    settings = journal.settings()
    assert settings["journal_mode"] == "wal"
    assert settings["synchronous"] == "full"
    assert settings["foreign_keys"] is True
    assert isinstance(settings["busy_timeout_ms"], int) and settings["busy_timeout_ms"] > 0
    # WAL is a property of the file: another connection sees it too.
    with sqlite3.connect(db_path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_append_then_read_back_in_a_new_process_view(db_path: Path) -> None:
    with Journal.open(db_path) as j:
        incident = j.create_incident("  汉口仓库火灾  ", "warehouse", T0)
        written = j.append(incident.id, EventKind.ORDER, {"text": "调集6个消防救援站"}, at(3), actor="值班员甲")
    with Journal.open(db_path) as j:
        events = j.events(incident.id)
        assert j.incident(incident.id).title == "汉口仓库火灾"
    assert events[-1] == written
    assert events[-1].payload["text"] == "调集6个消防救援站"
    assert events[-1].actor == "值班员甲"
    assert events[-1].at == at(3)
    assert events[-1].at.utcoffset() == timedelta(hours=8)


def test_first_event_is_opened_and_naive_times_are_wuhan_time(journal: Journal) -> None:
    incident = journal.create_incident("fire", None, datetime(2026, 11, 29, 21, 40))
    assert incident.opened_at == T0
    [opened] = journal.events(incident.id)
    assert (opened.kind, opened.payload["state"], opened.at) == (EventKind.STATUS, "opened", T0)


def test_events_come_back_in_recording_order_not_clock_order(journal: Journal) -> None:
    incident = journal.create_incident("fire", None, T0)
    # A dispatcher may record a late-noticed fact with an earlier time; the record keeps entry order.
    for minute, text in [(10, "second clock, first entered"), (5, "earlier clock"), (7, "middle")]:
        journal.append(incident.id, EventKind.NOTE, {"text": text}, at(minute))
    notes = journal.events(incident.id, kinds=[EventKind.NOTE])
    assert [e.payload["text"] for e in notes] == ["second clock, first entered", "earlier clock", "middle"]
    assert [e.seq for e in notes] == sorted(e.seq for e in notes)


def test_events_of_one_incident_only(journal: Journal) -> None:
    a = journal.create_incident("a", None, T0)
    b = journal.create_incident("b", None, T0)
    journal.append(a.id, "note", {"text": "for a"}, at(1))
    journal.append(b.id, "note", {"text": "for b"}, at(1))
    assert [e.payload["text"] for e in journal.events(a.id, kinds=["note"])] == ["for a"]


def test_folded_facts_keep_the_latest_value_and_call_times(journal: Journal) -> None:
    incident = journal.create_incident("fire", None, T0)
    journal.append(incident.id, "fact", {"changes": {"burning_area_m2": 600}}, at(1))
    journal.append(incident.id, "fact", {"changes": {"site_category": "high_rise", "deaths": 1}}, at(2))
    second = journal.append(incident.id, "fact", {"changes": {"burning_area_m2": 1200, "deaths": None}}, at(3))
    journal.append(incident.id, "call", {"call_at": datetime(2026, 11, 29, 21, 52)}, at(4))
    journal.append(incident.id, "call", {"call_at": T0 - timedelta(minutes=1)}, at(5))
    state = fold(journal.incident(incident.id), journal.events(incident.id))
    assert state.facts == {"burning_area_m2": 1200, "site_category": "high_rise", "deaths": None}
    assert state.calls == (T0 - timedelta(minutes=1), datetime(2026, 11, 29, 21, 52, tzinfo=LOCAL_TZ))
    # filled in by the journal: each changed fact's value before, nothing else
    assert second.payload["previous"] == {"burning_area_m2": 600, "deaths": 1}
    assert second.payload["typed"] == {}


def test_calls_are_no_fact_but_events_of_their_own(journal: Journal) -> None:
    incident = journal.create_incident("fire", None, T0)
    with pytest.raises(InputError) as info:
        journal.append(incident.id, "fact", {"changes": {"calls": []}}, at(1))
    assert info.value.field == "payload.changes" and "unknown fact 'calls'" in info.value.message
    assert len(journal.events(incident.id)) == 1


def test_assessment_records_level_change(journal: Journal) -> None:
    incident = journal.create_incident("fire", None, T0)
    first = journal.append(incident.id, "assessment", {"level": "major", "base_level": "major"}, at(1))
    same = journal.append(incident.id, "assessment", {"level": "major", "base_level": "major"}, at(2))
    up = journal.append(
        incident.id,
        "assessment",
        {"level": "especially_major", "base_level": "major", "triggers": ["night"]},
        at(3),
    )
    # The journal says the change by the level before (no display text is stored: the export words it).
    assert first.payload["previous_level"] is None
    assert same.payload["previous_level"] == "major"
    assert up.payload["previous_level"] == "major" and up.payload["level"] == "especially_major"
    assert all("change" not in e.payload for e in (first, same, up))
    given = journal.append(incident.id, "assessment", {"level": "major", "base_level": "major",
                                                       "previous_level": "general"}, at(4))  # fmt: skip
    assert given.payload["previous_level"] == "especially_major"  # always the journal's own, never the caller's


def test_closed_incident_refuses_appends(journal: Journal) -> None:
    incident = journal.create_incident("fire", None, T0)
    [event] = journal.close_incident(incident.id, at(90), reason="险情基本排除")
    closed = journal.incident(incident.id)
    assert closed.status is IncidentStatus.CLOSED and closed.closed_at == at(90)
    assert (event.kind, event.at, event.payload["state"]) == (EventKind.STATUS, at(90), "closed")
    with pytest.raises(IncidentClosedError):
        journal.append(incident.id, "note", {"text": "too late"}, at(91))
    with pytest.raises(IncidentClosedError):
        journal.close_incident(incident.id, at(92))
    assert journal.events(incident.id)[-1].payload == {"state": "closed", "reason": "险情基本排除"}
    assert journal.open_incidents() == []
    assert [i.id for i in journal.incidents("closed")] == [incident.id]


def test_events_cannot_be_rewritten_or_deleted(journal: Journal) -> None:
    incident = journal.create_incident("fire", None, T0)
    journal.append(incident.id, "note", {"text": "original"}, at(1))
    for sql in ("UPDATE events SET payload = '{}'", "DELETE FROM events"):
        with pytest.raises(JournalWriteError, match="append-only"), journal.transaction() as conn:
            conn.execute(sql)
    assert journal.events(incident.id)[-1].payload["text"] == "original"


def test_ids_sort_by_opening_day_and_count_within_it(journal: Journal) -> None:
    day1 = [journal.create_incident(f"f{i}", None, T0) for i in range(3)]
    day2 = journal.create_incident("next day", None, T0 + timedelta(hours=3))  # 00:40 local
    assert [i.id for i in day1] == ["2026-11-29-0001", "2026-11-29-0002", "2026-11-29-0003"]
    assert day2.id == "2026-11-30-0001"
    assert [i.id for i in journal.incidents()] == sorted(i.id for i in [*day1, day2])


def test_reopened_journal_folds_back_facts_level_and_ticks(db_path: Path) -> None:
    with Journal.open(db_path) as journal:
        incident = journal.create_incident("fire", "high_rise", T0)
        journal.append(incident.id, "fact", {"changes": {"deaths": 2}, "typed": {"deaths": "2人"}}, at(1))
        journal.append(incident.id, "assessment", {"level": "larger", "base_level": "larger"}, at(2))
        journal.append(incident.id, "procedure", {"step": "1", "state": "done"}, at(3))
        journal.append(incident.id, "procedure", {"step": "2", "state": "done"}, at(4))
        last = journal.append(incident.id, "procedure", {"step": "1", "state": "undone"}, at(5))
    with Journal.open(db_path) as journal:
        events = journal.events(incident.id)
        state = fold(journal.incident(incident.id), events)
        assert (state.facts, state.typed) == ({"deaths": 2}, {"deaths": "2人"})
        assert state.recorded is not None and state.recorded.level is Level.LARGER and state.recorded.at == at(2)
        ticks = ticks_from_events(state.events)
        assert {step: tick.state for step, tick in ticks.items()} == {"2": ProcedureState.DONE}  # 1 was undone
        assert state.version == len(events) == journal.version(incident.id) and events[-1] == last
        resumed = journal.resume_incident(incident.id, at(30))
        assert resumed.payload["state"] == "resumed"
        assert journal.version(incident.id) == state.version + 1


@pytest.mark.parametrize(
    ("kind", "payload", "field"),
    [
        ("fact", {"value": 3}, "payload.changes"),
        ("fact", {"changes": {}}, "payload.changes"),
        ("fact", {"field": "deaths", "value": 3}, "payload.changes"),  # schema 1's shape is not written any more
        ("fact", {"changes": {"wind": {"wind_force": 6}}}, "payload.changes"),  # a form field, not a fact
        ("fact", {"changes": {"deaths": 1}, "typed": {"deaths": 1}}, "payload.typed.deaths"),
        ("assessment", {"level": "huge", "base_level": "major"}, "payload.level"),
        ("assessment", {"level": "major", "base_level": "major", "triggers": ["moon"]}, "payload.triggers.0"),
        ("procedure", {"step": "1", "state": "maybe"}, "payload.state"),
        ("call", {"call_at": "yesterday"}, "payload.call_at"),
        ("note", {"text": ""}, "payload.text"),
        ("status", {"state": "closed"}, "payload.state"),
        ("weather", {"text": "rain"}, "kind"),
        ("note", ["not", "a", "mapping"], "payload"),
    ],
)
def test_bad_payloads_name_the_field(journal: Journal, kind: str, payload: object, field: str) -> None:
    incident = journal.create_incident("fire", None, T0)
    with pytest.raises(InputError) as info:
        journal.append(incident.id, kind, payload, at(1))  # type: ignore[arg-type]
    assert info.value.field == field
    assert len(journal.events(incident.id)) == 1  # nothing but the opening event was recorded


def test_unknown_incident_and_early_times_are_refused(journal: Journal) -> None:
    with pytest.raises(UnknownIncidentError):
        journal.append("2026-01-01-0001", "note", {"text": "x"}, at(1))
    with pytest.raises(UnknownIncidentError):
        journal.events("nope")
    incident = journal.create_incident("fire", None, T0)
    with pytest.raises(InputError) as info:
        journal.append(incident.id, "note", {"text": "x"}, at(-1))
    assert info.value.field == "at"
    with pytest.raises(InputError) as info:
        journal.create_incident("  ", None, T0)
    assert info.value.field == "title"


def test_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "firedrill.sqlite3"
    bogus.write_text("this is not sqlite", encoding="utf-8")
    with pytest.raises(InputError) as info:
        Journal.open(bogus)
    assert str(bogus) in info.value.one_line()
