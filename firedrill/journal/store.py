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
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from firedrill.errors import InputError
from firedrill.journal.connection import connect, settings
from firedrill.journal.errors import (
    IncidentClosedError,
    StaleVersionError,
    UnitTakenError,
    UnknownIncidentError,
)
from firedrill.journal.faults import translate
from firedrill.journal.models import (
    Event,
    EventKind,
    IncidentRecord,
    IncidentStatus,
    StatusState,
    UnitEvent,
    UnitStatus,
    validate_payload,
)
from firedrill.journal.rows import (
    INCIDENT_COLUMNS,
    UNIT_COLUMNS,
    event_count,
    find_incident,
    insert_event,
    insert_unit_event,
    latest_facts,
    next_incident_id,
    note_previous_level,
    select_events,
    to_incident,
    to_unit_event,
)
from firedrill.journal.schema import SchemaPart, apply_part, part_versions
from firedrill.timeutil import to_local

Entry = tuple[EventKind | str, Mapping[str, object]]
# A unit is committed to an open incident while its latest status is one of these.
COMMITTED = frozenset({UnitStatus.DISPATCHED, UnitStatus.ON_SCENE})
# Serving an incident (freed when it closes): committed, or on the way back from it.
SERVING = COMMITTED | {UnitStatus.RETURNING}


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
    def open(cls, path: str | Path, parts: Iterable[SchemaPart] = (), read_only: bool = False) -> Journal:
        """Open (creating if needed) the journal at ``path`` and bring every schema part up to date.

        ``read_only``: only read an existing journal (works on a read-only file or directory).
        A damaged, empty, read-only (when writing) or locked file is one JournalFault."""
        path = Path(path)
        return cls(connect(path, parts, read_only=read_only), path)

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
        with self._reading() as conn:
            return settings(conn)

    def ensure_part(self, part: SchemaPart) -> None:
        """Bring a schema part registered after this journal was opened up to date."""
        with self._lock:
            try:
                apply_part(self._conn, self.path, part)
            except sqlite3.Error as exc:
                raise translate(exc, self.path, writing=True) from exc

    def part_versions(self) -> dict[str, int]:
        with self._reading() as conn:
            return part_versions(conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction for other parts' tables: committed on exit, rolled back on error."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise translate(exc, self.path, writing=True) from exc
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise translate(exc, self.path, writing=True) from exc
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        # SQLite may have rolled back already (a full disk, an I/O error): nothing was committed either way.
        if self._conn.in_transaction:
            with suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection for a read; a damaged page met on the way is a JournalFault, not a traceback."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise translate(exc, self.path, writing=False) from exc

    def read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Rows of a read-only query, for other parts' tables."""
        with self._reading() as conn:
            return conn.execute(sql, params).fetchall()

    # --- incidents -----------------------------------------------------------------------------

    def create_incident(
        self,
        title: str,
        scenario: str | None,
        opened_at: datetime,
        actor: str | None = None,
        context: Mapping[str, object] | None = None,
    ) -> IncidentRecord:
        """Open a new incident; its first event is ``status: opened`` at ``opened_at`` (with ``context``)."""
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
            payload = validate_payload(EventKind.STATUS, {**(context or {}), "state": StatusState.OPENED})
            insert_event(conn, incident_id, EventKind.STATUS, payload, opened, actor)
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
        self,
        incident_id: str,
        at: datetime,
        reason: str | None = None,
        actor: str | None = None,
        expected_version: int | None = None,
    ) -> list[Event]:
        """Close the incident; its last event is ``status: closed`` and nothing can follow it.

        Every unit still committed to it is freed (``available``) in the same transaction."""
        closed = _time(at, "at")
        payload = validate_payload(EventKind.STATUS, {"state": StatusState.CLOSED, "reason": reason})
        with self.transaction() as conn:
            self._require_open(conn, incident_id, closed)
            self._require_version(conn, incident_id, expected_version)
            event = insert_event(conn, incident_id, EventKind.STATUS, payload, closed, actor)
            conn.execute(
                "UPDATE incidents SET status = 'closed', closed_at = ? WHERE id = ?",
                (closed.isoformat(), incident_id),
            )
            for unit_id, status, serving in self._latest_units(conn):
                if serving == incident_id and status in SERVING:
                    insert_unit_event(conn, unit_id, UnitStatus.AVAILABLE, incident_id, closed, actor,
                                      "incident closed")  # fmt: skip
        return [event]

    def resume_incident(self, incident_id: str, at: datetime, actor: str | None = None) -> Event:
        """Record that a restarted console took the incident up again."""
        return self.append(incident_id, EventKind.STATUS, {"state": StatusState.RESUMED}, at, actor)

    def version(self, incident_id: str) -> int:
        """How many events the incident has: the version the next append must name."""
        self.incident(incident_id)
        with self._reading() as conn:
            return event_count(conn, incident_id)

    def _require_version(self, conn: sqlite3.Connection, incident_id: str, expected: int | None) -> None:
        if expected is None:
            return
        found = event_count(conn, incident_id)
        if found != expected:
            raise StaleVersionError(incident_id, expected, found, self.path)

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
        expected_version: int | None = None,
    ) -> Event:
        """Record one event. Returns only once it is committed to disk; raises if it was not."""
        return self.append_batch(incident_id, [(kind, payload)], at, actor, expected_version)[0]

    def append_batch(
        self,
        incident_id: str,
        entries: Sequence[Entry],
        at: datetime,
        actor: str | None = None,
        expected_version: int | None = None,
        units: Sequence[tuple[str, UnitStatus]] = (),
    ) -> list[Event]:
        """Record several events and unit changes in one transaction: all of them, or none.

        ``expected_version`` is the incident's event count the caller decided on; when another
        writer has appended since, nothing is written and StaleVersionError says so. A unit set
        ``dispatched`` while committed to another open incident is refused (UnitTakenError)."""
        checked: list[tuple[EventKind, dict[str, Any]]] = []
        for kind, payload in entries:
            try:
                event_kind = EventKind(kind)
            except ValueError:
                raise InputError(f"unknown event kind {kind!r}", field="kind") from None
            data = validate_payload(event_kind, payload)
            if event_kind is EventKind.STATUS and data["state"] in (StatusState.OPENED, StatusState.CLOSED):
                raise InputError("use create_incident / close_incident to open or close", field="payload.state")
            checked.append((event_kind, data))
        when = _time(at, "at")
        with self.transaction() as conn:
            self._require_open(conn, incident_id, when)
            self._require_version(conn, incident_id, expected_version)
            written = []
            for event_kind, data in checked:
                if event_kind is EventKind.FACT:
                    before = latest_facts(conn, incident_id)
                    data["previous"] = {name: before.get(name) for name in data["changes"]}
                if event_kind is EventKind.ASSESSMENT:
                    note_previous_level(conn, incident_id, data)
                written.append(insert_event(conn, incident_id, event_kind, data, when, actor))
            self._set_units(conn, incident_id, units, when, actor)
        return written

    # --- the board of units --------------------------------------------------------------------

    def _latest_units(self, conn: sqlite3.Connection) -> list[tuple[str, UnitStatus, str | None]]:
        rows = conn.execute(
            "SELECT u.unit_id, u.status, u.incident_id FROM unit_events u JOIN "
            "(SELECT unit_id, max(seq) AS seq FROM unit_events GROUP BY unit_id) m ON u.seq = m.seq"
        ).fetchall()
        return [(str(r[0]), UnitStatus(r[1]), r[2]) for r in rows]

    def _set_units(self, conn: sqlite3.Connection, incident_id: str | None, units: Sequence[tuple[str, UnitStatus]],
                   at: datetime, actor: str | None, note: str | None = None) -> list[UnitEvent]:  # fmt: skip
        if not units:
            return []
        latest = {unit: (status, serving) for unit, status, serving in self._latest_units(conn)}
        written = []
        for unit_id, status in units:
            now, serving = latest.get(unit_id, (UnitStatus.AVAILABLE, None))
            if status is UnitStatus.DISPATCHED and now is UnitStatus.OUT_OF_SERVICE:
                raise InputError(f"unit {unit_id!r} is out of service; not dispatched", field="units")
            if status is UnitStatus.DISPATCHED and now in COMMITTED and serving not in (None, incident_id):
                open_there = find_incident(conn, serving)
                if open_there is not None and open_there.status is IncidentStatus.OPEN:
                    raise UnitTakenError(unit_id, serving, self.path)
            written.append(insert_unit_event(conn, unit_id, status, incident_id, at, actor, note))
        return written

    def set_unit(self, unit_id: str, status: UnitStatus | str, at: datetime, actor: str | None = None,
                 incident_id: str | None = None, note: str | None = None) -> UnitEvent:  # fmt: skip
        """Record a unit's new status (arrived, released, out of service …) at ``at``."""
        if not isinstance(unit_id, str) or not unit_id.strip():
            raise InputError("a unit needs an id", field="unit")
        try:
            wanted = UnitStatus(status)
        except ValueError:
            raise InputError(f"unknown unit status {status!r}", field="status") from None
        when = _time(at, "at")
        with self.transaction() as conn:
            if incident_id is not None and find_incident(conn, incident_id) is None:
                raise UnknownIncidentError(incident_id, self.path)
            return self._set_units(conn, incident_id, [(unit_id.strip(), wanted)], when, actor, note)[0]

    def board_version(self) -> int:
        """The sequence number of the latest unit event (0 for none): the board changed when it grows."""
        return int(self.read("SELECT coalesce(max(seq), 0) FROM unit_events")[0][0])

    def unit_events(self) -> list[UnitEvent]:
        """Every unit status change, in the order recorded."""
        rows = self.read(f"SELECT {UNIT_COLUMNS} FROM unit_events ORDER BY seq")
        return [to_unit_event(r) for r in rows]

    def events(self, incident_id: str, kinds: Iterable[EventKind | str] | None = None) -> list[Event]:
        """The incident's events in the order they were recorded, optionally of some kinds only."""
        self.incident(incident_id)
        try:
            wanted = None if kinds is None else [EventKind(k) for k in kinds]
        except ValueError as exc:
            raise InputError(str(exc), field="kinds") from None
        with self._reading() as conn:
            return select_events(conn, incident_id, wanted)
