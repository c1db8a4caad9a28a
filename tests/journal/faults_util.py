"""Helpers for the fault tests: a journal worth damaging, its fingerprint, and a user permissions bind."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.datadir import default_db_path
from firedrill.incident.desk import Desk
from firedrill.journal import Journal

from .clock import T0, at

READS = (("journal", "list"), ("journal", "show", "{id}"), ("journal", "export", "{id}"))
WRITES = (("incident", "note", "{id}", "已通知供电部门"), ("procedure", "tick", "{id}", "alarm_received"))
OTHERS = (("incident", "show", "{id}"), ("replay", "--record", "{id}"))


def run_cli(argv: tuple[str, ...], data_dir: Path, incident_id: str, capsys: pytest.CaptureFixture[str]
         ) -> tuple[int, str, str]:  # fmt: skip
    code = main([a.format(id=incident_id) for a in argv] + ["--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_fault_line(err: str, db: Path, *words: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and str(db) in lines[0], err
    for word in words:
        assert word in lines[0], err


def nothing_left_to_merge(data_dir: Path) -> None:
    """Beside the journal at most SQLite's empty read-side files: no log a later open would merge into it."""
    db = default_db_path(data_dir)
    assert {p.name for p in data_dir.iterdir()} <= {db.name, f"{db.name}-wal", f"{db.name}-shm"}
    wal = data_dir / f"{db.name}-wal"
    assert not wal.exists() or wal.stat().st_size == 0


NOBODY = 65534
NOTES = 300  # enough events for the events table to span many pages


def make_journal(data_dir: Path) -> str:
    """A closed-cleanly journal of one incident opened at the desk, with many notes; its id."""
    with Journal.open(default_db_path(data_dir)) as journal:
        desk = Desk(journal)
        incident_id = desk.open({"deaths": 3}, at=T0).state.id
        for n in range(NOTES):
            journal.append(incident_id, "note", {"text": f"第{n}条 " + "记录" * 40}, at(1 + n / 60))
    return incident_id


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_middle_pages(path: Path, pages: int = 2) -> None:
    """Overwrite whole pages in the middle of the file with noise (the header page is left sound)."""
    page = int.from_bytes(path.read_bytes()[16:18], "big")
    count = path.stat().st_size // page
    noise = random.Random(13).randbytes(page * pages)
    with path.open("r+b") as handle:
        handle.seek((count // 2) * page)
        handle.write(noise)


@contextmanager
def shared_dir() -> Iterator[Path]:
    """A directory any user can reach (pytest's tmp_path is private to its owner)."""
    path = Path(tempfile.mkdtemp(prefix="firedrill-faults-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for root, dirs, _ in os.walk(path):
            for name in dirs:
                Path(root, name).chmod(0o755)
        shutil.rmtree(path)


@contextmanager
def unprivileged() -> Iterator[None]:
    """File permissions as an ordinary user meets them: root ignores them, so root acts as nobody."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
