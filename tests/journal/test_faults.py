"""A damaged, empty or foreign journal: exit 2, one line naming the file and the remedy, the file untouched.

Every command that opens the journal is driven through the CLI's ``main``; the file is compared
byte for byte before and after, since a fault must never be "repaired" by writing over evidence.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from firedrill.datadir import default_db_path
from firedrill.journal import Journal, JournalDamagedError

from .clock import at
from .faults_util import (
    OTHERS,
    READS,
    WRITES,
    damage_middle_pages,
    fingerprint,
    make_journal,
    nothing_left_to_merge,
    one_fault_line,
    run_cli,
)


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
    code, out, err = run_cli(argv, data_dir, incident_id, capsys)
    assert code == 2 and out == ""
    one_fault_line(err, db, "damaged", "restore it from a backup", "firedrill journal check")
    assert fingerprint(db) == before
    nothing_left_to_merge(data_dir)


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
    code, out, err = run_cli(("journal", "check"), data_dir, incident_id, capsys)
    assert code == 2
    problems = out.strip().splitlines()
    assert problems and all(line.startswith(f"{db}: ") for line in problems)
    assert any("Page" in line for line in problems), out
    one_fault_line(err, db, "restore")
    assert fingerprint(db) == before


def test_check_of_a_sound_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = make_journal(tmp_path / "sound")
    with Journal.open(default_db_path(tmp_path / "sound"), read_only=True) as journal:
        events = len(journal.events(incident_id))
    code, out, _ = run_cli(("journal", "check"), tmp_path / "sound", incident_id, capsys)
    assert code == 0
    assert out.strip().endswith(f"ok (schema 2, 1 incidents, {events} events)")


def test_check_finds_a_schema_from_a_newer_firedrill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = make_journal(tmp_path / "newer")
    with sqlite3.connect(default_db_path(tmp_path / "newer")) as conn:
        conn.execute("PRAGMA user_version = 99")
    code, out, _ = run_cli(("journal", "check"), tmp_path / "newer", incident_id, capsys)
    assert code == 2 and "schema version 99 is newer" in out


@pytest.mark.parametrize("argv", READS + WRITES + (("incident", "open", "deaths=1"), ("journal", "check")))
def test_zero_byte_journal_is_never_reinitialised(
    tmp_path: Path, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "empty"
    data_dir.mkdir()
    db = default_db_path(data_dir)
    db.write_bytes(b"")
    code, out, err = run_cli(argv, data_dir, "2026-11-29-0001", capsys)
    assert code == 2
    assert db.stat().st_size == 0 and sorted(p.name for p in data_dir.iterdir()) == [db.name]  # nothing created
    where = out if argv[-1] == "check" else err
    assert "empty (0 bytes)" in where and str(db) in where
    if argv[-1] != "check":
        one_fault_line(err, db, "restore it from a backup")


def test_not_a_journal_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "text"
    data_dir.mkdir()
    db = default_db_path(data_dir)
    db.write_text("这不是数据库\n" * 500, encoding="utf-8")
    before = fingerprint(db)
    code, _, err = run_cli(("journal", "list"), data_dir, "", capsys)
    assert code == 2 and fingerprint(db) == before
    one_fault_line(err, db, "not a firedrill journal", "restore")


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for argv in (("journal", "list"), ("journal", "check"), ("journal", "show", "x")):
        code, out, err = run_cli(argv, blocker, "", capsys)
        assert code == 2 and "no journal yet" not in out + err
        one_fault_line(err, blocker, "is a file, not a data directory", "--data-dir")


def test_a_log_left_by_a_crash_is_not_merged_into_a_damaged_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
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
        assert run_cli(argv, crashed, incident_id, capsys)[0] == 2
        assert (fingerprint(db), fingerprint(wal)) == before
