"""Per-question scheduling with FSRS: an early answer does not promote, a lapse brings the question back,
exams leave scheduling alone, due questions come back first, the 错题本 reshuffles its options."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from firedrill.quiz.bank import paper
from firedrill.quiz.inputs import parse_answer
from firedrill.quiz.model import Kind
from firedrill.quiz.schedule import after_answer
from firedrill.quiz.session import Mode, Options, Session
from firedrill.quiz.store import QuizStore
from tests.quiz.conftest import Clock, right_answer, wrong_answer


def test_an_early_right_answer_does_not_promote(clock: Clock) -> None:
    first = after_answer(None, "ab12cd34ef56", 1.0, clock.now)
    assert first is not None and first.due_at > clock.now
    clock.advance(seconds=1)
    assert after_answer(first, "ab12cd34ef56", 1.0, clock.now) is None  # before it is due: nothing changes
    clock.now = first.due_at
    later = after_answer(first, "ab12cd34ef56", 1.0, clock.now)
    assert later is not None and later.due_at > first.due_at  # answered when due: promoted


def test_a_lapse_brings_the_question_back_soon(clock: Clock) -> None:
    state = after_answer(None, "0123456789ab", 1.0, clock.now)
    assert state is not None
    for _ in range(4):  # answered right every time it comes due: the interval grows to days
        clock.now = state.due_at
        nxt = after_answer(state, "0123456789ab", 1.0, clock.now)
        assert nxt is not None
        state = nxt
    assert state.due_at - clock.now >= timedelta(days=1)
    early_wrong = after_answer(state, "0123456789ab", 0.0, clock.now + timedelta(minutes=5))
    assert early_wrong is not None and early_wrong.due_at - clock.now < timedelta(hours=1)  # a lapse all the same
    assert json.loads(early_wrong.card)["state"] == 3  # fsrs Relearning


def test_exams_leave_practice_scheduling_alone(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        exam = Session.start(Options(trainee="甲", mode=Mode.EXAM, n=4, seed=5), store, clock)
        while (q := exam.current()) is not None:
            exam.submit(parse_answer(wrong_answer(q), q))
        exam.finish()
        trainee = store.find_trainee("甲")
        assert trainee is not None
        assert store.cards(trainee) == {} and store.boxes(trainee) == {}


def test_a_question_due_again_comes_first_in_practice(tmp_path: Path, clock: Clock) -> None:
    with QuizStore.open(tmp_path) as store:
        first = Session.start(Options(trainee="乙", mode=Mode.PRACTICE, n=1, seed=3), store, clock)
        missed = first.current()
        assert missed is not None
        first.submit(parse_answer(wrong_answer(missed), missed))
        first.finish()
        clock.advance(hours=1)  # past the relearning step
        second = Session.start(Options(trainee="乙", mode=Mode.PRACTICE, n=1, seed=4), store, clock)
        again = second.current()
        assert again is not None and again.id == missed.id


def test_the_mistake_book_asks_again_with_options_reshuffled(tmp_path: Path, clock: Clock) -> None:
    choice = [q for q in paper(8, 40) if q.kind in (Kind.SINGLE, Kind.MULTIPLE) and len(q.options) >= 4][:5]
    with QuizStore.open(tmp_path) as store:
        exam = Session.from_questions(Options(trainee="丙", mode=Mode.EXAM, n=5, seed=8), choice, store, clock)
        for q in choice:
            exam.submit(parse_answer(wrong_answer(q), q))
        exam.finish()
        review = Session.start(Options(trainee="丙", mode=Mode.REVIEW, n=10, seed=1), store, clock)
        asked = review.remaining() or []
        assert [q.id for q in asked] == [q.id for q in choice]  # the same questions, oldest mistake first
        moved = [
            a
            for a, q in zip(asked, choice, strict=True)
            if [o.value for o in a.options] != [o.value for o in q.options]
        ]
        assert len(moved) == len(choice)
        for a in asked:
            review.submit(parse_answer(right_answer(a), a))
        review.finish()
        assert Session.start(Options(trainee="丙", mode=Mode.REVIEW, n=10, seed=1), store, clock).total == 0
