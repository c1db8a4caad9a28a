"""``journal check`` and ``journal backup``: the command centre's routine care of the journal file.

``check`` reads every page (``PRAGMA integrity_check``), the foreign keys and the schema version
and says one line per problem. ``backup`` copies a sound journal with SQLite's online backup API
(consistent while consoles keep writing), into a new file that is checked before it is named.
Neither ever writes to the journal itself: both open it read-only.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from firedrill.errors import InputError
from firedrill.journal.connection import raw_read_only
from firedrill.journal.errors import JournalDamagedError
from firedrill.journal.faults import flat, translate
from firedrill.journal.schema import CORE
from firedrill.timeutil import now_local

TABLES = ("incidents", "events", "unit_events", "schema_parts")
# integrity_check stops after this many problems (SQLite's own default is 100).
MAX_PROBLEMS = 100


@dataclass(frozen=True)
class Checked:
    """What ``check`` found: problems (empty when sound), the schema version and what the file holds."""

    problems: tuple[str, ...]
    schema: int | None
    incidents: int
    events: int


def _structure(conn: sqlite3.Connection) -> tuple[list[str], int, int, int]:
    problems: list[str] = []
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > CORE.latest:
        problems.append(f"schema version {version} is newer than this firedrill knows ({CORE.latest})")
    names = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in TABLES if t not in names]
    if version == 0 and len(missing) == len(TABLES):
        return [*problems, "not a firedrill journal (no journal tables)"], version, 0, 0
    problems += [f"table {t!r} is missing" for t in missing if t != "unit_events" or version >= 2]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:MAX_PROBLEMS]:
        problems.append(f"{table} row {rowid} names a missing {parent} row")
    incidents = int(conn.execute("SELECT count(*) FROM incidents").fetchone()[0]) if "incidents" in names else 0
    events = int(conn.execute("SELECT count(*) FROM events").fetchone()[0]) if "events" in names else 0
    return problems, version, incidents, events


def _pages(conn: sqlite3.Connection) -> list[str]:
    """integrity_check's problems; where it gives up on a page, quick_check's account of it."""
    tries = (f"integrity_check({MAX_PROBLEMS})", f"quick_check({MAX_PROBLEMS})", "quick_check(1)")
    for pragma in tries:
        try:
            rows = [flat(str(r[0])) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        except sqlite3.DatabaseError as exc:
            if pragma == tries[-1]:
                raise exc from None
            continue
        return [] if rows == ["ok"] else rows
    return []


def check(path: Path) -> Checked:
    """Every problem of the journal at ``path`` (an InputError if there is no file there)."""
    if not path.is_file():
        raise InputError("no journal file here", file=path)
    try:
        conn = raw_read_only(path)
    except JournalDamagedError as exc:
        return Checked((exc.message,), None, 0, 0)
    try:
        problems = _pages(conn)
        if problems:
            return Checked(tuple(problems), None, 0, 0)
        found, version, incidents, events = _structure(conn)
        return Checked(tuple(found), version, incidents, events)
    except sqlite3.DatabaseError as exc:
        fault = translate(exc, path, writing=False)
        if isinstance(fault, JournalDamagedError):
            return Checked((fault.message,), None, 0, 0)
        raise fault from None
    finally:
        conn.close()


def _target(dest: Path) -> Path:
    if dest.is_dir():
        return dest / f"firedrill-{now_local().strftime('%Y%m%d-%H%M%S')}.sqlite3"
    if dest.exists():
        raise InputError("already exists; give a new file name or a folder", field="DEST", file=dest)
    if not dest.parent.is_dir():
        raise InputError("no such folder", field="DEST", file=dest.parent)
    return dest


def _verify_copy(conn: sqlite3.Connection, target: Path) -> None:
    rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(1)").fetchall()]
    if rows != ["ok"]:
        raise InputError(f"the copy does not check out ({flat(rows[0])}); not kept", field="DEST", file=target)


def _require_sound(source: sqlite3.Connection, path: Path) -> None:
    try:
        rows = [str(r[0]) for r in source.execute("PRAGMA quick_check(1)").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path, writing=False) from None
    if rows != ["ok"]:
        raise JournalDamagedError("damaged", "restore", path, flat(rows[0]))


def _copy(source: sqlite3.Connection, partial: Path, target: Path) -> int:
    """Copy into ``partial``, check the copy and sync it to disk; the number of incidents it holds."""
    try:
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            _verify_copy(copy, target)
            incidents = int(copy.execute("SELECT count(*) FROM incidents").fetchone()[0])
        finally:
            copy.close()
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
    except sqlite3.Error as exc:
        raise InputError(f"cannot write the backup: {exc}", field="DEST", file=target) from None
    except OSError as exc:
        raise InputError(f"cannot write the backup: {exc.strerror}", field="DEST", file=target) from None
    return incidents


def backup(path: Path, dest: Path) -> tuple[Path, int]:
    """Copy the journal at ``path`` to ``dest`` (a new file, or a folder); the file written and its incidents."""
    if not path.is_file():
        raise InputError("no journal file here", file=path)
    target = _target(dest)
    partial = target.with_name(f".{target.name}.partial")
    source = raw_read_only(path)
    try:
        _require_sound(source, path)
        incidents = _copy(source, partial, target)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return target, incidents
