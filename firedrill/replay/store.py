"""Drills in the journal database: the ``drill`` schema part (tables ``drill_runs``,
``drill_answers`` and, from version 2, ``drill_ticks`` with the procedure rating on each answer)
in the same SQLite file as the incidents (docs/journal.md, "Other parts' tables").

The part is applied with ``Journal.ensure_part`` when a drill is saved, not registered globally,
so opening a journal elsewhere never depends on this module.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from firedrill.journal import Journal, Migration, SchemaPart
from firedrill.replay.changes import scale_text
from firedrill.replay.drill import DrillResult, Mark

DRILL_PART = SchemaPart(
    "drill",
    (
        Migration(
            1,
            "drill runs and their answers",
            (
                """CREATE TABLE drill_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    script_id TEXT NOT NULL,
                    script_file TEXT NOT NULL,
                    title TEXT NOT NULL,
                    playbook TEXT NOT NULL,
                    trainee TEXT NOT NULL,
                    script_start TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    score REAL NOT NULL,
                    overall TEXT NOT NULL CHECK (overall IN ('P', 'S', 'M', 'U')),
                    result TEXT NOT NULL
                )""",
                """CREATE TABLE drill_answers (
                    run_id INTEGER NOT NULL REFERENCES drill_runs(id),
                    inject INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    declared_level TEXT,
                    declared_triggers TEXT,
                    declared_dispatch TEXT,
                    opened_playbook INTEGER,
                    seconds REAL,
                    required_level TEXT NOT NULL,
                    required_triggers TEXT NOT NULL,
                    required_dispatch TEXT NOT NULL,
                    grade TEXT NOT NULL CHECK (grade IN ('P', 'S', 'M', 'U')),
                    issues TEXT NOT NULL,
                    PRIMARY KEY (run_id, inject)
                )""",
            ),
        ),
        Migration(
            2,
            "procedure ticks of a drill and the procedure rating of each prompt",
            (
                "ALTER TABLE drill_answers ADD COLUMN procedure_grade TEXT "
                "CHECK (procedure_grade IS NULL OR procedure_grade IN ('P', 'S', 'M', 'U'))",
                "ALTER TABLE drill_answers ADD COLUMN procedure_due TEXT",
                "ALTER TABLE drill_answers ADD COLUMN procedure_missed TEXT",
                "ALTER TABLE drill_answers ADD COLUMN procedure_issues TEXT",
                """CREATE TABLE drill_ticks (
                    run_id INTEGER NOT NULL REFERENCES drill_runs(id),
                    seq INTEGER NOT NULL,
                    inject INTEGER NOT NULL,
                    step TEXT NOT NULL,
                    at TEXT NOT NULL,
                    by TEXT,
                    refused TEXT,
                    late INTEGER NOT NULL,
                    PRIMARY KEY (run_id, seq)
                )""",
            ),
        ),
    ),
)


def _triggers(triggers: tuple[object, ...]) -> str:
    return ",".join(str(getattr(t, "value", t)) for t in triggers)


def save_drill(journal: Journal, result: DrillResult, recorded_at: datetime) -> int:
    """Store one drill and every answer in one transaction; return the run id."""
    journal.ensure_part(DRILL_PART)
    with journal.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO drill_runs (script_id, script_file, title, playbook, trainee, script_start, recorded_at, "
            "score, overall, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (result.script_id, result.file, result.title.zh, result.playbook, result.trainee,
             result.start.isoformat(), recorded_at.isoformat(), result.score, result.overall.value,
             result.model_dump_json()),
        )  # fmt: skip
        run_id = cursor.lastrowid
        assert run_id is not None  # an INSERT into a rowid table always has one
        for m in result.marks:
            d = m.declared
            conn.execute(
                "INSERT INTO drill_answers (run_id, inject, at, declared_level, declared_triggers, declared_dispatch, "
                "opened_playbook, seconds, required_level, required_triggers, required_dispatch, grade, issues) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, m.number, m.at.isoformat(),
                 None if d is None else d.level.value, None if d is None else _triggers(d.triggers),
                 None if d is None or d.dispatch is None else d.dispatch.model_dump_json(),
                 None if d is None else int(d.opened_playbook), m.seconds,
                 m.required.level.value, _triggers(m.required.triggers), scale_text(m.required.dispatch),
                 m.grade.value, json.dumps([i.code.value for i in m.issues])),
            )  # fmt: skip
            _save_procedure(conn, run_id, m)
    return run_id


def _save_procedure(conn: sqlite3.Connection, run_id: int, m: Mark) -> None:
    rating = m.procedure
    if rating is None:
        return
    conn.execute(
        "UPDATE drill_answers SET procedure_grade = ?, procedure_due = ?, procedure_missed = ?, procedure_issues = ? "
        "WHERE run_id = ? AND inject = ?",
        (None if rating.grade is None else rating.grade.value, json.dumps(rating.due), json.dumps(rating.missed),
         json.dumps([i.code.value for i in rating.issues]), run_id, m.number),
    )  # fmt: skip
    (count,) = conn.execute("SELECT COUNT(*) FROM drill_ticks WHERE run_id = ?", (run_id,)).fetchone()
    for seq, v in enumerate(rating.ticks, start=count + 1):
        conn.execute(
            "INSERT INTO drill_ticks (run_id, seq, inject, step, at, by, refused, late) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, seq, m.number, v.step, v.at.isoformat(), v.by, None if v.refused is None else v.refused.value,
             int(v.late)),
        )  # fmt: skip


def load_drill(journal: Journal, run_id: int) -> DrillResult | None:
    """A stored drill, as it was marked; None when there is no such run."""
    journal.ensure_part(DRILL_PART)
    rows = journal.read("SELECT result FROM drill_runs WHERE id = ?", (run_id,))
    return DrillResult.model_validate_json(rows[0][0]) if rows else None
