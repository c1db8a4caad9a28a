"""Journal schema 2: facts stored by their domain names, a board of units, no display strings.

Schema 1 stored each console form field as it was (``{"field": "wind", "value": {"wind_speed_ms":
10.8}, "raw": "10.8m/s"}``) and assessments with a bilingual ``change`` text. Schema 2 stores facts
as changes of the Incident's own names (``{"changes": {"wind_speed_ms": 10.8, "wind_force": null},
"typed": {"wind": "10.8m/s"}}``). The upgrade rewrites every schema-1 fact and assessment in place,
one event for one event with its sequence number, time and actor, inside the migration's
transaction; the append-only trigger is lifted for exactly that statement and put back.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from firedrill.facts import WIND_KEYS

NO_UPDATE_TRIGGER = """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                   BEGIN SELECT RAISE(ABORT, 'journal events are append-only'); END"""


def _split(field: str, value: Any) -> dict[str, Any]:
    keys = WIND_KEYS.get(field)
    if keys is None:
        return {field: value}
    if value is None:
        return dict.fromkeys(keys)
    if not isinstance(value, dict) or not value or set(value) - set(keys):
        return {field: value}  # in no console form: kept as stored, so its readers report it, never drop it
    return {key: value.get(key) for key in keys}


def fact_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 fact payload as schema 2 stores it; keys the console added are kept as they were."""
    rest = {k: v for k, v in payload.items() if k not in ("field", "value", "raw", "previous")}
    field = str(payload["field"])
    upgraded: dict[str, Any] = {
        **rest,
        "changes": _split(field, payload.get("value")),
        "previous": _split(field, payload.get("previous")),
        "typed": {field: payload["raw"]} if isinstance(payload.get("raw"), str) else {},
    }
    return upgraded


def assessment_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 assessment without its display text (the levels say the change)."""
    return {k: v for k, v in payload.items() if k != "change"}


def upgrade_events(conn: sqlite3.Connection) -> None:
    """Rewrite schema-1 facts and assessments in place (called inside the migration's transaction)."""
    rows = conn.execute("SELECT seq, kind, payload FROM events WHERE kind IN ('fact', 'assessment')").fetchall()
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    for seq, kind, text in rows:
        payload = json.loads(text)
        if kind == "fact" and "field" in payload:
            payload = fact_v2(payload)
        elif kind == "assessment" and "change" in payload:
            payload = assessment_v2(payload)
        else:
            continue
        conn.execute("UPDATE events SET payload = ? WHERE seq = ?",
                     (json.dumps(payload, ensure_ascii=False, sort_keys=True), seq))  # fmt: skip
    conn.execute(NO_UPDATE_TRIGGER)
    _board_from_orders(conn)


def _board_from_orders(conn: sqlite3.Connection) -> None:
    """Units the orders of open incidents sent stay committed to them on the board (unit_events)."""
    rows = conn.execute(
        "SELECT e.incident_id, e.at, e.actor, e.payload FROM events e JOIN incidents i ON i.id = e.incident_id "
        "WHERE e.kind = 'order' AND i.status = 'open' ORDER BY e.seq"
    ).fetchall()
    for incident_id, at, actor, text in rows:
        payload = json.loads(text)
        for unit in payload.get("new_units") or payload.get("units") or ():
            conn.execute(
                "INSERT INTO unit_events (unit_id, status, incident_id, at, actor, note) "
                "VALUES (?, 'dispatched', ?, ?, ?, 'sent by an order recorded before the board existed')",
                (str(unit), incident_id, at, actor),
            )
