"""Trainees, attempts, answers and Leitner boxes in the journal's SQLite file (schema part ``quiz``).

Each answer is written with its topic's new box in one committed transaction before the session
reports it, so a crash loses at most the answer being given. The question itself is stored with
the answer (JSON), so a mistake can be asked again exactly as it was, whatever the generators
become.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from firedrill.datadir import default_db_path, ensure_data_dir
from firedrill.journal import Journal, Migration, SchemaPart
from firedrill.quiz.leitner import BoxState
from firedrill.quiz.model import Question, Response, response_from_json, response_to_json
from firedrill.quiz.schedule import CardState
from firedrill.timeutil import to_local

QUIZ_PART = SchemaPart(
    "quiz",
    (
        Migration(
            1,
            "trainees, attempts, answers and Leitner boxes",
            (
                """CREATE TABLE quiz_trainees (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                    created_at TEXT NOT NULL
                )""",
                """CREATE TABLE quiz_attempts (
                    id INTEGER PRIMARY KEY,
                    trainee_id INTEGER NOT NULL REFERENCES quiz_trainees(id),
                    mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam', 'review')),
                    seed INTEGER NOT NULL,
                    planned INTEGER NOT NULL CHECK (planned > 0),
                    lang TEXT NOT NULL,
                    time_limit_s REAL,
                    pass_mark REAL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    correct INTEGER,
                    score REAL,
                    passed INTEGER,
                    expired INTEGER
                )""",
                """CREATE TABLE quiz_answers (
                    id INTEGER PRIMARY KEY,
                    attempt_id INTEGER NOT NULL REFERENCES quiz_attempts(id),
                    position INTEGER NOT NULL,
                    question_id TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    form TEXT NOT NULL,
                    question TEXT NOT NULL,
                    response TEXT NOT NULL,
                    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
                    answered_at TEXT NOT NULL,
                    UNIQUE (attempt_id, position)
                )""",
                "CREATE INDEX quiz_answers_by_question ON quiz_answers(question_id, id)",
                """CREATE TABLE quiz_boxes (
                    trainee_id INTEGER NOT NULL REFERENCES quiz_trainees(id),
                    topic TEXT NOT NULL,
                    box INTEGER NOT NULL CHECK (box >= 1),
                    due_at TEXT NOT NULL,
                    last_seen_at TEXT NOT NULL,
                    PRIMARY KEY (trainee_id, topic)
                )""",
            ),
        ),
        Migration(
            2,
            "exams that resume: the paper, the time used, pauses; partial credit per answer",
            (
                "ALTER TABLE quiz_attempts ADD COLUMN topics TEXT NOT NULL DEFAULT '[]'",
                "ALTER TABLE quiz_attempts ADD COLUMN used_s REAL NOT NULL DEFAULT 0",
                "ALTER TABLE quiz_attempts ADD COLUMN paused_at TEXT",
                "ALTER TABLE quiz_answers ADD COLUMN used_s REAL",
                "ALTER TABLE quiz_answers ADD COLUMN credit REAL",
                """CREATE TABLE quiz_papers (
                    attempt_id INTEGER NOT NULL REFERENCES quiz_attempts(id),
                    position INTEGER NOT NULL,
                    question TEXT NOT NULL,
                    PRIMARY KEY (attempt_id, position)
                )""",
            ),
        ),
        Migration(
            3,
            "FSRS cards per trainee and question (practice scheduling); Leitner boxes stay as they are",
            (
                """CREATE TABLE quiz_cards (
                    trainee_id INTEGER NOT NULL REFERENCES quiz_trainees(id),
                    question_id TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    question TEXT NOT NULL,
                    card TEXT NOT NULL,
                    due_at TEXT NOT NULL,
                    PRIMARY KEY (trainee_id, question_id)
                )""",
                "CREATE INDEX quiz_cards_due ON quiz_cards(trainee_id, due_at)",
            ),
        ),
    ),
)


@dataclass(frozen=True)
class AttemptPlan:
    trainee_id: int
    mode: str
    seed: int
    planned: int
    lang: str
    started_at: datetime
    time_limit_s: float | None = None
    pass_mark: float | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unfinished:
    """An exam stopped before it was handed in (paused, killed or cut off): enough to go on where it stopped."""

    attempt_id: int
    plan: AttemptPlan
    questions: tuple[Question, ...]
    answers: tuple[tuple[Question, Response, float], ...]  # (question, response, credit) in order
    used_s: float  # exam time used up to the last answer or pause


class QuizStore:
    """The quiz tables of one journal file. ``QuizStore.open(data_dir)`` or ``QuizStore(journal)``."""

    def __init__(self, journal: Journal) -> None:
        journal.ensure_part(QUIZ_PART)
        self.journal = journal

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> QuizStore:
        return cls(Journal.open(default_db_path(ensure_data_dir(data_dir)), parts=[QUIZ_PART]))

    def close(self) -> None:
        self.journal.close()

    def __enter__(self) -> QuizStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.journal.path

    # --- trainees and attempts -------------------------------------------------------------

    def find_trainee(self, name: str) -> int | None:
        rows = self.journal.read("SELECT id FROM quiz_trainees WHERE name = ?", (name,))
        return int(rows[0][0]) if rows else None

    def trainee(self, name: str, now: datetime) -> int:
        """The id of trainee ``name`` (already validated), created on first use."""
        with self.journal.transaction() as conn:
            conn.execute(
                "INSERT INTO quiz_trainees (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                (name, to_local(now).isoformat()),
            )
            return int(conn.execute("SELECT id FROM quiz_trainees WHERE name = ?", (name,)).fetchone()[0])

    def trainees(self) -> list[str]:
        return [str(r[0]) for r in self.journal.read("SELECT name FROM quiz_trainees ORDER BY name")]

    def start_attempt(self, plan: AttemptPlan, paper: Sequence[Question] = ()) -> int:
        """A new attempt, with its paper (an exam's questions) in the same transaction."""
        with self.journal.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO quiz_attempts (trainee_id, mode, seed, planned, lang, time_limit_s, pass_mark, started_at,"
                " topics) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    plan.trainee_id,
                    plan.mode,
                    plan.seed,
                    plan.planned,
                    plan.lang,
                    plan.time_limit_s,
                    plan.pass_mark,
                    to_local(plan.started_at).isoformat(),
                    json.dumps(list(plan.topics)),
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO quiz_papers (attempt_id, position, question) VALUES (?, ?, ?)",
                [(attempt_id, i, q.model_dump_json()) for i, q in enumerate(paper, 1)],
            )
            return attempt_id

    def pause_attempt(self, attempt_id: int, at: datetime, used_s: float) -> None:
        """Leave an attempt open to go on later; one with no answer is removed (nothing was done)."""
        with self.journal.transaction() as conn:
            answered = conn.execute("SELECT count(*) FROM quiz_answers WHERE attempt_id = ?", (attempt_id,)).fetchone()
            if not answered[0]:
                conn.execute("DELETE FROM quiz_papers WHERE attempt_id = ?", (attempt_id,))
                conn.execute("DELETE FROM quiz_attempts WHERE id = ? AND finished_at IS NULL", (attempt_id,))
                return
            conn.execute(
                "UPDATE quiz_attempts SET paused_at = ?, used_s = ? WHERE id = ? AND finished_at IS NULL",
                (to_local(at).isoformat(), used_s, attempt_id),
            )

    def unfinished_exam(self, trainee_id: int) -> Unfinished | None:
        """The trainee's latest exam not handed in, with its paper and the answers given, or None."""
        rows = self.journal.read(
            "SELECT id, seed, planned, lang, time_limit_s, pass_mark, started_at, topics, used_s FROM quiz_attempts "
            "WHERE trainee_id = ? AND mode = 'exam' AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
            (trainee_id,),
        )
        if not rows:
            return None
        attempt_id, seed, planned, lang, limit, mark, started, topics, used = rows[0]
        paper = self.journal.read(
            "SELECT question FROM quiz_papers WHERE attempt_id = ? ORDER BY position", (attempt_id,)
        )
        if len(paper) != planned:
            return None  # an exam recorded before papers were kept cannot be asked again as it was
        given = self.journal.read(
            "SELECT question, response, correct, credit, used_s FROM quiz_answers WHERE attempt_id = ? "
            "ORDER BY position",
            (attempt_id,),
        )
        answers = tuple(
            (Question.model_validate_json(q), response_from_json(json.loads(r)), float(c if cr is None else cr))
            for q, r, c, cr, _ in given
        )
        last_used = max([float(used or 0), *(float(u) for *_, u in given if u is not None)])
        plan = AttemptPlan(
            trainee_id,
            "exam",
            int(seed),
            int(planned),
            str(lang),
            datetime.fromisoformat(started),
            limit,
            mark,
            tuple(json.loads(topics)),
        )
        questions = tuple(Question.model_validate_json(r[0]) for r in paper)
        return Unfinished(int(attempt_id), plan, questions, answers, last_used)

    def finish_attempt(
        self, attempt_id: int, at: datetime, correct: int, score: float, passed: bool | None, expired: bool
    ) -> None:
        with self.journal.transaction() as conn:
            conn.execute(
                "UPDATE quiz_attempts SET finished_at = ?, correct = ?, score = ?, passed = ?, expired = ? "
                "WHERE id = ? AND finished_at IS NULL",
                (
                    to_local(at).isoformat(),
                    correct,
                    score,
                    None if passed is None else int(passed),
                    int(expired),
                    attempt_id,
                ),
            )

    # --- answers and boxes ------------------------------------------------------------------

    def record_answer(
        self,
        attempt_id: int,
        trainee_id: int,
        position: int,
        question: Question,
        response: Response,
        correct: bool,
        at: datetime,
        box: BoxState | None,
        credit: float | None = None,
        used_s: float | None = None,
        card: CardState | None = None,
    ) -> None:
        """The answer and the topic's new box (if any), committed together; returns once both are on disk."""
        when = to_local(at).isoformat()
        with self.journal.transaction() as conn:
            conn.execute(
                "INSERT INTO quiz_answers (attempt_id, position, question_id, topic, form, question, response,"
                " correct, answered_at, credit, used_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt_id,
                    position,
                    question.id,
                    question.topic,
                    question.form,
                    question.model_dump_json(),
                    json.dumps(response_to_json(response)),
                    int(correct),
                    when,
                    float(correct) if credit is None else credit,
                    used_s,
                ),
            )
            if card is not None:
                conn.execute(
                    "INSERT INTO quiz_cards (trainee_id, question_id, topic, question, card, due_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (trainee_id, question_id) DO UPDATE SET"
                    " card = excluded.card, due_at = excluded.due_at, question = excluded.question",
                    (
                        trainee_id,
                        question.id,
                        question.topic,
                        question.model_dump_json(),
                        card.card,
                        to_local(card.due_at).isoformat(),
                    ),
                )
            if box is None:
                return
            conn.execute(
                "INSERT INTO quiz_boxes (trainee_id, topic, box, due_at, last_seen_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (trainee_id, topic) DO UPDATE SET box = excluded.box, due_at = excluded.due_at, "
                "last_seen_at = excluded.last_seen_at",
                (trainee_id, box.topic, box.box, _iso(box.due_at, when), _iso(box.last_seen_at, when)),
            )

    def boxes(self, trainee_id: int) -> dict[str, BoxState]:
        rows = self.journal.read(
            "SELECT topic, box, due_at, last_seen_at FROM quiz_boxes WHERE trainee_id = ?", (trainee_id,)
        )
        return {
            str(t): BoxState(str(t), int(b), datetime.fromisoformat(d), datetime.fromisoformat(s))
            for t, b, d, s in rows
        }

    def cards(self, trainee_id: int) -> dict[str, tuple[CardState, Question]]:
        """The trainee's FSRS cards by question id, with the question as it was last asked."""
        rows = self.journal.read(
            "SELECT question_id, card, due_at, question FROM quiz_cards WHERE trainee_id = ?", (trainee_id,)
        )
        return {
            str(i): (CardState(str(i), str(c), datetime.fromisoformat(d)), Question.model_validate_json(q))
            for i, c, d, q in rows
        }

    def open_mistakes(self, trainee_id: int) -> list[Question]:
        """Questions the trainee got wrong and has not answered right since, oldest mistake first."""
        rows = self.journal.read(
            """SELECT a.question, max(a.id) AS last FROM quiz_answers a JOIN quiz_attempts t ON a.attempt_id = t.id
               WHERE t.trainee_id = ? AND a.correct = 0 AND NOT EXISTS (
                   SELECT 1 FROM quiz_answers b JOIN quiz_attempts u ON b.attempt_id = u.id
                   WHERE u.trainee_id = t.trainee_id AND b.question_id = a.question_id AND b.correct = 1
                   AND b.id > a.id)
               GROUP BY a.question_id ORDER BY last""",
            (trainee_id,),
        )
        return [Question.model_validate_json(r[0]) for r in rows]

    def answers(self, attempt_id: int) -> list[dict[str, Any]]:
        rows = self.journal.read(
            "SELECT position, question_id, topic, correct, response FROM quiz_answers WHERE attempt_id = ? "
            "ORDER BY position",
            (attempt_id,),
        )
        return [
            {"position": p, "question_id": q, "topic": t, "correct": bool(c), "response": json.loads(r)}
            for p, q, t, c, r in rows
        ]


def _iso(value: datetime | None, default: str) -> str:
    return to_local(value).isoformat() if value is not None else default
