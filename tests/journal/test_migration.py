"""Schema 1 → 2 on a journal the previous code wrote (tests/fixtures/journal_v1.sqlite, its rows listed in
journal_v1.json): opening it upgrades it in place, and nothing recorded is lost or changed in meaning.

The expected schema-2 facts are worked out here from the manifest alone (schema 1's form fields: a
wind field's value holds one form, ``{"wind_speed_ms": 10.8}``, and typing it clears the other key),
not with the upgrade's code."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from firedrill.errors import InputError
from firedrill.incident.board import read_board
from firedrill.incident.desk import Desk
from firedrill.incident.fold import fold
from firedrill.journal import Journal, JournalWriteError
from firedrill.timeutil import to_local

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V1_FILE = FIXTURES / "journal_v1.sqlite"
MANIFEST: dict[str, Any] = json.loads((FIXTURES / "journal_v1.json").read_text(encoding="utf-8"))
WIND_FORMS = {"wind": ("wind_force", "wind_speed_ms"), "gust": ("gust_force", "gust_speed_ms")}
TIMES = ("reported_at", "ignition_at")


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "firedrill.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(V1_FILE, path)
    with Journal.open(path):
        pass
    return path


def _facts_of(field: str, value: Any) -> dict[str, Any]:
    """The schema-2 facts a schema-1 form field's value stands for."""
    if field in WIND_FORMS:
        given = value if isinstance(value, dict) else {}
        return {key: given.get(key) for key in WIND_FORMS[field]}
    return {field: value}


def _rows(path: Path, table: str) -> list[dict[str, Any]]:
    with sqlite3.connect(path) as conn:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]


def _key(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def _everything(path: Path) -> dict[str, Any]:
    """Every row of every table, the schema and the versions: what a reopening must leave as it is."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        schema = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    return {"user_version": version, "schema": schema, **{t: sorted(map(_key, _rows(path, t))) for t in tables}}


def _manifest_events(incident_id: str | None = None) -> list[dict[str, Any]]:
    return [e for e in MANIFEST["events"] if incident_id is None or e["incident_id"] == incident_id]


def test_the_fixture_is_a_schema_1_journal_with_facts_in_the_old_shape() -> None:
    """Guard: what this module tests is there (the file is the old code's, the manifest lists it)."""
    assert MANIFEST["user_version"] == 1
    with sqlite3.connect(f"file:{V1_FILE}?immutable=1", uri=True) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == MANIFEST["counts"]["events"]
    facts = [e["payload"] for e in _manifest_events() if e["kind"] == "fact"]
    assert facts and all("field" in p and "value" in p for p in facts)
    assert {"field": "wind", "value": {"wind_speed_ms": 10.8}, "raw": "10.8m/s"}.items() <= next(
        p for p in facts if p["field"] == "wind").items()  # fmt: skip
    assert any(p.get("change") for e in _manifest_events() if e["kind"] == "assessment" for p in [e["payload"]])


def test_opening_upgrades_in_place_to_schema_2(migrated: Path) -> None:
    with sqlite3.connect(migrated) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        # The board starts from the orders of open incidents: one dispatched event per unit they sent.
        open_ids = {i["id"] for i in MANIFEST["incidents"] if i["status"] == "open"}
        sent = [u for e in _manifest_events() if e["kind"] == "order" and e["incident_id"] in open_ids
                for u in e["payload"]["new_units"]]  # fmt: skip
        rows = conn.execute("SELECT unit_id, status FROM unit_events ORDER BY seq").fetchall()
        assert rows == [(u, "dispatched") for u in sent] and sent
    with Journal.open(migrated) as journal:
        assert journal.part_versions()["journal"] == 2


def test_every_incident_and_every_event_is_still_there(migrated: Path) -> None:
    with Journal.open(migrated) as journal:
        incidents = [r.model_dump(mode="json") for r in journal.incidents()]
        assert incidents == MANIFEST["incidents"]
        events = {e.seq: e for record in journal.incidents() for e in journal.events(record.id)}
    assert sorted(events) == [e["seq"] for e in MANIFEST["events"]]
    for listed in MANIFEST["events"]:
        event = events[listed["seq"]]
        assert (event.incident_id, event.at, event.kind.value, event.actor) == (
            listed["incident_id"], to_local(datetime.fromisoformat(listed["at"])), listed["kind"], listed["actor"])
    with sqlite3.connect(migrated) as conn:  # the sequence goes on from where it was
        sequences = dict(conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
        board_rows = sequences.pop("unit_events", 0)  # the board's table, new in schema 2
        assert sequences == {r["name"]: r["seq"] for r in MANIFEST["sqlite_sequence"]}
        assert board_rows == conn.execute("SELECT count(*) FROM unit_events").fetchone()[0]


def test_every_drill_and_quiz_row_is_still_there(migrated: Path) -> None:
    assert set(MANIFEST["tables"]) >= {"drill_runs", "drill_answers", "drill_ticks", "quiz_attempts", "quiz_answers"}
    for table, rows in MANIFEST["tables"].items():
        found = _rows(migrated, table)
        assert len(found) == len(rows) == MANIFEST["counts"][table], table
        assert sorted(map(_key, found)) == sorted(map(_key, rows)), table
    assert _rows(migrated, "schema_parts") == MANIFEST["schema_parts"]


def test_every_schema_1_table_index_and_trigger_is_kept(migrated: Path) -> None:
    with sqlite3.connect(migrated) as conn:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    found = {(kind, name): (table, sql) for kind, name, table, sql in rows}
    for item in MANIFEST["schema"]:
        assert found[(item["type"], item["name"])] == (item["tbl_name"], item["sql"]), item["name"]
    # the record is append-only again after the upgrade rewrote its facts
    with Journal.open(migrated) as journal:
        for sql in ("UPDATE events SET payload = '{}'", "DELETE FROM events"):
            with pytest.raises(JournalWriteError, match="append-only"), journal.transaction() as conn:
                conn.execute(sql)


def test_facts_take_the_schema_2_shape_with_the_same_values(migrated: Path) -> None:
    with Journal.open(migrated) as journal:
        events = {e.seq: e for record in journal.incidents() for e in journal.events(record.id)}
    held: dict[str, dict[str, Any]] = {}  # incident → each fact as schema 1 held it so far
    for listed in MANIFEST["events"]:
        before = held.setdefault(listed["incident_id"], {})
        old, new = listed["payload"], events[listed["seq"]].payload
        if listed["kind"] == "fact":
            changes = _facts_of(old["field"], old["value"])
            typed = {old["field"]: old["raw"]} if isinstance(old.get("raw"), str) else {}
            assert new == {"changes": changes, "typed": typed, "previous": {k: before.get(k) for k in changes}}, (
                f"event #{listed['seq']}")
            before.update(changes)
        elif listed["kind"] == "assessment":  # the display text goes; the levels that say the change stay
            assert new == {k: v for k, v in old.items() if k != "change"}
            assert new["previous_level"] == old["previous_level"]
        else:
            assert new == old, f"event #{listed['seq']}"
    wind = next(events[e["seq"]].payload for e in MANIFEST["events"]
                if e["kind"] == "fact" and e["payload"].get("raw") == "10.8m/s")  # fmt: skip
    assert wind["changes"] == {"wind_speed_ms": 10.8, "wind_force": None} and wind["typed"] == {"wind": "10.8m/s"}


def _expected_state(incident_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The facts (and the text each was typed as) a schema-1 console resumed with, from the manifest."""
    facts: dict[str, Any] = {}
    typed: dict[str, str] = {}
    for event in _manifest_events(incident_id):
        if event["kind"] != "fact":
            continue
        field, value, raw = event["payload"]["field"], event["payload"]["value"], event["payload"].get("raw")
        if field in WIND_FORMS:
            given = value or {}
            facts.update({key: given.get(key) for key in WIND_FORMS[field]})
        else:
            facts[field] = to_local(datetime.fromisoformat(value)) if field in TIMES and value else value
        if isinstance(raw, str):
            typed[field] = raw
        else:
            typed.pop(field, None)
    return facts, typed


@pytest.mark.parametrize("incident_id", [r["id"] for r in MANIFEST["incidents"]])
def test_folding_each_incident_gives_the_facts_its_schema_1_record_held(migrated: Path, incident_id: str) -> None:
    facts, typed = _expected_state(incident_id)
    calls = sorted(to_local(datetime.fromisoformat(e["payload"]["call_at"]))
                   for e in _manifest_events(incident_id) if e["kind"] == "call")  # fmt: skip
    assessments = [e["payload"] for e in _manifest_events(incident_id) if e["kind"] == "assessment"]
    with Journal.open(migrated) as journal:
        record = journal.incident(incident_id)
        state = fold(record, journal.events(incident_id))
    assert dict(state.facts) == facts
    assert dict(state.typed) == typed
    assert list(state.calls) == calls
    assert state.incident is not None, state.problem
    if "reported_at" in facts:
        assert state.incident.reported_at == facts["reported_at"]
    if assessments:
        assert state.recorded is not None and state.recorded.level.value == assessments[-1]["level"]
    assert state.closed == (record.closed_at is not None) == (record.status == "closed")


def test_the_report_time_retyped_in_schema_1_is_the_one_folded(migrated: Path) -> None:
    """Incident A: the report time was typed again as a bare clock (``2145``) after the opening."""
    first = MANIFEST["incidents"][0]["id"]
    retyped = [e["payload"] for e in _manifest_events(first) if e["kind"] == "fact"
               and e["payload"]["field"] == "reported_at"][-1]  # fmt: skip
    with Journal.open(migrated) as journal:
        state = fold(journal.incident(first), journal.events(first))
    assert state.reported_at == to_local(datetime.fromisoformat(retyped["value"]))
    assert state.typed["reported_at"] == retyped["raw"]


def test_a_migrated_open_incident_goes_on_through_the_desk(migrated: Path) -> None:
    open_ids = [r["id"] for r in MANIFEST["incidents"] if r["status"] == "open"]
    with Journal.open(migrated) as journal:
        last = max(e.at for e in journal.events(open_ids[-1]))
        desk = Desk(journal, clock=lambda: last)
        before = desk.load(open_ids[-1])
        change = desk.set_facts(open_ids[-1], {"deaths": 1}, {"deaths": "1"}, at=last, expected_version=before.version)
        [fact, *_] = change.events
        assert fact.payload["changes"] == {"deaths": 1} and fact.payload["previous"] == {"deaths": None}
        assert change.state.facts == {**before.facts, "deaths": 1}


def test_reopening_the_migrated_file_changes_nothing(migrated: Path) -> None:
    once = _everything(migrated)
    with Journal.open(migrated):
        pass
    assert _everything(migrated) == once


def test_a_journal_newer_than_this_firedrill_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    shutil.copyfile(V1_FILE, path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    untouched = _everything(path)
    with pytest.raises(InputError) as caught:
        Journal.open(path)
    line = caught.value.one_line()
    assert "\n" not in line and str(path) in line and "99" in line
    assert _everything(path) == untouched  # nothing was migrated


def test_units_sent_by_schema_1_orders_of_an_open_incident_stay_committed_to_it(migrated: Path) -> None:
    """Incident A is open and its F7 orders sent units: after the upgrade a second incident must not get them."""
    first = MANIFEST["incidents"][0]
    assert first["status"] == "open"
    sent = [u for e in _manifest_events(first["id"]) if e["kind"] == "order" for u in e["payload"]["new_units"]]
    assert sent
    with Journal.open(migrated) as journal:
        assert read_board(journal).committed() == dict.fromkeys(sent, first["id"])


@pytest.mark.parametrize("value", [{"wind_knots": 12}, 8, "六级"])
def test_a_schema_1_wind_in_no_console_form_is_kept_as_stored(tmp_path: Path, value: object) -> None:
    """Hand-edited or foreign: kept under its field name (readers report it), never turned into 'no wind'."""
    from tests.journal.v1 import V1Journal

    path = tmp_path / "hand.sqlite3"
    at = datetime(2026, 3, 3, 21, 40, tzinfo=to_local(datetime(2026, 3, 3)).tzinfo)
    with V1Journal(path) as v1:
        v1.incident("2026-03-03-0001", at)
        v1.event("2026-03-03-0001", at, "fact", {"field": "wind", "value": value, "raw": "12kn"})
    with Journal.open(path) as journal:
        (fact,) = [e for e in journal.events("2026-03-03-0001") if e.kind.value == "fact"]
    assert fact.payload["changes"] == {"wind": value} and fact.payload["typed"] == {"wind": "12kn"}
