"""QuizScreen: a quiz session at the keyboard, pushable by any Textual App.

Number keys answer: a single-choice question is answered by its number at once; for several
answers or an order, number keys pick (again to unpick), Backspace takes the last back and Enter
confirms; a numeric question is typed in the box and confirmed with Enter. After each answer the
explanation and its source are shown (in an exam only that the answer is recorded: marks and keys
come with the result); Enter goes on. Progress, score and (in an exam) the time left
stay at the top. At the end the result and the mistakes are shown; Esc closes the screen (Enter does
not, so the last answer's Enter cannot skip the result) and dismisses it with the ``Result``. Esc
before the end stops the session (the questions left count as wrong).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from rich.text import Text as RichText
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from firedrill.quiz.inputs import parse_answer
from firedrill.quiz.model import Kind, Question
from firedrill.quiz.render import explanation_lines, response_text, result_block
from firedrill.quiz.session import Feedback, Mode, Result, Session, TimeUpError
from firedrill.quiz.texts import tx

DIGITS = "123456789"
TICK_SECONDS = 1.0


class Phase(StrEnum):
    ASKING = "asking"
    FEEDBACK = "feedback"
    DONE = "done"


class QuizScreen(Screen[Result]):
    """Runs ``session`` in ``lang`` ("zh" or "en") and dismisses with its Result."""

    CSS_PATH = "quiz.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Enter", show=False),
        Binding("backspace", "undo", "Undo", show=False),
        Binding("escape", "close", "Esc", show=False),
    ]

    def __init__(self, session: Session, lang: str = "zh", name: str | None = None) -> None:
        super().__init__(name=name)
        self.session = session
        self.lang = lang
        self.phase = Phase.ASKING
        self.selection: list[int] = []
        self.last_feedback: Feedback | None = None
        self.result: Result | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="quiz-status")
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-prompt")
            yield Static(id="quiz-options")
            yield Input(id="quiz-number")
            yield Static(id="quiz-feedback")
        yield Static(id="quiz-hint")

    def on_mount(self) -> None:
        if self.session.options.time_limit is not None:
            self.set_interval(TICK_SECONDS, self._tick)
        self._show_question()

    # --- views ---------------------------------------------------------------------------

    def _t(self, key: str, **blanks: str) -> str:
        return tx(key, **blanks).in_lang(self.lang)

    def _set(self, widget_id: str, text: str) -> None:
        self.query_one(f"#{widget_id}", Static).update(RichText(text))

    def _status(self) -> None:
        s = self.session
        parts = [
            self._t(f"mode.{s.options.mode.value}"),
            f"{min(s.answered + 1, s.total)}/{s.total}",
        ]
        if s.options.mode is Mode.EXAM and self.phase is not Phase.DONE:
            parts.append(self._t("ui.answered_line", answered=str(s.answered)))  # no marks before it is handed in
        else:
            parts.append(self._t("ui.score_line", score=str(s.score), answered=str(s.answered)))
        left = s.time_left()
        if left is not None:
            parts.append(self._t("ui.time_left", left=str(left).split(".")[0]))
        self._set("quiz-status", " · ".join(parts))

    def _options_text(self, question: Question) -> str:
        lines = []
        for i, option in enumerate(question.options):
            mark = "  "
            if i in self.selection:
                mark = "✓ " if question.kind is Kind.MULTIPLE else f"{self.selection.index(i) + 1}›"
            lines.append(f"{mark}{i + 1}. {option.text.in_lang(self.lang)}")
        return "\n".join(lines)

    def _show_question(self) -> None:
        question = self.session.current()
        if question is None:
            self._show_result()
            return
        self.phase, self.selection = Phase.ASKING, []
        self._status()
        self._set("quiz-prompt", f"{self._t(f'topic.{question.topic}')}\n{question.prompt.in_lang(self.lang)}")
        self._set("quiz-options", self._options_text(question))
        self._set("quiz-feedback", "")
        box = self.query_one("#quiz-number", Input)
        box.value = ""
        box.display = question.kind is Kind.NUMERIC
        if box.display:
            box.focus()
        hint = self._t(f"kind.{question.kind.value}")
        if question.kind in (Kind.MULTIPLE, Kind.ORDERING):
            hint += " · " + self._t("ui.confirm")
        self._set("quiz-hint", hint)

    def _show_feedback(self, feedback: Feedback) -> None:
        self.phase, self.last_feedback = Phase.FEEDBACK, feedback
        self.query_one("#quiz-number", Input).display = False
        self.set_focus(None)
        mark = self._t("ui.right" if feedback.correct else "ui.wrong")
        lines = [mark]
        if not feedback.correct:
            lines.append(
                self._t("ui.your_answer", answer=response_text(feedback.question, feedback.response, self.lang))
            )
        lines += explanation_lines(feedback.question, self.lang)
        self._set("quiz-feedback", "\n".join(lines))
        self._status()
        self._set("quiz-hint", self._t("ui.continue"))

    def _show_result(self) -> None:
        self.result = self.session.finish()
        self.phase = Phase.DONE
        self.query_one("#quiz-number", Input).display = False
        self._status()
        text = result_block(self.result, self.lang) if self.result.total else self._t("ui.no_mistakes")
        for widget_id, value in (("quiz-prompt", text), ("quiz-options", ""), ("quiz-feedback", "")):
            self._set(widget_id, value)
        self._set("quiz-hint", self._t("ui.close"))

    # --- input ---------------------------------------------------------------------------

    def _asking(self) -> Question | None:
        """The question being asked; if the session ended meanwhile (time up), show the result instead."""
        if self.phase is not Phase.ASKING:
            return None
        question = self.session.current()
        if question is None:
            self._show_result()
        return question

    def _submit(self, response: tuple[int, ...] | float) -> None:
        try:
            feedback = self.session.submit(response)
        except TimeUpError:
            self._show_result()
            return
        if not feedback.reveal:  # an exam: marks and keys come with the result, after it is handed in
            self._show_question()
            self._set("quiz-feedback", self._t("ui.recorded"))
            return
        self._show_feedback(feedback)

    def on_key(self, event: events.Key) -> None:
        if self.phase is not Phase.ASKING or event.character not in tuple(DIGITS):
            return
        event.stop()
        question = self._asking()
        if question is None or question.kind is Kind.NUMERIC:
            return
        index = DIGITS.index(event.character or "")
        if index >= len(question.options):
            return
        if question.kind in (Kind.SINGLE, Kind.TRUE_FALSE):
            self._submit((index,))
            return
        if index in self.selection:
            self.selection.remove(index)
        else:
            self.selection.append(index)
        self._set("quiz-options", self._options_text(question))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        question = self._asking()
        if question is None:
            return
        try:
            response = parse_answer(event.value, question)
        except ValueError as exc:
            self._set("quiz-hint", self._t("ui.again", problem=str(exc)))
            return
        self._submit(response)

    def action_confirm(self) -> None:
        if self.phase is Phase.FEEDBACK:
            self._show_question()
        elif self.phase is Phase.ASKING:
            question = self._asking()
            if question is None or question.kind in (Kind.SINGLE, Kind.TRUE_FALSE, Kind.NUMERIC):
                return
            text = " ".join(str(i + 1) for i in self.selection)
            try:
                response = parse_answer(text, question) if text else parse_answer("", question)
            except ValueError as exc:
                self._set("quiz-hint", self._t("ui.again", problem=str(exc)))
                return
            self._submit(response)

    def action_undo(self) -> None:
        question = self.session.current() if self.phase is Phase.ASKING else None
        if question is not None and self.selection and question.kind is not Kind.NUMERIC:
            self.selection.pop()
            self._set("quiz-options", self._options_text(question))

    def action_close(self) -> None:
        if self.phase is Phase.DONE:
            self.dismiss(self.result)
        else:
            self._show_result()

    def _tick(self) -> None:
        if self.phase is Phase.DONE:
            return
        if self.session.expired():
            self._show_result()
        else:
            self._status()
