"""Opening the journal's SQLite file with the settings its durability promise rests on.

* ``journal_mode=WAL``: a writer appends to the write-ahead log, readers (a second console, the
  CLI) keep reading, and a crash leaves the main file intact.
* ``synchronous=FULL``: the log is synced to disk at every COMMIT, so a committed transaction
  survives a killed process and a power cut (``NORMAL`` would survive only the former).
* ``foreign_keys=ON``: an event cannot name an incident that does not exist.
* a busy timeout: a second process waits for the lock instead of failing at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from firedrill.errors import InputError
from firedrill.journal.schema import SchemaPart, apply_core, apply_part, registered_parts

BUSY_TIMEOUT_MS = 5000
# PRAGMA synchronous reports a number; 2 is FULL (https://sqlite.org/pragma.html#pragma_synchronous).
SYNCHRONOUS_NAMES = {0: "off", 1: "normal", 2: "full", 3: "extra"}


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
    if mode != "wal":
        raise InputError(f"the file system refuses WAL mode (journal_mode is {mode})", file=path)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def connect(path: Path, parts: Iterable[SchemaPart] = ()) -> sqlite3.Connection:
    """A configured, migrated connection to ``path``; any problem is one InputError naming the file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the journal's directory: {exc.strerror}", file=path) from None
    try:
        # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves, nothing implicit.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open the journal: {exc}", file=path) from None
    try:
        _configure(conn, path)
        apply_core(conn, path)
        for part in (*registered_parts(), *parts):
            apply_part(conn, path, part)
    except sqlite3.Error as exc:
        conn.close()
        raise InputError(f"cannot open the journal: {exc}", file=path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def settings(conn: sqlite3.Connection) -> dict[str, object]:
    """What SQLite says the connection's durability settings are (not what we asked for)."""
    synchronous = int(conn.execute("PRAGMA synchronous").fetchone()[0])
    return {
        "journal_mode": str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower(),
        "synchronous": SYNCHRONOUS_NAMES.get(synchronous, str(synchronous)),
        "foreign_keys": bool(conn.execute("PRAGMA foreign_keys").fetchone()[0]),
        "busy_timeout_ms": int(conn.execute("PRAGMA busy_timeout").fetchone()[0]),
    }
