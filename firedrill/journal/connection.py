"""Opening the journal's SQLite file with the settings its durability promise rests on.

* ``journal_mode=WAL``: a writer appends to the write-ahead log, readers (a second console, the
  CLI) keep reading, and a crash leaves the main file intact.
* ``synchronous=FULL``: the log is synced to disk at every COMMIT, so a committed transaction
  survives a killed process and a power cut (``NORMAL`` would survive only the former).
* ``foreign_keys=ON``: an event cannot name an incident that does not exist.
* a busy timeout: a second process waits for the lock instead of failing at once.

Before anything is written the file is checked (``PRAGMA quick_check``): a damaged, empty or
foreign file is refused with a JournalFault and left exactly as it was. ``read_only=True`` opens
with SQLite's ``mode=ro`` (and, in a read-only directory with no pending log, ``immutable=1``):
nothing is created, locked or migrated, so an archived journal can be read where it lies.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from firedrill.errors import InputError
from firedrill.journal.errors import JournalDamagedError, JournalFault, JournalReadOnlyError
from firedrill.journal.faults import BUSY_TIMEOUT_MS, can_write, flat, translate, writable_problem
from firedrill.journal.schema import CORE, SchemaPart, apply_core, apply_part, registered_parts

__all__ = ["BUSY_TIMEOUT_MS", "connect", "raw_read_only", "settings"]
# PRAGMA synchronous reports a number; 2 is FULL (https://sqlite.org/pragma.html#pragma_synchronous).
SYNCHRONOUS_NAMES = {0: "off", 1: "normal", 2: "full", 3: "extra"}


def _refuse_empty(path: Path) -> None:
    # SQLite would take a 0-byte file for a new database and build an empty journal in it.
    if path.is_file() and path.stat().st_size == 0:
        raise JournalDamagedError("empty", "restore_or_move", path)


def _verify(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file before anything reads or writes it (the check reads every page)."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.Error as exc:
        raise translate(exc, path, writing=False) from None
    if [str(r[0]) for r in rows] != ["ok"]:
        raise JournalDamagedError("damaged", "restore", path, flat(str(rows[0][0])))


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        if mode != "wal":
            raise InputError(f"the file system refuses WAL mode (journal_mode is {mode})", file=path)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _guarded(conn: sqlite3.Connection, path: Path, writing: bool,
             steps: Iterable[Callable[[], object]]) -> sqlite3.Connection:  # fmt: skip
    """Run the opening steps; any failure closes the connection and becomes one fault."""
    try:
        for step in steps:
            step()
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path, writing) from None
    except BaseException:
        conn.close()
        raise
    return conn


def connect(path: Path, parts: Iterable[SchemaPart] = (), read_only: bool = False) -> sqlite3.Connection:
    """A configured, migrated connection to ``path``; any problem is one InputError naming the file.

    ``read_only``: open an existing journal for reading only (see the module's docstring)."""
    if read_only:
        return _connect_read_only(path, parts)
    _refuse_empty(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the journal's directory: {exc.strerror}", file=path) from None
    problem = writable_problem(path)
    if problem is not None:
        raise JournalReadOnlyError(path, problem)
    if path.is_file():
        # Checked through a read-only connection: closing a read-write one would merge a log left by a
        # crash into the file, and a damaged file must stay exactly as it was found.
        probe = raw_read_only(path)
        try:
            _verify(probe, path)
        finally:
            probe.close()
    try:
        # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves, nothing implicit.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise translate(exc, path, writing=True) from None

    def migrate() -> None:
        apply_core(conn, path)
        for part in (*registered_parts(), *parts):
            apply_part(conn, path, part)

    return _guarded(conn, path, True, (
        lambda: conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}"),
        lambda: _configure(conn, path),
        migrate,
    ))  # fmt: skip


def _uri(path: Path, immutable: bool) -> str:
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def raw_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing file, not yet checked: for ``journal check`` and the readers."""
    _refuse_empty(path)
    wal = path.with_name(path.name + "-wal")
    # Without a pending log there is nothing SQLite would need -shm for: read the file as it lies.
    immutable = not can_write(path.parent) and (not wal.exists() or wal.stat().st_size == 0)
    try:
        conn = sqlite3.connect(_uri(path, immutable), uri=True, isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)  # fmt: skip
    except sqlite3.Error as exc:
        raise translate(exc, path, writing=False) from None
    return _guarded(conn, path, False, (lambda: conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}"),))


def _connect_read_only(path: Path, parts: Iterable[SchemaPart]) -> sqlite3.Connection:
    conn = raw_read_only(path)
    versions: list[int] = []
    _guarded(conn, path, False, (lambda: _verify(conn, path), lambda: conn.execute("PRAGMA foreign_keys = ON"),
                                 lambda: versions.append(int(conn.execute("PRAGMA user_version").fetchone()[0]))))
    found = versions[0]
    if found == CORE.latest:
        return conn
    conn.close()
    if found < CORE.latest and writable_problem(path) is None:
        return connect(path, parts)  # an older journal that can be upgraded: upgrade it, as any open does
    if found < CORE.latest:
        raise JournalFault("old_schema_read_only", "copy_writable", path, str(found))
    raise InputError(f"the journal is at schema version {found}, newer than this firedrill knows ({CORE.latest}); "
                     "upgrade firedrill to open it", file=path)  # fmt: skip


def settings(conn: sqlite3.Connection) -> dict[str, object]:
    """What SQLite says the connection's durability settings are (not what we asked for)."""
    synchronous = int(conn.execute("PRAGMA synchronous").fetchone()[0])
    return {
        "journal_mode": str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower(),
        "synchronous": SYNCHRONOUS_NAMES.get(synchronous, str(synchronous)),
        "foreign_keys": bool(conn.execute("PRAGMA foreign_keys").fetchone()[0]),
        "busy_timeout_ms": int(conn.execute("PRAGMA busy_timeout").fetchone()[0]),
    }
