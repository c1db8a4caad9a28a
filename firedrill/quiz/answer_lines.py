"""Answers files: UTF-8 text (a byte-order mark allowed), one answer a line, checked before anything is stored.

A file named on the command line is read whole (up to ``answers.max_bytes``) and decoded first: a file
in another encoding (GBK, the usual Windows default in China) is refused in one line naming it, and so
is a file with no answer in it (``/dev/null``) or a line no question could accept; for an exam, every
line is read against its question before the first is recorded. Standard input is decoded line by
line as it comes, so that a script can answer as the questions are shown.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from firedrill.errors import InputError
from firedrill.quiz.inputs import AnswerError, check_syntax, parse_answer
from firedrill.quiz.session import Session
from firedrill.quiz.terminal import AnswerFile

ENCODING = "utf-8-sig"  # UTF-8, with or without a byte-order mark
FIELD = "--answers"


def _not_utf8(name: str, exc: UnicodeDecodeError, line: int | None = None) -> InputError:
    return InputError(
        f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x}; GBK or another encoding?): save the file as UTF-8",
        file=name,
        line=line,
        field=FIELD,
    )


def _answer_lines(lines: list[str], name: str) -> None:
    given = 0
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        given += 1
        try:
            check_syntax(text)
        except AnswerError as exc:
            raise InputError(str(exc), file=name, line=number, field="answers") from None
    if not given:
        raise InputError(
            "no answers in the file (one answer a line; blank lines and # comments are skipped)", file=name, field=FIELD
        )


def read_file(path: str, max_bytes: int) -> list[str]:
    """The lines of an answers file, decoded and checked, or an InputError naming the file."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=path, field=FIELD) from None
    if len(data) > max_bytes:
        raise InputError(f"larger than {max_bytes} bytes: not an answers file", file=path, field=FIELD)
    try:
        text = data.decode(ENCODING)
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, exc, data[: exc.start].count(b"\n") + 1) from None
    lines = text.splitlines()
    _answer_lines(lines, path)
    return lines


def stream(source: TextIO, name: str) -> Iterator[str]:
    """Lines of standard input decoded as UTF-8 (BOM allowed) as they arrive."""
    binary = getattr(source, "buffer", None)
    reader: TextIO = io.TextIOWrapper(binary, encoding=ENCODING, newline=None) if binary is not None else source
    number = 0
    while True:
        try:
            raw = reader.readline()
        except UnicodeDecodeError as exc:
            raise _not_utf8(name, exc, number + 1) from None
        if not raw:
            return
        number += 1
        yield raw


def check_against(session: Session, answers: AnswerFile) -> None:
    """For an exam, read every remaining line against its question now; a bad one stops before anything is stored."""
    remaining = session.remaining()
    if remaining is None:
        return
    lines = list(answers.lines)
    answers.lines = iter(lines)
    position = 0
    for number, raw in enumerate(lines, answers.line + 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        if position >= len(remaining):
            break
        try:
            parse_answer(text, remaining[position])
        except AnswerError as exc:
            session.pause()  # a new attempt with no answer is removed; a resumed one is left as it was
            raise InputError(str(exc), file=answers.name, line=number, field="answers") from None
        position += 1
