"""Opening a quiz from the console: the trainee's name and the mode, then the quiz engineer's
``QuizScreen`` on the console's own journal. Esc on the name prompt goes back to the console."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from firedrill.tui.quiz import app as quiz_app
from firedrill.tui.quiz.app import StartScreen

if TYPE_CHECKING:
    from datetime import datetime

    from firedrill.journal import Journal
    from firedrill.quiz.session import Mode, Session


class QuizStart(StartScreen):
    """The quiz's own name and mode prompt, with Esc to go back."""

    # The quiz's style sheet, found from its own package (a relative path would be read from here).
    CSS_PATH = str(Path(quiz_app.__file__).parent / "quiz.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", show=False)]

    def action_back(self) -> None:
        self.dismiss(None)


def start_session(journal: Journal, name: str, mode: Mode, lang: str, clock: Callable[[], datetime]) -> Session:
    """A quiz session stored in the console's journal (the quiz adds its tables there if missing)."""
    from firedrill.quiz import bank
    from firedrill.quiz.session import Mode, Options, Session
    from firedrill.quiz.settings import load_settings
    from firedrill.quiz.store import QuizStore

    settings = load_settings()
    n = settings.exam.default_n if mode is Mode.EXAM else settings.practice.default_n
    options = Options(trainee=name, mode=mode, n=n, seed=bank.new_seed(), lang=lang)
    return Session.start(options, QuizStore(journal), clock=clock)
