"""Practice, exam and review sessions: the questions in turn, marking, Leitner boxes, the result.

A session is the same for every interface (terminal, console screen, scripts). ``submit`` marks a
response and, when the session has a store, writes the answer and the topic's new box before it
returns: what a session has acknowledged is on disk. Without a store (a demo, a test) nothing is
written and boxes live in memory.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from firedrill.quiz.bank import exam_paper, question_for
from firedrill.quiz.blueprint import Blueprint
from firedrill.quiz.gen.common import Context, default_context
from firedrill.quiz.leitner import BoxState, after_answer, next_topic
from firedrill.quiz.model import Question, Response, reshuffle
from firedrill.quiz.schedule import CardState
from firedrill.quiz.schedule import after_answer as schedule_after
from firedrill.quiz.store import AttemptPlan, QuizStore, Unfinished
from firedrill.timeutil import now_local


class Mode(StrEnum):
    PRACTICE = "practice"
    EXAM = "exam"
    REVIEW = "review"


class TimeUpError(Exception):
    """An answer given after the exam's time limit: not recorded."""


@dataclass(frozen=True)
class Feedback:
    question: Question
    response: Response
    correct: bool
    position: int  # 1-based
    total: int
    score: int  # right answers so far
    credit: float = 0.0  # marks for this answer, 0 to 1 (a 多选 answered in part scores its share)
    reveal: bool = True  # False in an exam: right or wrong, and the key, are shown only once it is handed in


@dataclass(frozen=True)
class Result:
    mode: Mode
    trainee: str
    total: int
    answered: int
    correct: int
    pass_mark: float | None
    expired: bool
    mistakes: tuple[tuple[Question, Response | None], ...] = field(default=())
    points: float | None = None  # marks with partial credit; None: the number of right answers

    @property
    def percent(self) -> float:
        """Marks over the planned total: an unanswered question counts as wrong, a part-right 多选 as its share."""
        marks = self.correct if self.points is None else self.points
        return 100.0 * marks / self.total if self.total else 0.0

    @property
    def passed(self) -> bool | None:
        return None if self.pass_mark is None else self.percent >= self.pass_mark


@dataclass(frozen=True)
class Options:
    trainee: str
    mode: Mode
    n: int
    seed: int
    lang: str = "zh"
    time_limit: timedelta | None = None
    pass_mark: float | None = None
    topics: tuple[str, ...] = ()
    blueprint: Blueprint | None = None  # an exam's paper; None: the shipped default


class Session:
    """One run of questions for one trainee. Build it with ``Session.start``."""

    def __init__(
        self,
        options: Options,
        questions: list[Question] | None,
        store: QuizStore | None,
        clock: Callable[[], datetime],
        ctx: Context,
        resumed: Unfinished | None = None,
    ) -> None:
        self.options = options
        self._fixed = questions  # exam and review; None: practice picks as it goes
        self._store = store
        self._clock = clock
        self._ctx = ctx
        self.started_at = clock()
        self._resumed_at = self.started_at  # the clock of this sitting; time used before it is _used_before
        self._used_before = 0.0
        self.total = len(questions) if questions is not None else options.n
        self._trainee_id = store.trainee(options.trainee, self.started_at) if store else 0
        self._boxes: dict[str, BoxState] = store.boxes(self._trainee_id) if store else {}
        self._cards: dict[str, tuple[CardState, Question]] = store.cards(self._trainee_id) if store else {}
        self._answers: list[tuple[Question, Response, float]] = []  # (question, response, credit)
        self._current: Question | None = None
        self._expired = False
        self._paused = False
        self._result: Result | None = None
        self.attempt_id = 0
        self.resumed = resumed is not None
        if resumed is not None:
            self.started_at = resumed.plan.started_at
            self._used_before = resumed.used_s
            self._answers = list(resumed.answers)
            self.attempt_id = resumed.attempt_id
        elif store is not None and self.total:
            paper = questions if options.mode is Mode.EXAM and questions else ()
            self.attempt_id = store.start_attempt(self._plan(), paper)

    @classmethod
    def start(
        cls,
        options: Options,
        store: QuizStore | None = None,
        clock: Callable[[], datetime] = now_local,
        ctx: Context | None = None,
    ) -> Session:
        ctx = ctx or default_context()
        questions: list[Question] | None = None
        if options.mode is Mode.EXAM and store is not None:
            trainee_id = store.find_trainee(options.trainee)
            unfinished = store.unfinished_exam(trainee_id) if trainee_id is not None else None
            if unfinished is not None:
                return cls._resume(options, unfinished, store, clock, ctx)
        if options.mode is Mode.EXAM and options.pass_mark is None:
            options = replace(options, pass_mark=ctx.settings.exam.pass_mark)
        if options.mode is Mode.EXAM:
            questions = list(exam_paper(options.seed, options.n, options.topics, ctx, options.blueprint))
        elif options.mode is Mode.REVIEW:
            questions = []
            if store is not None:
                trainee_id = store.find_trainee(options.trainee)
                mistakes = store.open_mistakes(trainee_id)[: options.n] if trainee_id is not None else []
                # asked again with the options in a new order: the place of the right one is not the lesson
                questions = [reshuffle(q, random.Random(f"{options.seed}:{q.id}")) for q in mistakes]
        return cls(options, questions, store, clock, ctx)

    @classmethod
    def _resume(
        cls, asked: Options, state: Unfinished, store: QuizStore, clock: Callable[[], datetime], ctx: Context
    ) -> Session:
        """The trainee's exam that was stopped, where it stopped, with the time it had left."""
        plan = state.plan
        limit = None if plan.time_limit_s is None else timedelta(seconds=plan.time_limit_s)
        options = Options(
            asked.trainee, Mode.EXAM, plan.planned, plan.seed, plan.lang, limit, plan.pass_mark, plan.topics
        )
        return cls(options, list(state.questions), store, clock, ctx, state)

    @classmethod
    def from_questions(
        cls,
        options: Options,
        questions: list[Question],
        store: QuizStore | None = None,
        clock: Callable[[], datetime] = now_local,
        ctx: Context | None = None,
    ) -> Session:
        """A session over questions chosen elsewhere (a printed paper, a teacher's selection, a test)."""
        return cls(options, list(questions), store, clock, ctx or default_context())

    def _plan(self) -> AttemptPlan:
        o = self.options
        limit = o.time_limit.total_seconds() if o.time_limit is not None else None
        return AttemptPlan(
            self._trainee_id, o.mode.value, o.seed, self.total, o.lang, self.started_at, limit, o.pass_mark, o.topics
        )

    # --- progress -------------------------------------------------------------------------

    @property
    def answered(self) -> int:
        return len(self._answers)

    @property
    def score(self) -> int:
        """Questions answered fully right."""
        return sum(1 for _, _, credit in self._answers if credit >= 1)

    @property
    def points(self) -> float:
        """Marks so far, with partial credit."""
        return sum(credit for _, _, credit in self._answers)

    def used(self) -> timedelta:
        """Time spent on this attempt: earlier sittings (up to their last answer or pause) and this one."""
        return timedelta(seconds=self._used_before) + (self._clock() - self._resumed_at)

    def time_left(self) -> timedelta | None:
        if self.options.time_limit is None:
            return None
        return max(timedelta(0), self.options.time_limit - self.used())

    def expired(self) -> bool:
        left = self.time_left()
        if left is not None and left <= timedelta(0):
            self._expired = True
        return self._expired

    @property
    def finished(self) -> bool:
        return self._result is not None or self._paused or self.answered >= self.total or self.expired()

    def remaining(self) -> list[Question] | None:
        """The questions still to answer of a fixed paper (exam, review); None for practice, which picks as it goes."""
        return None if self._fixed is None else self._fixed[self.answered :]

    def boxes(self) -> dict[str, BoxState]:
        return dict(self._boxes)

    # --- asking and answering -------------------------------------------------------------

    def current(self) -> Question | None:
        """The question to answer now, or None when the session is over."""
        if self.finished:
            return None
        if self._current is None:
            self._current = self._pick()
        return self._current

    def _pick(self) -> Question:
        position = self.answered
        if self._fixed is not None:
            return self._fixed[position]
        topics = self.options.topics or self._ctx.settings.topics
        now = self._clock()
        seen = {q.stem for q, _, _ in self._answers}
        due = sorted(
            (state.due_at, qid)
            for qid, (state, q) in self._cards.items()
            if state.is_due(now) and q.topic in topics and q.stem not in seen
        )
        if due:  # a question met before and due again comes first, its options in a new order
            question = self._cards[due[0][1]][1]
            return reshuffle(question, random.Random(f"{self.options.seed}:{position}:{question.id}"))
        topic = next_topic(self._boxes, topics, now)
        return question_for(self.options.seed, position, topic, seen, self._ctx)

    def submit(self, response: Response) -> Feedback:
        """Mark ``response`` to the current question, record it, and move on."""
        question = self.current()
        if question is None:
            if self.expired():
                raise TimeUpError("the time limit has passed")
            raise RuntimeError("the session is over")
        now = self._clock()
        credit = question.credit(response)
        correct = credit >= 1
        exam = self.options.mode is Mode.EXAM
        # An exam measures; it does not train: practice scheduling is left as it was.
        known = self._cards.get(question.id)
        card = None if exam else schedule_after(known[0] if known else None, question.id, credit, now)
        box = (
            None
            if exam
            else after_answer(
                self._boxes.get(question.topic, BoxState(question.topic)), correct, now, self._ctx.settings.leitner
            )
        )
        if self._store is not None:
            used = self.used().total_seconds()
            self._store.record_answer(
                self.attempt_id,
                self._trainee_id,
                self.answered + 1,
                question,
                response,
                correct,
                now,
                box,
                credit,
                used,
                card,
            )
        if card is not None:
            self._cards[question.id] = (card, question)
        if box is not None:
            self._boxes[question.topic] = box
        self._answers.append((question, response, credit))
        self._current = None
        return Feedback(question, response, correct, self.answered, self.total, self.score, credit, not exam)

    def pause(self) -> None:
        """Stop without handing in: what was answered is kept and the attempt stays open (an exam resumes)."""
        if self._result is not None or self._paused:
            return
        self._paused = True
        if self._store is not None and self.attempt_id:
            self._store.pause_attempt(self.attempt_id, self._clock(), self.used().total_seconds())

    @property
    def paused(self) -> bool:
        return self._paused

    def finish(self) -> Result:
        """Hand in: the result (computed once); unanswered questions count as wrong."""
        if self._result is not None:
            return self._result
        if self._paused:
            raise RuntimeError("a paused session is resumed, not handed in")
        expired = self.expired()
        mistakes: list[tuple[Question, Response | None]] = [(q, r) for q, r, credit in self._answers if credit < 1]
        if self._fixed is not None:
            mistakes += [(q, None) for q in self._fixed[self.answered :]]
        pass_mark = self.options.pass_mark if self.options.mode is Mode.EXAM else None
        result = Result(
            self.options.mode,
            self.options.trainee,
            self.total,
            self.answered,
            self.score,
            pass_mark,
            expired,
            tuple(mistakes),
            self.points,
        )
        if self._store is not None and self.attempt_id:
            self._store.finish_attempt(
                self.attempt_id, self._clock(), result.correct, result.percent, result.passed, expired
            )
        self._result = result
        return result
