"""A journal file in schema 1, written row by row with plain sqlite3 (no firedrill writer), for the upgrade tests.

The tables are made by the schema's own migration 1 (its statements have not changed since schema 1)
and ``PRAGMA user_version`` is left at 1, so ``Journal.open`` upgrades the file as it would one written
by firedrill before schema 2. Payloads are stored as given: schema-1 shapes (``{"field", "value",
"raw"}``, an assessment's ``change``) or anything a hand-edited journal might hold.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from firedrill.journal.schema import CORE


class V1Journal:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path, isolation_level=None)
        for statement in CORE.migrations[0].statements:
            self.conn.execute(statement)
        self.conn.execute("PRAGMA user_version = 1")

    def incident(self, incident_id: str, opened_at: datetime, title: str = "fire", scenario: str | None = None) -> str:
        """An open incident with its ``status: opened`` event, as schema 1 wrote them."""
        self.conn.execute(
            "INSERT INTO incidents (id, title, scenario, opened_at, closed_at, status) "
            "VALUES (?, ?, ?, ?, NULL, 'open')",
            (incident_id, title, scenario, opened_at.isoformat()),
        )
        self.event(incident_id, opened_at, "status", {"state": "opened"})
        return incident_id

    def close_incident(self, incident_id: str, at: datetime, reason: str | None = None) -> None:
        self.event(incident_id, at, "status", {"state": "closed", "reason": reason})
        self.conn.execute("UPDATE incidents SET status = 'closed', closed_at = ? WHERE id = ?",
                          (at.isoformat(), incident_id))  # fmt: skip

    def event(self, incident_id: str, at: datetime, kind: str, payload: dict[str, Any],
              actor: str | None = None) -> int:  # fmt: skip
        cursor = self.conn.execute(
            "INSERT INTO events (incident_id, at, kind, actor, payload) VALUES (?, ?, ?, ?, ?)",
            (incident_id, at.isoformat(), kind, actor, json.dumps(payload, ensure_ascii=False, sort_keys=True)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> V1Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
