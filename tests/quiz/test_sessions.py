"""Exam, practice and review sessions against a real journal file: records, time limit, pass mark, mistakes, stats."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from firedrill.quiz.export import BOM, CSV_COLUMNS, stats_csv
from firedrill.quiz.inputs import parse_answer
from firedrill.quiz.session import Mode, Options, Session, TimeUpError
from firedrill.quiz.settings import load_settings
from firedrill.quiz.stats import class_stats, exams, trainee_stats
from firedrill.quiz.store import QuizStore
from tests.quiz.conftest import Clock, right_answer, wrong_answer

TOPICS = load_settings().topics


def _answer(session: Session, right: bool) -> None:
    question = session.current()
    assert question is not None
    session.submit(parse_answer(right_answer(question) if right else wrong_answer(question), question))


def _exam(store: QuizStore, clock: Clock, trainee: str, pattern: str, **extra: object) -> Session:
    session = Session.start(Options(trainee=trainee, mode=Mode.EXAM, n=len(pattern), seed=42, **extra), store, clock)
    for mark in pattern:
        _answer(session, mark == "1")
        clock.advance(seconds=30)
    return session


def test_an_exam_records_every_answer_and_scores_against_the_pass_mark(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        session = _exam(store, clock, "李明", "1101111101", pass_mark=80.0)
        result = session.finish()
        assert (result.correct, result.total, result.percent, result.passed) == (8, 10, 80.0, True)
        assert len(result.mistakes) == 2
        assert [a["correct"] for a in store.answers(session.attempt_id)] == [c == "1" for c in "1101111101"]
    with sqlite3.connect(tmp_path / "firedrill.sqlite3") as conn:
        row = conn.execute("SELECT planned, correct, score, passed FROM quiz_attempts").fetchone()
    assert row == (10, 8, 80.0, 1)


def test_an_exam_below_the_default_pass_mark_fails(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        result = _exam(store, clock, "王芳", "1100").finish()
    assert result.pass_mark == load_settings().exam.pass_mark and result.passed is False


def test_time_limit_ends_the_exam_and_counts_the_rest_wrong(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        options = Options(trainee="t", mode=Mode.EXAM, n=5, seed=3, time_limit=timedelta(minutes=2))
        session = Session.start(options, store, clock)
        _answer(session, True)
        clock.advance(minutes=1)
        assert session.time_left() == timedelta(minutes=1)
        _answer(session, True)
        clock.advance(minutes=1, seconds=1)
        assert session.current() is None and session.finished
        with pytest.raises(TimeUpError):
            session.submit((0,))
        result = session.finish()
        assert (result.answered, result.correct, result.total, result.expired) == (2, 2, 5, True)
        assert [r for _, r in result.mistakes] == [None, None, None]
        assert len(store.answers(session.attempt_id)) == 2


def test_review_asks_open_mistakes_until_answered_right(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        exam = _exam(store, clock, "赵", "0101")
        exam.finish()
        wrong_ids = [q.id for q, _ in exam.finish().mistakes]
        review = Session.start(Options(trainee="赵", mode=Mode.REVIEW, n=10, seed=0), store, clock)
        assert review.total == 2
        asked = []
        while (question := review.current()) is not None:
            asked.append(question.id)
            _answer(review, question.id == wrong_ids[0])  # first mistake fixed, second missed again
        assert asked == wrong_ids
        again = Session.start(Options(trainee="赵", mode=Mode.REVIEW, n=10, seed=0), store, clock)
        assert [again.current().id] == wrong_ids[1:]
        nobody = Session.start(Options(trainee="新人", mode=Mode.REVIEW, n=10, seed=0), store, clock)
        assert nobody.current() is None and nobody.finish().total == 0


def test_boxes_persist_between_sessions(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        first = Session.start(Options(trainee="p", mode=Mode.PRACTICE, n=3, seed=1), store, clock)
        for _ in range(3):
            _answer(first, True)
        boxes = first.boxes()
    with QuizStore.open(tmp_path) as store:
        second = Session.start(Options(trainee="p", mode=Mode.PRACTICE, n=1, seed=2), store, clock)
        assert second.boxes() == boxes and all(b.box == 2 for b in boxes.values())


def test_stats_per_trainee_and_class_and_csv(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        _exam(store, clock, "甲", "1111").finish()
        _exam(store, clock, "乙", "0000").finish()
        mine = trainee_stats(store, TOPICS, "甲")
        group = class_stats(store, TOPICS)
        history = exams(store)
    assert sum(s.answered for s in mine) == 4 and sum(s.correct for s in mine) == 4
    assert {s.trainee for s in mine} == {"甲"}
    assert sum(s.answered for s in group) == 8 and sum(s.correct for s in group) == 4
    assert all(s.trainees == 2 for s in group)  # both sat the same paper (seed 42)
    assert [(e.trainee, e.passed) for e in history] == [("甲", True), ("乙", False)]
    text = stats_csv(mine + group)
    assert text.startswith(BOM)  # for a spreadsheet on Chinese Windows
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {r["scope"] for r in rows} == {"trainee", "class"}
    assert sum(int(r["answered"]) for r in rows if r["scope"] == "class") == 8
