"""A small standalone quiz app: asks the trainee's name and the mode unless given, then runs a QuizScreen.

It is what ``python -m firedrill.tui.quiz`` runs, and what a classroom can serve per browser
session (``firedrill serve --command "firedrill-quiz-app ..."``); the console can push
``QuizScreen`` itself instead.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text as RichText
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from firedrill.errors import InputError
from firedrill.quiz.bank import new_seed
from firedrill.quiz.inputs import trainee_name
from firedrill.quiz.session import Mode, Options, Result, Session
from firedrill.quiz.settings import load_settings
from firedrill.quiz.store import QuizStore
from firedrill.quiz.texts import tx
from firedrill.tui.quiz.screen import QuizScreen

MODES = tuple(Mode)


class StartScreen(Screen[tuple[str, Mode]]):
    """Name first (Enter), then the mode by number."""

    CSS_PATH = "quiz.tcss"

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.name_given: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(RichText(tx("start.title").in_lang(self.lang)), id="quiz-status")
        yield Input(placeholder=tx("start.name").in_lang(self.lang), id="quiz-number")
        yield Static(id="quiz-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            self.name_given = trainee_name(event.value, field="name")
        except InputError as exc:
            self.query_one("#quiz-hint", Static).update(RichText(exc.message))
            return
        self.query_one(Input).display = False
        self.set_focus(None)
        modes = "  ".join(f"{i}. {tx(f'mode.{m.value}').in_lang(self.lang)}" for i, m in enumerate(MODES, 1))
        self.query_one("#quiz-hint", Static).update(RichText(modes))

    def on_key(self, event: events.Key) -> None:
        if self.name_given is None or event.character is None or not event.character.isdigit():
            return
        index = int(event.character) - 1
        if 0 <= index < len(MODES):
            event.stop()
            self.dismiss((self.name_given, MODES[index]))


class QuizApp(App[Result | None]):
    """Runs one quiz session and exits with its result."""

    TITLE = "firedrill quiz"

    def __init__(self, options: Options | None, data_dir: str | Path | None, lang: str = "zh") -> None:
        super().__init__()
        self.options = options
        self.data_dir = data_dir
        self.lang = lang
        self.store: QuizStore | None = None

    def on_mount(self) -> None:
        if self.options is not None:
            self._begin(self.options)
        else:
            self.push_screen(StartScreen(self.lang), callback=self._chosen)

    def _chosen(self, chosen: tuple[str, Mode] | None) -> None:
        if chosen is None:
            self.exit(None)
            return
        name, mode = chosen
        settings = load_settings()
        n = settings.exam.default_n if mode is Mode.EXAM else settings.practice.default_n
        self._begin(Options(trainee=name, mode=mode, n=n, seed=new_seed(), lang=self.lang))

    def _begin(self, options: Options) -> None:
        try:
            self.store = QuizStore.open(self.data_dir)
        except InputError as exc:
            self.exit(None, return_code=2, message=exc.one_line())
            return
        session = Session.start(options, self.store)
        self.push_screen(QuizScreen(session, self.lang), callback=self.exit)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()
