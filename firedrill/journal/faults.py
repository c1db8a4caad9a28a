"""What went wrong with the journal file, from SQLite's error and the file system: one JournalFault.

SQLite says *what* failed (``sqlite_errorname``: CORRUPT, NOTADB, BUSY, READONLY, CANTOPEN …); the
file system says *why* a write cannot happen (the file or its directory is read-only). Together
they give the one line the CLI prints and the console shows, naming the file and what to do.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from firedrill.journal.errors import (
    JournalBusyError,
    JournalDamagedError,
    JournalFault,
    JournalReadOnlyError,
    JournalWriteError,
)

# How long a writer waits for another process's write lock before it says so.
BUSY_TIMEOUT_MS = 5000

# The ids this process writes with (a set-uid or seteuid process: the effective ones), where the OS can say.
EFFECTIVE = os.access in os.supports_effective_ids
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")


def flat(report: str) -> str:
    """One line of an integrity report (SQLite heads it ``*** in database main ***`` and breaks lines)."""
    return " ".join(report.replace("*** in database main ***", " ").split())


def _name(exc: sqlite3.Error) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or "")


def can_write(path: Path) -> bool:
    """Whether this process may write the file, or create files in the directory, at ``path``."""
    return os.access(path, os.W_OK | (os.X_OK if path.is_dir() else 0), effective_ids=EFFECTIVE)


def writable_problem(path: Path) -> str | None:
    """``read_only_file`` / ``read_only_dir`` when this process cannot write the journal at ``path``."""
    if path.exists() and not can_write(path):
        return "read_only_file"
    if not can_write(path.parent):
        return "read_only_dir"
    return None


def damaged(path: Path, exc: sqlite3.Error) -> JournalDamagedError:
    problem = "not_a_journal" if _name(exc).startswith("SQLITE_NOTADB") else "damaged"
    return JournalDamagedError(problem, "restore", path, str(exc))


def translate(exc: sqlite3.Error, path: Path, writing: bool) -> JournalFault:
    """The fault behind ``exc``, raised while reading (``writing=False``) or writing ``path``."""
    name = _name(exc)
    if name.startswith(_DAMAGED) or "malformed" in str(exc):
        return damaged(path, exc)
    if name.startswith(_BUSY):
        return JournalBusyError(path, BUSY_TIMEOUT_MS / 1000)
    if not writing and name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")) and not can_write(path.parent):
        return JournalFault("wal_read_only", "copy_writable", path)
    if name.startswith("SQLITE_READONLY") or (writing and name.startswith("SQLITE_CANTOPEN")):
        return JournalReadOnlyError(path, writable_problem(path) or "read_only_file")
    if writing:
        return JournalWriteError(path, str(exc))
    return JournalFault("unreadable", "retry", path, str(exc))
