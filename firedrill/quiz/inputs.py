"""What a trainee or a script types: a trainee name, a time limit, an answer; each checked with one clear message.

* A trainee name is trimmed and NFC-normalised; it must be 1 to ``names.max_length`` characters, with no
  control or format characters (tabs, newlines, zero-width marks) and no path separators (``/`` ``\\``),
  because it is shown in tables, written to CSV and may name an export file.
* A time limit is a number with a unit: ``90s``, ``15m``, ``1h``, ``1h30m``; a bare number is refused
  (minutes or seconds?), and so is anything above ``time_limit.max_minutes``.
* An answer is option numbers as shown (``2``; ``1,3`` or ``1 3`` for several; ``3 1 4 2`` or ``3142``
  for an order) or a number for a numeric question (``0.35``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import timedelta

from firedrill.errors import InputError
from firedrill.quiz.model import Kind, Question, Response
from firedrill.quiz.settings import load_settings
from firedrill.quiz.texts import tx

SEPARATORS = "/\\"
_DURATION = re.compile(
    r"(?:(\d{1,6}(?:\.\d{1,6})?)h)?(?:(\d{1,6}(?:\.\d{1,6})?)m(?:in)?)?(?:(\d{1,6}(?:\.\d{1,6})?)s)?", re.ASCII
)
_NUMBER = re.compile(r"[+-]?(\d{1,15}(\.\d{0,15})?|\.\d{1,15})", re.ASCII)
MAX_ANSWER_CHARS = 200  # the longest answer is nine option numbers with separators


def trainee_name(raw: str, field: str = "--trainee") -> str:
    """The trainee name to store, or an InputError saying what is wrong with it."""
    name = unicodedata.normalize("NFC", raw).strip()
    limit = load_settings().names.max_length
    if not name:
        raise InputError("a trainee name is needed", field=field)
    if len(name) > limit:
        raise InputError(f"a trainee name has at most {limit} characters (got {len(name)})", field=field)
    bad = [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")]
    if bad:
        raise InputError(f"a trainee name cannot hold control characters (got {bad[0]!r})", field=field)
    if any(ch in SEPARATORS for ch in name):
        raise InputError("a trainee name cannot hold '/' or '\\'", field=field)
    return name


def time_limit(raw: str, field: str = "--time-limit") -> timedelta:
    text = raw.strip().lower().replace(" ", "")
    match = _DURATION.fullmatch(text)
    if not text or match is None or not any(match.groups()):
        raise InputError(f"not a duration: {raw!r} (use e.g. 90s, 15m, 1h30m)", field=field)
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    limit = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    most = load_settings().time_limit.max_minutes
    if limit <= timedelta(0):
        raise InputError(f"a time limit must be more than zero (got {raw!r})", field=field)
    if limit > timedelta(minutes=most):
        raise InputError(f"a time limit is at most {most} minutes (got {raw!r})", field=field)
    return limit


class AnswerError(ValueError):
    """A typed answer that cannot be read; ``text`` says why in both languages (``str()`` is the English)."""

    def __init__(self, key: str, **blanks: str | int) -> None:
        self.text = tx(f"answer_error.{key}", **blanks)
        super().__init__(self.text.en)


def _numbers(text: str, count: int, compact: bool) -> list[int]:
    shown = text.strip()
    parts = re.split(r"[\s,，、;；]+", unicodedata.normalize("NFKC", shown))
    if compact and len(parts) == 1 and len(parts[0]) > 1 and count <= 9:
        parts = list(parts[0])
    if not all(p.isascii() and p.isdigit() for p in parts if p):
        raise AnswerError("not_numbers", count=count, got=shown)
    chosen = [int(p) for p in parts if p]
    out_of_range = [c for c in chosen if not 1 <= c <= count]
    if out_of_range:
        raise AnswerError("no_such_option", option=out_of_range[0], count=count, got=shown)
    if len(set(chosen)) != len(chosen):
        raise AnswerError("twice", got=shown)
    return [c - 1 for c in chosen]


def check_syntax(text: str) -> None:
    """Refuse a line that no question could accept (for a file read before the questions are known)."""
    raw = unicodedata.normalize("NFKC", text.strip())
    if not raw:
        raise AnswerError("empty")
    if len(raw) > MAX_ANSWER_CHARS:
        raise AnswerError("too_long", most=MAX_ANSWER_CHARS)
    if _NUMBER.fullmatch(raw) or re.fullmatch(r"[\d\s,，、;；]+", raw):
        return
    raise AnswerError("not_numbers", count=9, got=text.strip())


def parse_answer(text: str, question: Question) -> Response:
    """The response ``text`` stands for, or AnswerError with a message a trainee can act on."""
    raw = unicodedata.normalize("NFKC", text.strip())
    if not raw:
        raise AnswerError("empty")
    if len(raw) > MAX_ANSWER_CHARS:
        raise AnswerError("too_long", most=MAX_ANSWER_CHARS)
    count = len(question.options)
    if question.kind is Kind.NUMERIC:
        if not _NUMBER.fullmatch(raw) or not math.isfinite(float(raw)):
            raise AnswerError("not_a_number", got=text.strip())
        return float(raw)
    single = question.kind in (Kind.SINGLE, Kind.TRUE_FALSE)
    chosen = _numbers(raw, count, compact=not single)
    if single and len(chosen) != 1:
        raise AnswerError("one", count=count, got=text.strip())
    if question.kind is Kind.MULTIPLE and not chosen:
        raise AnswerError("several", count=count, got=text.strip())
    if question.kind is Kind.ORDERING and len(chosen) != count:
        raise AnswerError("all", count=count, got=text.strip())
    return tuple(chosen)
