"""Running a session in a terminal: typed answers (``input()``), or answers read from a file or stdin.

Interactive: a malformed answer is explained (in the session's language) and asked again; ``q`` hands
the paper in (the questions left count as wrong); Ctrl-C or end of input pauses: what was answered is
kept, an exam resumes where it stopped when the trainee starts an exam again. From a file: one answer
per line, blank lines and ``#`` comments skipped, lines read one at a time so that a script can answer
as the questions come; the file's end hands the paper in; a malformed line is an InputError naming the
file, the line and ``answers``, and pauses the attempt (never a finished 0 %). Each answer's
acknowledgement is printed, and flushed, only once the answer is recorded; in an exam it says the
answer is recorded, not whether it is right: marks and keys come with the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TextIO

from firedrill.errors import InputError
from firedrill.quiz.inputs import AnswerError, parse_answer
from firedrill.quiz.model import Question, Response
from firedrill.quiz.render import feedback_block, question_block, result_block
from firedrill.quiz.session import Result, Session, TimeUpError
from firedrill.quiz.texts import tx

QUIT_WORDS = ("q", "quit", "exit", "退出", "交卷")


class Paused(Exception):
    """The trainee stopped without handing in (Ctrl-C, end of typed input)."""


class AnswerFile:
    """Answers one per line (already decoded text), read lazily."""

    def __init__(self, lines: Iterator[str], name: str) -> None:
        self.lines = lines
        self.name = name
        self.line = 0

    def next_answer(self) -> str | None:
        for raw in self.lines:
            self.line += 1
            text = raw.strip()
            if text and not text.startswith("#"):
                return text
        return None


def _from_file(answers: AnswerFile, question: Question) -> Response | None:
    text = answers.next_answer()
    if text is None:
        return None
    try:
        return parse_answer(text, question)
    except AnswerError as exc:
        raise InputError(str(exc), file=answers.name, line=answers.line, field="answers") from None


def _typed(ask: Callable[[str], str], question: Question, lang: str, out: TextIO) -> Response | None:
    while True:
        try:
            text = ask(tx("ui.prompt").in_lang(lang))
        except EOFError:
            raise Paused from None
        if text.strip().lower() in QUIT_WORDS:
            return None
        try:
            return parse_answer(text, question)
        except AnswerError as exc:
            print(tx("ui.again", problem=exc.text).in_lang(lang), file=out, flush=True)


def _ask_all(session: Session, lang: str, out: TextIO, answers: AnswerFile | None, ask: Callable[[str], str]) -> None:
    while (question := session.current()) is not None:
        block = question_block(question, session.answered + 1, session.total, lang)
        left = session.time_left()
        if left is not None:
            block += "\n" + tx("ui.time_left", left=str(left).split(".")[0]).in_lang(lang)
        print(block, file=out, flush=True)
        response = _from_file(answers, question) if answers else _typed(ask, question, lang, out)
        if response is None and answers is not None and session.answered == 0:
            raise InputError("no answers in the file", file=answers.name, field="answers")
        if response is None:
            return
        try:
            feedback = session.submit(response)
        except TimeUpError:
            return
        print(feedback_block(feedback, lang) + "\n", file=out, flush=True)


def run(
    session: Session,
    lang: str,
    out: TextIO,
    answers: AnswerFile | None = None,
    ask: Callable[[str], str] | None = None,
) -> Result | None:
    """Ask every question of ``session`` in turn; the result is printed and returned (None: paused)."""
    ask = ask or input  # looked up now, so a test (or an embedding) can replace the builtin
    if session.resumed:
        left = session.time_left()
        shown = "-" if left is None else str(left).split(".")[0]
        resumed = tx("ui.resumed", answered=str(session.answered), total=str(session.total), left=shown)
        print(resumed.in_lang(lang), file=out, flush=True)
    try:
        _ask_all(session, lang, out, answers, ask)
    except (KeyboardInterrupt, Paused):
        session.pause()
        paused = tx("ui.paused", answered=str(session.answered), total=str(session.total))
        print("\n" + paused.in_lang(lang), file=out, flush=True)
        return None
    except InputError:
        session.pause()
        raise
    result = session.finish()
    if result.total == 0:
        print(tx("ui.no_mistakes").in_lang(lang), file=out, flush=True)
    else:
        print(result_block(result, lang), file=out, flush=True)
    return result
