"""The journal's SQL: rows into models, and the statements the Journal's methods run inside a transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from firedrill.journal.labels import labels
from firedrill.journal.models import Event, EventKind, IncidentRecord
from firedrill.models import Level

INCIDENT_COLUMNS = "id, title, scenario, opened_at, closed_at, status"
EVENT_COLUMNS = "seq, incident_id, at, kind, actor, payload"
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
    """The last recorded value of each fact field (a later event replaces an earlier one)."""
    facts: dict[str, Any] = {}
    for event in select_events(conn, incident_id, (EventKind.FACT,)):
        facts[event.payload["field"]] = event.payload["value"]
    return facts


def level_change(previous: Level, new: Level) -> str:
    """The ``change`` text of an assessment: Chinese names, English in brackets."""
    names = labels().levels
    zh = f"{names[previous].text.zh} → {names[new].text.zh}"
    return f"{zh} ({names[previous].text.en} → {names[new].text.en})"


def next_incident_id(conn: sqlite3.Connection, opened: datetime) -> str:
    """``YYYY-MM-DD-NNNN``: the local opening date and the next number of that day, so ids sort."""
    prefix = opened.date().isoformat()
    rows = conn.execute("SELECT id FROM incidents WHERE id LIKE ?", (f"{prefix}-%",)).fetchall()
    suffixes = [int(r[0][len(prefix) + 1 :]) for r in rows if r[0][len(prefix) + 1 :].isdigit()]
    return f"{prefix}-{max(suffixes, default=0) + 1:0{ID_SUFFIX_DIGITS}d}"


def note_level_change(conn: sqlite3.Connection, incident_id: str, data: dict[str, Any]) -> None:
    """Set ``previous_level`` and, when the level moved and the caller gave none, ``change``."""
    last = select_events(conn, incident_id, (EventKind.ASSESSMENT,))
    previous = Level(last[-1].payload["level"]) if last else None
    data["previous_level"] = None if previous is None else previous.value
    if previous is not None and previous != data["level"] and data.get("change") is None:
        data["change"] = level_change(previous, Level(data["level"]))


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
