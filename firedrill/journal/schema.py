"""The journal's tables and the ordered migrations that build them, for the journal and for others.

The journal's own schema version is ``PRAGMA user_version``. Other parts of firedrill (quizzes,
drills) keep their tables in the same file: each registers a ``SchemaPart`` under its own name,
and its version is kept in the ``schema_parts`` table. Every batch of pending migrations runs in
one ``BEGIN IMMEDIATE`` transaction that re-reads the version first, so two processes opening the
same file at once cannot apply a migration twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from firedrill.errors import InputError
from firedrill.journal.upgrade import upgrade_events
from firedrill.timeutil import now_local

CORE_PART = "journal"


@dataclass(frozen=True)
class Migration:
    """One step of a schema: the statements that take it from ``version - 1`` to ``version``."""

    version: int
    description: str
    statements: tuple[str, ...]
    upgrade: Callable[[sqlite3.Connection], None] | None = None  # rewrites rows after the statements


@dataclass(frozen=True)
class SchemaPart:
    """A named, ordered list of migrations numbered 1, 2, 3, …"""

    name: str
    migrations: tuple[Migration, ...]

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a schema part needs a name")
        versions = [m.version for m in self.migrations]
        if versions != list(range(1, len(versions) + 1)):
            raise ValueError(f"schema part {self.name!r}: migrations must be numbered 1..n in order")

    @property
    def latest(self) -> int:
        return len(self.migrations)


CORE = SchemaPart(
    CORE_PART,
    (
        Migration(
            1,
            "incidents, append-only events, schema_parts",
            (
                """CREATE TABLE incidents (
                    id TEXT PRIMARY KEY,
                    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
                    scenario TEXT,
                    opened_at TEXT NOT NULL,
                    closed_at TEXT,
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
                    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
                )""",
                """CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE RESTRICT,
                    at TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    actor TEXT,
                    payload TEXT NOT NULL
                )""",
                "CREATE INDEX events_by_incident ON events(incident_id, seq)",
                "CREATE INDEX incidents_by_status ON incidents(status, id)",
                # A record that loses nothing also rewrites nothing.
                """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                   BEGIN SELECT RAISE(ABORT, 'journal events are append-only'); END""",
                """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                   BEGIN SELECT RAISE(ABORT, 'journal events are append-only'); END""",
                """CREATE TRIGGER events_only_while_open BEFORE INSERT ON events
                   WHEN (SELECT status FROM incidents WHERE id = NEW.incident_id) = 'closed'
                   BEGIN SELECT RAISE(ABORT, 'incident is closed'); END""",
                """CREATE TABLE schema_parts (
                    part TEXT PRIMARY KEY,
                    version INTEGER NOT NULL,
                    applied_at TEXT NOT NULL
                )""",
            ),
        ),
        Migration(
            2,
            "facts by domain name, no display strings; the board's unit events",
            (
                """CREATE TABLE unit_events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    unit_id TEXT NOT NULL CHECK (length(trim(unit_id)) > 0),
                    status TEXT NOT NULL,
                    incident_id TEXT REFERENCES incidents(id) ON DELETE RESTRICT,
                    at TEXT NOT NULL,
                    actor TEXT,
                    note TEXT
                )""",
                "CREATE INDEX unit_events_by_unit ON unit_events(unit_id, seq)",
                """CREATE TRIGGER unit_events_no_update BEFORE UPDATE ON unit_events
                   BEGIN SELECT RAISE(ABORT, 'unit events are append-only'); END""",
                """CREATE TRIGGER unit_events_no_delete BEFORE DELETE ON unit_events
                   BEGIN SELECT RAISE(ABORT, 'unit events are append-only'); END""",
            ),
            upgrade_events,
        ),
    ),
)

_REGISTERED: dict[str, SchemaPart] = {}


def register_part(part: SchemaPart) -> None:
    """Make ``part`` apply whenever a journal is opened in this process (call it at import time)."""
    if part.name == CORE_PART:
        raise ValueError(f"the part name {CORE_PART!r} is the journal's own")
    known = _REGISTERED.get(part.name)
    if known is not None and known != part:
        raise ValueError(f"schema part {part.name!r} is already registered with other migrations")
    _REGISTERED[part.name] = part


def registered_parts() -> tuple[SchemaPart, ...]:
    return tuple(_REGISTERED.values())


def _too_new(path: Path, part: str, found: int, known: int) -> InputError:
    return InputError(
        f"schema part '{part}' is at version {found}, newer than this firedrill knows ({known}); "
        "upgrade firedrill to open it",
        file=path,
    )


def _run_pending(conn: sqlite3.Connection, pending: Iterable[Migration]) -> None:
    for migration in pending:
        for statement in migration.statements:
            conn.execute(statement)
        if migration.upgrade is not None:
            migration.upgrade(conn)


def apply_core(conn: sqlite3.Connection, path: Path) -> None:
    # Up to date (the usual case): no write lock is taken, so opening never waits on another writer.
    if int(conn.execute("PRAGMA user_version").fetchone()[0]) == CORE.latest:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if found > CORE.latest:
            raise _too_new(path, CORE_PART, found, CORE.latest)
        if found < CORE.latest:
            _run_pending(conn, CORE.migrations[found:])
            # PRAGMA takes no parameters; the value is an int from our own table.
            conn.execute(f"PRAGMA user_version = {int(CORE.latest)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _part_version(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT version FROM schema_parts WHERE part = ?", (name,)).fetchone()
    return 0 if row is None else int(row[0])


def apply_part(conn: sqlite3.Connection, path: Path, part: SchemaPart) -> None:
    """Bring ``part`` up to its latest version; a no-op (and no lock) when it is already there."""
    if _part_version(conn, part.name) == part.latest:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = _part_version(conn, part.name)
        if found > part.latest:
            raise _too_new(path, part.name, found, part.latest)
        if found < part.latest:
            _run_pending(conn, part.migrations[found:])
            conn.execute(
                "INSERT INTO schema_parts (part, version, applied_at) VALUES (?, ?, ?) "
                "ON CONFLICT (part) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at",
                (part.name, part.latest, now_local().isoformat()),
            )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def part_versions(conn: sqlite3.Connection) -> dict[str, int]:
    """Every part's version in this file, the journal's own included."""
    versions = {CORE_PART: int(conn.execute("PRAGMA user_version").fetchone()[0])}
    for name, version in conn.execute("SELECT part, version FROM schema_parts ORDER BY part"):
        versions[str(name)] = int(version)
    return versions
