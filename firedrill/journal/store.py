"""The Journal: an append-only SQLite record of every fact and decision, durable once acknowledged.

Every write is one ``BEGIN IMMEDIATE … COMMIT`` transaction on a WAL database with
``synchronous=FULL``: SQLite syncs the write-ahead log to disk before COMMIT returns, so a method
that has returned has put its event on disk, and a process killed at any moment loses only the
event it had not yet been told was recorded.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from firedrill.errors import InputError
from firedrill.journal.connection import connect, settings
from firedrill.journal.errors import IncidentClosedError, JournalWriteError, UnknownIncidentError
from firedrill.journal.models import (
    Event,
    EventKind,
    IncidentRecord,
    IncidentStatus,
    ProcedureState,
    ResumeState,
    StatusState,
    validate_payload,
)
from firedrill.journal.rows import (
    INCIDENT_COLUMNS,
    find_incident,
    insert_event,
    latest_facts,
    next_incident_id,
    note_level_change,
    select_events,
    to_incident,
)
from firedrill.journal.schema import SchemaPart, apply_part, part_versions
from firedrill.timeutil import to_local

CALLS_KEY = "calls"


def _time(value: object, field: str) -> datetime:
    if not isinstance(value, datetime):
        raise InputError(f"expected a date and time, got {value!r}", field=field)
    return to_local(value)


class Journal:
    """One open journal database. Use ``Journal.open(path)``, ideally as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()  # the console may write from a worker thread

    @classmethod
    def open(cls, path: str | Path, parts: Iterable[SchemaPart] = ()) -> Journal:
        """Open (creating if needed) the journal at ``path`` and bring every schema part up to date."""
        path = Path(path)
        return cls(connect(path, parts), path)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def settings(self) -> dict[str, object]:
        """The connection's durability settings, as SQLite reports them."""
        with self._lock:
            return settings(self._conn)

    def ensure_part(self, part: SchemaPart) -> None:
        """Bring a schema part registered after this journal was opened up to date."""
        with self._lock:
            try:
                apply_part(self._conn, self.path, part)
            except sqlite3.Error as exc:
                raise JournalWriteError(f"{self.path}: schema part {part.name!r} not applied: {exc}") from exc

    def part_versions(self) -> dict[str, int]:
        with self._lock:
            return part_versions(self._conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction for other parts' tables: committed on exit, rolled back on error."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise JournalWriteError(f"{self.path}: not recorded, cannot start a write: {exc}") from exc
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise JournalWriteError(f"{self.path}: not recorded: {exc}") from exc
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Rows of a read-only query, for other parts' tables."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # --- incidents -----------------------------------------------------------------------------

    def create_incident(
        self, title: str, scenario: str | None, opened_at: datetime, actor: str | None = None
    ) -> IncidentRecord:
        """Open a new incident; its first event is ``status: opened`` at ``opened_at``."""
        if not isinstance(title, str) or not title.strip():
            raise InputError("an incident needs a title", field="title")
        scenario = scenario.strip() or None if scenario is not None else None
        opened = _time(opened_at, "opened_at")
        with self.transaction() as conn:
            incident_id = next_incident_id(conn, opened)
            conn.execute(
                f"INSERT INTO incidents ({INCIDENT_COLUMNS}) VALUES (?, ?, ?, ?, NULL, 'open')",
                (incident_id, title.strip(), scenario, opened.isoformat()),
            )
            insert_event(conn, incident_id, EventKind.STATUS, {"state": StatusState.OPENED}, opened, actor)
        return self.incident(incident_id)

    def incident(self, incident_id: str) -> IncidentRecord:
        rows = self.read(f"SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = ?", (incident_id,))
        if not rows:
            raise UnknownIncidentError(incident_id, self.path)
        return to_incident(rows[0])

    def incidents(self, status: IncidentStatus | str | None = None) -> list[IncidentRecord]:
        """All incidents, oldest id first, optionally only those with ``status``."""
        if status is None:
            rows = self.read(f"SELECT {INCIDENT_COLUMNS} FROM incidents ORDER BY id")
        else:
            try:
                wanted = IncidentStatus(status)
            except ValueError:
                raise InputError(f"unknown status {status!r}", field="status") from None
            sql = f"SELECT {INCIDENT_COLUMNS} FROM incidents WHERE status = ? ORDER BY id"
            rows = self.read(sql, (wanted.value,))
        return [to_incident(r) for r in rows]

    def open_incidents(self) -> list[IncidentRecord]:
        return self.incidents(IncidentStatus.OPEN)

    def close_incident(
        self, incident_id: str, at: datetime, reason: str | None = None, actor: str | None = None
    ) -> IncidentRecord:
        """Close the incident; its last event is ``status: closed`` and nothing can follow it."""
        closed = _time(at, "at")
        payload = validate_payload(EventKind.STATUS, {"state": StatusState.CLOSED, "reason": reason})
        with self.transaction() as conn:
            self._require_open(conn, incident_id, closed)
            insert_event(conn, incident_id, EventKind.STATUS, payload, closed, actor)
            conn.execute(
                "UPDATE incidents SET status = 'closed', closed_at = ? WHERE id = ?",
                (closed.isoformat(), incident_id),
            )
        return self.incident(incident_id)

    def resume_incident(self, incident_id: str, at: datetime, actor: str | None = None) -> Event:
        """Record that a restarted console took the incident up again."""
        return self.append(incident_id, EventKind.STATUS, {"state": StatusState.RESUMED}, at, actor)

    def _require_open(self, conn: sqlite3.Connection, incident_id: str, at: datetime) -> IncidentRecord:
        incident = find_incident(conn, incident_id)
        if incident is None:
            raise UnknownIncidentError(incident_id, self.path)
        if incident.status is IncidentStatus.CLOSED:
            raise IncidentClosedError(incident_id, self.path)
        if at < incident.opened_at:
            raise InputError(f"{at.isoformat()} is before the incident opened ({incident.opened_at})", field="at")
        return incident

    # --- events --------------------------------------------------------------------------------

    def append(
        self,
        incident_id: str,
        kind: EventKind | str,
        payload: Mapping[str, object],
        at: datetime,
        actor: str | None = None,
    ) -> Event:
        """Record one event. Returns only once it is committed to disk; raises if it was not."""
        try:
            event_kind = EventKind(kind)
        except ValueError:
            raise InputError(f"unknown event kind {kind!r}", field="kind") from None
        data = validate_payload(event_kind, payload)
        when = _time(at, "at")
        if event_kind is EventKind.STATUS and data["state"] != StatusState.RESUMED:
            raise InputError("use create_incident / close_incident to open or close", field="payload.state")
        if event_kind is EventKind.FACT and data["field"] == CALLS_KEY:
            raise InputError("calls are recorded with the event kind 'call'", field="payload.field")
        with self.transaction() as conn:
            self._require_open(conn, incident_id, when)
            if event_kind is EventKind.FACT and "previous" not in payload:
                data["previous"] = latest_facts(conn, incident_id).get(data["field"])
            if event_kind is EventKind.ASSESSMENT:
                note_level_change(conn, incident_id, data)
            return insert_event(conn, incident_id, event_kind, data, when, actor)

    def events(self, incident_id: str, kinds: Iterable[EventKind | str] | None = None) -> list[Event]:
        """The incident's events in the order they were recorded, optionally of some kinds only."""
        self.incident(incident_id)
        try:
            wanted = None if kinds is None else [EventKind(k) for k in kinds]
        except ValueError as exc:
            raise InputError(str(exc), field="kinds") from None
        with self._lock:
            return select_events(self._conn, incident_id, wanted)

    def current_facts(self, incident_id: str) -> dict[str, object]:
        """The latest value of each fact field, and under ``calls`` the call times, earliest first."""
        self.incident(incident_id)
        with self._lock:
            facts: dict[str, object] = latest_facts(self._conn, incident_id)
            calls = select_events(self._conn, incident_id, (EventKind.CALL,))
        facts[CALLS_KEY] = sorted(to_local(datetime.fromisoformat(e.payload["call_at"])) for e in calls)
        return facts

    def resume_state(self, incident_id: str) -> ResumeState:
        """Everything a restarted console needs to show the incident exactly as it was."""
        events = self.events(incident_id)
        assessments = [e.payload for e in events if e.kind is EventKind.ASSESSMENT]
        procedure = {
            e.payload["step"]: ProcedureState(e.payload["state"]) for e in events if e.kind is EventKind.PROCEDURE
        }
        return ResumeState(
            incident=self.incident(incident_id),
            facts=self.current_facts(incident_id),
            assessment=assessments[-1] if assessments else None,
            procedure=procedure,
            last_seq=events[-1].seq,
        )
