"""QuizScreen driven by the keyboard with Pilot, inside a tiny host App."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from textual.app import App
from textual.widgets import Static

from firedrill.quiz.bank import paper
from firedrill.quiz.model import Kind, Question
from firedrill.quiz.session import Mode, Options, Result, Session
from firedrill.quiz.store import QuizStore
from firedrill.tui.quiz import QuizScreen
from tests.quiz.conftest import Clock, right_answer, wrong_answer

N = 8


class Host(App[None]):
    """Any app can push the screen; this one just keeps the result it is dismissed with."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.result: Result | None = None

    def on_mount(self) -> None:
        self.push_screen(QuizScreen(self.session, lang="en"), callback=self._done)

    def _done(self, result: Result | None) -> None:
        self.result = result


def _seed_with_every_kind() -> int:
    """The first seed whose paper of N questions has every kind of question (deterministic)."""
    return next(s for s in range(100) if {q.kind for q in paper(s, N)} == set(Kind))


def _keys(question: Question, right: bool) -> list[str]:
    text = right_answer(question) if right else wrong_answer(question)
    if question.kind is Kind.SINGLE:
        return [text]
    keys = [ch for ch in text if ch != " "]
    return [*(("full_stop" if k == "." else "minus" if k == "-" else k) for k in keys), "enter"]


def _text(app: App[None], widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).render())


def test_an_exam_by_number_keys(tmp_path: Path, clock: Clock) -> None:
    asyncio.run(_exam_by_number_keys(tmp_path, clock))


async def _exam_by_number_keys(tmp_path: Path, clock: Clock) -> None:
    seed = _seed_with_every_kind()
    with QuizStore.open(tmp_path) as store:
        options = Options(trainee="pilot", mode=Mode.EXAM, n=N, seed=seed, lang="en")
        session = Session.from_questions(options, list(paper(seed, N)), store, clock)  # every kind of question
        app = Host(session)
        async with app.run_test(size=(120, 40)) as pilot:
            for position in range(1, N + 1):
                question = session.current()
                assert question is not None
                right = position != 3
                await pilot.press(*_keys(question, right))
                assert session.answered == position
                if position == N:
                    break
                # an exam shows no mark, key or source before it is handed in; the next question follows at once
                feedback, status = _text(app, "quiz-feedback"), _text(app, "quiz-status")
                assert "recorded" in feedback and "Right" not in feedback and "Wrong" not in feedback
                assert question.citation not in feedback and "Score" not in status
                assert f"Answered {position}" in status
            assert "7/8 = 88%" in _text(app, "quiz-prompt")  # the result and the mistake, once handed in
            assert "Mistakes:" in _text(app, "quiz-prompt")
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is not None and (app.result.correct, app.result.total) == (7, 8)
        assert len(store.answers(session.attempt_id)) == N


def test_multiple_choice_toggles_and_backspace_undoes(clock: Clock) -> None:
    asyncio.run(_multiple_choice(clock))


async def _multiple_choice(clock: Clock) -> None:
    question = next(q for s in range(200) for q in paper(s, 10) if q.kind is Kind.MULTIPLE and len(q.key) >= 2)
    session = Session.from_questions(Options(trainee="m", mode=Mode.EXAM, n=1, seed=0), [question], clock=clock)
    app = Host(session)
    async with app.run_test(size=(120, 40)) as pilot:
        first, second = (str(i + 1) for i in question.key[:2])
        await pilot.press(first, second, second, "backspace")  # pick, pick, unpick, take back: nothing chosen
        await pilot.press("enter")
        assert session.answered == 0 and "Try again" in _text(app, "quiz-hint")
        await pilot.press(*(str(i + 1) for i in question.key), "enter")
        assert session.answered == 1 and session.score == 1


def test_time_up_ends_the_exam(clock: Clock) -> None:
    asyncio.run(_time_up(clock))


async def _time_up(clock: Clock) -> None:
    questions = list(paper(1, 3))
    options = Options(trainee="t", mode=Mode.EXAM, n=3, seed=1, time_limit=timedelta(minutes=1))
    session = Session.from_questions(options, questions, clock=clock)
    app = Host(session)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Time left 0:01:00" in _text(app, "quiz-status")
        clock.advance(minutes=2)
        await pilot.press(*_keys(questions[0], True))
        assert session.answered == 0
        assert "Time is up" in _text(app, "quiz-prompt") and "0/3 = 0%" in _text(app, "quiz-prompt")


def test_the_standalone_app_asks_name_and_mode_then_records(tmp_path: Path) -> None:
    asyncio.run(_standalone(tmp_path))


async def _standalone(tmp_path: Path) -> None:
    from firedrill.tui.quiz.app import QuizApp

    app = QuizApp(None, tmp_path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"a/b", "enter")
        assert "cannot hold" in _text(app, "quiz-hint")  # a bad name is refused in place
        await pilot.press("backspace", "backspace", "backspace", *"Mei", "enter", "2")  # 2: exam
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.session.options.trainee == "Mei"
        await pilot.press("escape", "escape")
        await pilot.pause()
    with QuizStore.open(tmp_path) as store:
        assert store.find_trainee("Mei") is not None
