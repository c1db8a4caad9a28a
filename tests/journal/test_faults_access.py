"""A read-only file or directory, a held write lock, an older schema: reads go on, writes get one line.

Permissions are exercised as an ordinary user (root ignores them, so a root run drops to nobody
for those steps); the lock is held by a second process, as another console would hold it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.datadir import default_db_path
from firedrill.journal import Journal, JournalBusyError, JournalFault, JournalReadOnlyError, JournalWriteError
from firedrill.journal.faults import BUSY_TIMEOUT_MS

from .clock import T0, at
from .faults_util import (
    NOTES,
    READS,
    WRITES,
    fingerprint,
    make_journal,
    one_fault_line,
    run_cli,
    shared_dir,
    unprivileged,
)
from .v1 import V1Journal


def _warm(data_dir: Path, incident_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Run every command once with full rights, so nothing is first imported without them."""
    for argv in (*READS, *WRITES):
        code, _, err = run_cli(argv, data_dir, incident_id, capsys)
        assert code == 0, err


def _read_only_case(capsys: pytest.CaptureFixture[str], lock_dir: bool) -> None:
    with shared_dir() as root:
        data_dir = root / "archive"
        incident_id = make_journal(data_dir)
        _warm(data_dir, incident_id, capsys)
        db = default_db_path(data_dir)
        db.chmod(0o666 if lock_dir else 0o444)  # the directory alone is read-only
        data_dir.chmod(0o555 if lock_dir else 0o777)
        before = fingerprint(db)
        with unprivileged():
            for argv in READS:
                code, out, err = run_cli(argv, data_dir, incident_id, capsys)
                assert code == 0 and err == "" and incident_id in out, err
            assert "2026-11-29-0001" in run_cli(("journal", "list"), data_dir, incident_id, capsys)[1]
            assert run_cli(("journal", "check"), data_dir, incident_id, capsys)[0] == 0
            for argv in WRITES:
                code, out, err = run_cli(argv, data_dir, incident_id, capsys)
                assert code == 2
                one_fault_line(err, db, "read-only", "nothing can be recorded", "journal list/show/export")
            with pytest.raises(JournalReadOnlyError) as info:
                Journal.open(db)
            assert info.value.problem == ("read_only_dir" if lock_dir else "read_only_file")
        assert fingerprint(db) == before


def test_read_only_file_reads_and_refuses_writes(capsys: pytest.CaptureFixture[str]) -> None:
    _read_only_case(capsys, lock_dir=False)


def test_read_only_data_dir_reads_an_archive(capsys: pytest.CaptureFixture[str]) -> None:
    _read_only_case(capsys, lock_dir=True)


def test_backup_from_a_read_only_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with shared_dir() as root:
        data_dir, dest = root / "archive", root / "copies"
        incident_id = make_journal(data_dir)
        _warm(data_dir, incident_id, capsys)
        dest.mkdir(mode=0o777)
        dest.chmod(0o777)
        data_dir.chmod(0o555)
        with unprivileged():
            code, out, _ = run_cli(("journal", "backup", str(dest / "copy.sqlite3")), data_dir, incident_id, capsys)
        assert code == 0 and "backed up 1 incidents" in out
        source, copy = Journal.open(default_db_path(data_dir), read_only=True), Journal.open(dest / "copy.sqlite3")
        with source, copy:
            assert copy.events(incident_id) == source.events(incident_id)


@pytest.fixture
def lock_holder(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """Another process that takes the journal's write lock and keeps it."""
    data_dir = tmp_path / "locked"
    incident_id = make_journal(data_dir)
    script = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
              "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(120)")  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-c", script, str(default_db_path(data_dir))],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield data_dir, incident_id
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def test_locked_journal_reads_and_one_line_for_a_write(
    lock_holder: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, incident_id = lock_holder
    db = default_db_path(data_dir)
    for argv in (*READS, ("journal", "check"), ("incident", "show", "{id}")):
        code, _, err = run_cli(argv, data_dir, incident_id, capsys)
        assert (code, err) == (0, ""), argv
    code, _, err = run_cli(WRITES[0], data_dir, incident_id, capsys)
    assert code == 2
    one_fault_line(err, db, f"write lock for over {BUSY_TIMEOUT_MS // 1000} s", "not recorded", "try again")
    with Journal.open(db) as journal:
        with pytest.raises(JournalBusyError) as info:
            journal.append(incident_id, "note", {"text": "x"}, at(30))
        assert isinstance(info.value, JournalWriteError) and isinstance(info.value, JournalFault)
        assert "写锁" in info.value.text("zh")
        assert len(journal.events(incident_id, ["note"])) == NOTES  # neither refused note is there


def test_backup_while_a_console_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "live"
    incident_id = make_journal(data_dir)
    with Journal.open(default_db_path(data_dir)) as journal:  # open: its events sit in the -wal, not yet merged
        journal.append(incident_id, "note", {"text": "备份前最后一条"}, at(20))
        code, out, _ = run_cli(("journal", "backup", str(tmp_path)), data_dir, incident_id, capsys)
        assert code == 0
        made = Path(out.strip().split(" to ", 1)[1])
        assert made.parent == tmp_path and made.name.startswith("firedrill-")
        with Journal.open(made, read_only=True) as copy:
            assert copy.events(incident_id)[-1].payload["text"] == "备份前最后一条"
        assert not made.with_name(made.name + "-wal").exists()
    code, _, err = run_cli(("journal", "backup", str(made)), data_dir, incident_id, capsys)
    assert code == 2 and "already exists" in err and "DEST" in err


def test_an_older_journal_upgrades_when_writable_and_is_refused_when_read_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with shared_dir() as root:
        for name in ("writable", "archive"):
            (root / name).mkdir()
            with V1Journal(default_db_path(root / name)) as old:
                old.incident("2026-11-29-0001", T0, "旧格式火灾")
        code, out, _ = run_cli(("journal", "list"), root / "writable", "", capsys)
        assert code == 0 and "旧格式火灾" in out  # read as any open does: upgraded first
        db = default_db_path(root / "archive")
        db.chmod(0o444)
        (root / "archive").chmod(0o555)
        before = fingerprint(db)
        with unprivileged():
            code, _, err = run_cli(("journal", "list"), root / "archive", "", capsys)
        assert code == 2 and fingerprint(db) == before
        one_fault_line(err, db, "older format (schema 1)", "copy the whole data directory")
