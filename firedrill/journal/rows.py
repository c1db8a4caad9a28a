"""The journal's SQL: rows into models, and the statements the Journal's methods run inside a transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from firedrill.journal.models import Event, EventKind, IncidentRecord, UnitEvent

INCIDENT_COLUMNS = "id, title, scenario, opened_at, closed_at, status"
EVENT_COLUMNS = "seq, incident_id, at, kind, actor, payload"
UNIT_COLUMNS = "seq, unit_id, status, incident_id, at, actor, note"
ID_SUFFIX_DIGITS = 4


def to_incident(row: Sequence[Any]) -> IncidentRecord:
    return IncidentRecord.model_validate(dict(zip(INCIDENT_COLUMNS.split(", "), row, strict=True)))


def to_event(row: Sequence[Any]) -> Event:
    seq, incident_id, at, kind, actor, payload = row
    return Event(seq=seq, incident_id=incident_id, at=at, kind=kind, actor=actor, payload=json.loads(payload))


def find_incident(conn: sqlite3.Connection, incident_id: str) -> IncidentRecord | None:
    row = conn.execute(f"SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return None if row is None else to_incident(row)


def select_events(conn: sqlite3.Connection, incident_id: str, kinds: Sequence[EventKind] | None = None) -> list[Event]:
    sql = f"SELECT {EVENT_COLUMNS} FROM events WHERE incident_id = ?"
    params: list[object] = [incident_id]
    if kinds is not None:
        sql += f" AND kind IN ({', '.join('?' for _ in kinds)})"
        params += [k.value for k in kinds]
    return [to_event(r) for r in conn.execute(sql + " ORDER BY seq", params)]


def latest_facts(conn: sqlite3.Connection, incident_id: str) -> dict[str, Any]:
    """The last recorded value of each fact (a later change replaces an earlier one)."""
    facts: dict[str, Any] = {}
    rows = conn.execute("SELECT payload FROM events WHERE incident_id = ? AND kind = 'fact' ORDER BY seq",
                        (incident_id,))  # fmt: skip
    for (text,) in rows:  # payloads only: no models for what is read just to fill in ``previous``
        facts.update(json.loads(text)["changes"])
    return facts


def event_count(conn: sqlite3.Connection, incident_id: str) -> int:
    """The incident's version: how many events it has (every append names the version it was made on)."""
    return int(conn.execute("SELECT count(*) FROM events WHERE incident_id = ?", (incident_id,)).fetchone()[0])


def next_incident_id(conn: sqlite3.Connection, opened: datetime) -> str:
    """``YYYY-MM-DD-NNNN``: the local opening date and the next number of that day, so ids sort."""
    prefix = opened.date().isoformat()
    rows = conn.execute("SELECT id FROM incidents WHERE id LIKE ?", (f"{prefix}-%",)).fetchall()
    suffixes = [int(r[0][len(prefix) + 1 :]) for r in rows if r[0][len(prefix) + 1 :].isdigit()]
    return f"{prefix}-{max(suffixes, default=0) + 1:0{ID_SUFFIX_DIGITS}d}"


def note_previous_level(conn: sqlite3.Connection, incident_id: str, data: dict[str, Any]) -> None:
    """Set ``previous_level``: the level of the incident's assessment before this one."""
    row = conn.execute("SELECT payload FROM events WHERE incident_id = ? AND kind = 'assessment' "
                       "ORDER BY seq DESC LIMIT 1", (incident_id,)).fetchone()  # fmt: skip
    data["previous_level"] = json.loads(row[0])["level"] if row else None


def insert_event(
    conn: sqlite3.Connection,
    incident_id: str,
    kind: EventKind,
    payload: Mapping[str, object],
    at: datetime,
    actor: str | None,
) -> Event:
    """Insert inside the caller's transaction; the Event is acknowledged only once that commits."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    cursor = conn.execute(
        "INSERT INTO events (incident_id, at, kind, actor, payload) VALUES (?, ?, ?, ?, ?)",
        (incident_id, at.isoformat(), kind.value, actor, text),
    )
    seq = cursor.lastrowid
    assert seq is not None  # an INSERT into a rowid table always has one
    return Event(seq=seq, incident_id=incident_id, at=at, kind=kind, actor=actor, payload=json.loads(text))


def to_unit_event(row: Sequence[Any]) -> UnitEvent:
    return UnitEvent.model_validate(dict(zip(UNIT_COLUMNS.split(", "), row, strict=True)))


def insert_unit_event(conn: sqlite3.Connection, unit_id: str, status: str, incident_id: str | None, at: datetime,
                      actor: str | None, note: str | None) -> UnitEvent:  # fmt: skip
    cursor = conn.execute(
        "INSERT INTO unit_events (unit_id, status, incident_id, at, actor, note) VALUES (?, ?, ?, ?, ?, ?)",
        (unit_id, status, incident_id, at.isoformat(), actor, note),
    )
    seq = cursor.lastrowid
    assert seq is not None
    return UnitEvent.model_validate({"seq": seq, "unit_id": unit_id, "status": status, "incident_id": incident_id,
                                     "at": at, "actor": actor, "note": note})  # fmt: skip
