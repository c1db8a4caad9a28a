"""A damaged, empty, read-only or locked journal: exit 2, one line naming the file and the remedy.

Every command that opens the journal is driven through the CLI's ``main``; the file is compared
byte for byte before and after, since a fault must never be "repaired" by writing over evidence.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.cli.main import main
from firedrill.datadir import default_db_path
from firedrill.journal import (
    Journal,
    JournalBusyError,
    JournalDamagedError,
    JournalFault,
    JournalReadOnlyError,
    JournalWriteError,
)
from firedrill.journal.faults import BUSY_TIMEOUT_MS

from .clock import at
from .faults_util import NOTES, damage_middle_pages, fingerprint, make_journal, shared_dir, unprivileged

READS = (("journal", "list"), ("journal", "show", "{id}"), ("journal", "export", "{id}"))
WRITES = (("incident", "note", "{id}", "已通知供电部门"), ("procedure", "tick", "{id}", "alarm_received"))
OTHERS = (("incident", "show", "{id}"), ("replay", "--record", "{id}"))


def _run(argv: tuple[str, ...], data_dir: Path, incident_id: str, capsys: pytest.CaptureFixture[str]
         ) -> tuple[int, str, str]:  # fmt: skip
    code = main([a.format(id=incident_id) for a in argv] + ["--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_fault_line(err: str, db: Path, *words: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and str(db) in lines[0], err
    for word in words:
        assert word in lines[0], err


def _nothing_left_to_merge(data_dir: Path) -> None:
    """Beside the journal at most SQLite's empty read-side files: no log a later open would merge into it."""
    db = default_db_path(data_dir)
    assert {p.name for p in data_dir.iterdir()} <= {db.name, f"{db.name}-wal", f"{db.name}-shm"}
    wal = data_dir / f"{db.name}-wal"
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.fixture
def damaged(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    data_dir = tmp_path / "damaged"
    incident_id = make_journal(data_dir)
    damage_middle_pages(default_db_path(data_dir))
    yield data_dir, incident_id


@pytest.mark.parametrize("argv", READS + WRITES + OTHERS + (("journal", "backup", "{id}.bak"),))
def test_damaged_middle_pages_one_line_and_file_untouched(
    damaged: tuple[Path, str], argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, incident_id = damaged
    db = default_db_path(data_dir)
    before = fingerprint(db)
    code, out, err = _run(argv, data_dir, incident_id, capsys)
    assert code == 2 and out == ""
    _one_fault_line(err, db, "damaged", "restore it from a backup", "firedrill journal check")
    assert fingerprint(db) == before
    _nothing_left_to_merge(data_dir)


def test_damaged_journal_refused_by_the_engine(damaged: tuple[Path, str]) -> None:
    db = default_db_path(damaged[0])
    for read_only in (False, True):
        with pytest.raises(JournalDamagedError) as info:
            Journal.open(db, read_only=read_only)
        assert "restore" in info.value.text("zh") and "从备份恢复" in info.value.text("zh")


def test_check_lists_each_problem_and_exits_2(damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, incident_id = damaged
    db = default_db_path(data_dir)
    before = fingerprint(db)
    code, out, err = _run(("journal", "check"), data_dir, incident_id, capsys)
    assert code == 2
    problems = out.strip().splitlines()
    assert problems and all(line.startswith(f"{db}: ") for line in problems)
    assert any("Page" in line for line in problems), out
    _one_fault_line(err, db, "restore")
    assert fingerprint(db) == before


def test_check_of_a_sound_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = make_journal(tmp_path / "sound")
    with Journal.open(default_db_path(tmp_path / "sound"), read_only=True) as journal:
        events = len(journal.events(incident_id))
    code, out, _ = _run(("journal", "check"), tmp_path / "sound", incident_id, capsys)
    assert code == 0
    assert out.strip().endswith(f"ok (schema 2, 1 incidents, {events} events)")


def test_check_finds_a_schema_from_a_newer_firedrill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    incident_id = make_journal(tmp_path / "newer")
    with sqlite3.connect(default_db_path(tmp_path / "newer")) as conn:
        conn.execute("PRAGMA user_version = 99")
    code, out, _ = _run(("journal", "check"), tmp_path / "newer", incident_id, capsys)
    assert code == 2 and "schema version 99 is newer" in out


@pytest.mark.parametrize("argv", READS + WRITES + (("incident", "open", "deaths=1"), ("journal", "check")))
def test_zero_byte_journal_is_never_reinitialised(
    tmp_path: Path, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "empty"
    data_dir.mkdir()
    db = default_db_path(data_dir)
    db.write_bytes(b"")
    code, out, err = _run(argv, data_dir, "2026-11-29-0001", capsys)
    assert code == 2
    assert db.stat().st_size == 0 and sorted(p.name for p in data_dir.iterdir()) == [db.name]  # nothing created
    where = out if argv[-1] == "check" else err
    assert "empty (0 bytes)" in where and str(db) in where
    if argv[-1] != "check":
        _one_fault_line(err, db, "restore it from a backup")


def test_not_a_journal_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "text"
    data_dir.mkdir()
    db = default_db_path(data_dir)
    db.write_text("这不是数据库\n" * 500, encoding="utf-8")
    before = fingerprint(db)
    code, _, err = _run(("journal", "list"), data_dir, "", capsys)
    assert code == 2 and fingerprint(db) == before
    _one_fault_line(err, db, "not a firedrill journal", "restore")


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for argv in (("journal", "list"), ("journal", "check"), ("journal", "show", "x")):
        code, out, err = _run(argv, blocker, "", capsys)
        assert code == 2 and "no journal yet" not in out + err
        _one_fault_line(err, blocker, "is a file, not a data directory", "--data-dir")


def _warm(data_dir: Path, incident_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Run every command once with full rights, so nothing is first imported without them."""
    for argv in (*READS, *WRITES):
        code, _, err = _run(argv, data_dir, incident_id, capsys)
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
                code, out, err = _run(argv, data_dir, incident_id, capsys)
                assert code == 0 and err == "" and incident_id in out, err
            assert "2026-11-29-0001" in _run(("journal", "list"), data_dir, incident_id, capsys)[1]
            assert _run(("journal", "check"), data_dir, incident_id, capsys)[0] == 0
            for argv in WRITES:
                code, out, err = _run(argv, data_dir, incident_id, capsys)
                assert code == 2
                _one_fault_line(err, db, "read-only", "nothing can be recorded", "journal list/show/export")
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
            code, out, _ = _run(("journal", "backup", str(dest / "copy.sqlite3")), data_dir, incident_id, capsys)
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
        code, _, err = _run(argv, data_dir, incident_id, capsys)
        assert (code, err) == (0, ""), argv
    code, _, err = _run(WRITES[0], data_dir, incident_id, capsys)
    assert code == 2
    _one_fault_line(err, db, f"write lock for over {BUSY_TIMEOUT_MS // 1000} s", "not recorded", "try again")
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
        code, out, _ = _run(("journal", "backup", str(tmp_path)), data_dir, incident_id, capsys)
        assert code == 0
        made = Path(out.strip().split(" to ", 1)[1])
        assert made.parent == tmp_path and made.name.startswith("firedrill-")
        with Journal.open(made, read_only=True) as copy:
            assert copy.events(incident_id)[-1].payload["text"] == "备份前最后一条"
        assert not made.with_name(made.name + "-wal").exists()
    code, _, err = _run(("journal", "backup", str(made)), data_dir, incident_id, capsys)
    assert code == 2 and "already exists" in err and "DEST" in err


def test_a_log_left_by_a_crash_is_not_merged_into_a_damaged_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    source, crashed = tmp_path / "live", tmp_path / "crashed"
    incident_id = make_journal(source)
    crashed.mkdir()
    db = default_db_path(crashed)
    with Journal.open(default_db_path(source)) as journal:
        journal.append(incident_id, "note", {"text": "崩溃前最后一条"}, at(30))
        for suffix in ("", "-wal"):  # the file and its log as a killed console leaves them
            shutil.copyfile(f"{default_db_path(source)}{suffix}", f"{db}{suffix}")
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0
    damage_middle_pages(db)
    before = (fingerprint(db), fingerprint(wal))
    for argv in (WRITES[0], READS[0], ("journal", "check")):
        assert _run(argv, crashed, incident_id, capsys)[0] == 2
        assert (fingerprint(db), fingerprint(wal)) == before


def test_an_older_journal_upgrades_when_writable_and_is_refused_when_read_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from .clock import T0
    from .v1 import V1Journal

    with shared_dir() as root:
        for name in ("writable", "archive"):
            (root / name).mkdir()
            with V1Journal(default_db_path(root / name)) as old:
                old.incident("2026-11-29-0001", T0, "旧格式火灾")
        code, out, _ = _run(("journal", "list"), root / "writable", "", capsys)
        assert code == 0 and "旧格式火灾" in out  # read as any open does: upgraded first
        db = default_db_path(root / "archive")
        db.chmod(0o444)
        (root / "archive").chmod(0o555)
        before = fingerprint(db)
        with unprivileged():
            code, _, err = _run(("journal", "list"), root / "archive", "", capsys)
        assert code == 2 and fingerprint(db) == before
        _one_fault_line(err, db, "older format (schema 1)", "copy the whole data directory")
