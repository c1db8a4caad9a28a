"""F12 opens a quiz from the console on the same journal: a name (Esc goes back), a mode, a question
answered with a number key, and back to the console with its incidents as they were."""

from __future__ import annotations

import pytest

from firedrill.quiz.model import Kind
from firedrill.tui.quiz import QuizScreen
from firedrill.tui.screens.main import MainScreen
from firedrill.tui.screens.quiz_start import QuizStart
from tests.tui.conftest import enter_value, ready

SEED = 7  # a paper whose first practice question is single-choice (checked below)


async def test_f12_quiz_on_the_same_journal_then_back(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("firedrill.quiz.bank.new_seed", lambda: SEED)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await enter_value(pilot, "location", "江汉路商场")
        await enter_value(pilot, "deaths", "3")
        incident, values = app.main.active.id, dict(app.main.active.values)

        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, QuizStart)
        await pilot.press("escape")  # changed one's mind: back to the console
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        await pilot.press("f12")
        await pilot.pause()
        await pilot.press(*"张三", "enter", "1")  # the name, then 1 = practice
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.session.options.trainee == "张三"
        question = quiz.session.current()
        assert question is not None and question.kind is Kind.SINGLE, "pick another SEED"
        await pilot.press("1")
        await pilot.pause()
        assert quiz.session.answered == 1
        answers = app.engine.journal.read("SELECT COUNT(*) FROM quiz_answers")  # the console's own journal
        assert answers[0][0] == 1

        await pilot.press("escape")  # stop: the result is shown
        await pilot.press("escape")  # close
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main.active.id == incident and app.main.active.values == values
        assert [r.id for r in app.engine.journal.open_incidents()] == [incident]
        assert app.main.query_one("#in-location").value == "江汉路商场"

