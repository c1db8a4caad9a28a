"""Quiz test fixtures: the generation context, a large verified bank shared by the generation tests, a clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from firedrill.quiz.bank import paper
from firedrill.quiz.gen.common import Context, default_context
from firedrill.quiz.model import Kind, Question
from firedrill.timeutil import LOCAL_TZ

BANK_SEEDS = range(2021, 2025)
PAPER_SIZE = 500  # the most one paper holds (exam.max_n)


@pytest.fixture(scope="session")
def ctx() -> Context:
    return default_context()


@pytest.fixture(scope="session")
def bank(ctx: Context) -> tuple[Question, ...]:
    """2,000 questions across every topic: four full papers (each question already verified once by ``paper``)."""
    return tuple(q for seed in BANK_SEEDS for q in paper(seed, PAPER_SIZE, ctx=ctx))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 4, 9, 0, tzinfo=LOCAL_TZ))


AnswerFor = Callable[[Question], str]


def right_answer(question: Question) -> str:
    """What a trainee who knows the plan types (from the question's verified key)."""
    if question.numeric is not None:
        return f"{question.numeric.minimum:g}"
    return " ".join(str(i + 1) for i in question.key)


def wrong_answer(question: Question) -> str:
    if question.numeric is not None:
        return f"{question.numeric.minimum - 1:g}"
    if question.kind is Kind.ORDERING:
        return " ".join(str(i + 1) for i in reversed(question.key))
    outside = [i for i in range(len(question.options)) if i not in question.key]
    return str((outside or question.key[:1])[0] + 1)  # a wrong option, or too few of the right ones
