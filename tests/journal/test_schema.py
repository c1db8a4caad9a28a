"""Migrations: the journal's own run once, other parts add their tables, newer files are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.journal import Journal, Migration, SchemaPart, register_part
from firedrill.journal.schema import _REGISTERED, CORE, CORE_PART

QUIZ_V1 = Migration(
    1,
    "quiz answers, and a row recording that this migration ran",
    (
        "CREATE TABLE quiz_answers (id INTEGER PRIMARY KEY, question TEXT NOT NULL, correct INTEGER NOT NULL)",
        "CREATE TABLE quiz_migration_runs (version INTEGER NOT NULL)",
        "INSERT INTO quiz_migration_runs (version) VALUES (1)",
    ),
)
QUIZ_V2 = Migration(
    2,
    "answer time",
    (
        "ALTER TABLE quiz_answers ADD COLUMN answered_at TEXT",
        "INSERT INTO quiz_migration_runs (version) VALUES (2)",
    ),
)


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_core_schema_is_versioned_and_migrates_once(db_path: Path) -> None:
    for _ in range(3):
        with Journal.open(db_path) as j:
            assert j.part_versions()[CORE_PART] == CORE.latest
    assert {"incidents", "events", "schema_parts"} <= _tables(db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CORE.latest


def test_extra_part_adds_its_table_once_and_upgrades(db_path: Path) -> None:
    v1 = SchemaPart("quiz_test", (QUIZ_V1,))
    for _ in range(2):
        with Journal.open(db_path, parts=[v1]) as j:
            assert j.part_versions()["quiz_test"] == 1
    v2 = SchemaPart("quiz_test", (QUIZ_V1, QUIZ_V2))
    with Journal.open(db_path, parts=[v2]) as j:
        assert j.part_versions()["quiz_test"] == 2
        with j.transaction() as conn:
            conn.execute("INSERT INTO quiz_answers (question, correct, answered_at) VALUES ('q1', 1, 'now')")
        assert j.read("SELECT version FROM quiz_migration_runs ORDER BY version") == [(1,), (2,)]
        assert j.read("SELECT question FROM quiz_answers") == [("q1",)]


def test_registered_part_applies_on_every_open(db_path: Path) -> None:
    part = SchemaPart("drill_test", (Migration(1, "drills", ("CREATE TABLE drill_runs (id INTEGER PRIMARY KEY)",)),))
    register_part(part)
    try:
        register_part(part)  # registering the same part twice is harmless
        with Journal.open(db_path):
            pass
        assert "drill_runs" in _tables(db_path)
        other = SchemaPart("drill_test", (Migration(1, "different", ("SELECT 1",)),))
        with pytest.raises(ValueError, match="already registered"):
            register_part(other)
    finally:
        _REGISTERED.pop("drill_test", None)


def test_part_registered_after_opening_can_be_applied(journal: Journal, db_path: Path) -> None:
    journal.ensure_part(SchemaPart("late", (Migration(1, "late", ("CREATE TABLE late_table (x)",)),)))
    assert "late_table" in _tables(db_path)


def test_a_failing_migration_leaves_nothing_behind(db_path: Path) -> None:
    broken = SchemaPart("broken", (Migration(1, "half", ("CREATE TABLE half (x)", "NOT SQL AT ALL")),))
    with pytest.raises(InputError):
        Journal.open(db_path, parts=[broken])
    assert "half" not in _tables(db_path)
    with Journal.open(db_path) as j:
        assert "broken" not in j.part_versions()


def test_file_from_a_newer_firedrill_is_refused(db_path: Path) -> None:
    with Journal.open(db_path):
        pass
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {CORE.latest + 1}")
    with pytest.raises(InputError, match="newer than this firedrill"):
        Journal.open(db_path)


def test_part_definitions_are_checked() -> None:
    with pytest.raises(ValueError, match="numbered"):
        SchemaPart("gappy", (Migration(2, "skips one", ()),))
    with pytest.raises(ValueError, match="journal"):
        register_part(SchemaPart(CORE_PART, ()))
