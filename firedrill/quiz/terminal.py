"""Running a session in a terminal: typed answers (``input()``), or answers read from a file or stdin.

Interactive: a malformed answer is explained and asked again; ``q`` or end of input stops (the
questions left count as wrong). From a file: one answer per line, blank lines and ``#`` comments
skipped, lines read one at a time so that a script can answer as the questions come; a malformed
line is an InputError naming the file, the line and ``answers``, after the answers before it are
recorded. Each answer's feedback is printed, and flushed, only once the answer is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from firedrill.errors import InputError
from firedrill.quiz.inputs import parse_answer
from firedrill.quiz.model import Question, Response
from firedrill.quiz.render import feedback_block, question_block, result_block
from firedrill.quiz.session import Result, Session, TimeUpError
from firedrill.quiz.texts import tx

QUIT_WORDS = ("q", "quit", "exit", "退出")


class AnswerFile:
    """Answers one per line from ``stream``, read lazily."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = stream
        self.name = name
        self.line = 0

    def next_answer(self) -> str | None:
        while True:
            raw = self.stream.readline()
            if not raw:
                return None
            self.line += 1
            text = raw.strip()
            if text and not text.startswith("#"):
                return text


def _from_file(answers: AnswerFile, question: Question) -> Response | None:
    text = answers.next_answer()
    if text is None:
        return None
    try:
        return parse_answer(text, question)
    except ValueError as exc:
        raise InputError(str(exc), file=answers.name, line=answers.line, field="answers") from None


def _typed(ask: Callable[[str], str], question: Question, lang: str, out: TextIO) -> Response | None:
    while True:
        try:
            text = ask(tx("ui.prompt").in_lang(lang))
        except EOFError:
            return None
        if text.strip().lower() in QUIT_WORDS:
            return None
        try:
            return parse_answer(text, question)
        except ValueError as exc:
            print(tx("ui.again", problem=str(exc)).in_lang(lang), file=out, flush=True)


def run(
    session: Session,
    lang: str,
    out: TextIO,
    answers: AnswerFile | None = None,
    ask: Callable[[str], str] | None = None,
) -> Result:
    """Ask every question of ``session`` in turn; the result is printed and returned."""
    ask = ask or input  # looked up now, so a test (or an embedding) can replace the builtin
    try:
        while (question := session.current()) is not None:
            block = question_block(question, session.answered + 1, session.total, lang)
            left = session.time_left()
            if left is not None:
                block += "\n" + tx("ui.time_left", left=str(left).split(".")[0]).in_lang(lang)
            print(block, file=out, flush=True)
            response = _from_file(answers, question) if answers else _typed(ask, question, lang, out)
            if response is None:
                break
            try:
                feedback = session.submit(response)
            except TimeUpError:
                break
            print(feedback_block(feedback, lang) + "\n", file=out, flush=True)
    finally:
        result = session.finish()
    if result.total == 0:
        print(tx("ui.no_mistakes").in_lang(lang), file=out, flush=True)
    else:
        print(result_block(result, lang), file=out, flush=True)
    return result
