"""Every problem of a script or answers file, collected and reported at once in the user's language.

A problem has a code (a key of ``problem:`` in ``labels.yaml``, whose zh/en templates take the
problem's parameters), the dotted field, the line, and, where YAML flow syntax is the likely cause,
a hint. ``FileProblems`` is an ``InputError`` whose one line is the first problem (with how many
more there are); ``lines(lang)`` gives every problem, one line each, as the CLI prints them.
Pydantic's own wording never reaches the user: each error type is mapped to a code here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.replay.words import w
from firedrill.replay.yamlload import PathKey, line_of

# pydantic error type → problem code (labels.yaml ``problem:``); anything else is ``invalid``.
_TYPES: dict[str, str] = {
    "extra_forbidden": "unknown_field", "missing": "missing",
    "int_parsing": "number", "int_type": "number", "int_from_float": "whole", "float_parsing": "number",
    "float_type": "number", "finite_number": "number",
    "greater_than_equal": "at_least", "greater_than": "above", "less_than_equal": "at_most", "less_than": "below",
    "enum": "choice", "literal_error": "choice", "string_pattern_mismatch": "pattern",
    "bool_parsing": "bool", "bool_type": "bool", "string_too_short": "empty", "too_short": "empty",
    "string_type": "text", "datetime_parsing": "datetime", "datetime_type": "datetime",
    "datetime_from_date_parsing": "datetime", "tuple_type": "list", "list_type": "list", "iterable_type": "list",
    "model_type": "mapping", "dict_type": "mapping", "model_attributes_type": "mapping",
    "too_long": "too_long", "string_too_long": "too_long",
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """One problem: where it is and what, as a code with parameters."""

    code: str
    path: PathKey = ()
    line: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    got: Any = None
    hint: str | None = None

    @property
    def field(self) -> str | None:
        return ".".join(str(p) for p in self.path) or None

    def message(self, lang: str) -> str:
        values = _Blank({k: v.in_lang(lang) if isinstance(v, Text) else _plain(v) for k, v in self.params.items()})
        text = w("problem", self.code, lang).format_map(values)
        if self.got is not None and not isinstance(self.got, dict | list):
            text += f" ({w('problem', 'got', lang)} {self.got!r})"
        if self.hint is not None:
            text += f" — {w('hint', self.hint, lang)}"
        return text

    def error(self, file: str | Path | None, lang: str) -> InputError:
        return InputError(self.message(lang), field=self.field, file=file, line=self.line)


class _Blank(dict[str, str]):
    """Template values; a parameter one error type gives and another does not is left out."""

    def __missing__(self, key: str) -> str:
        return ""


def _plain(value: Any) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(getattr(value, "value", value))


class FileProblems(InputError):
    """Every problem of one file; its one line is the first problem in English, then how many more."""

    def __init__(self, file: str | Path, problems: Sequence[Problem], lang: str = "en") -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        more = len(self.problems) - 1
        message = first.message(lang) + (f" (+{more} more)" if more else "")
        super().__init__(message, field=first.field, file=file, line=first.line)

    def lines(self, lang: str) -> list[str]:
        return [p.error(self.file, lang).one_line() for p in self.problems]


def lines_of(exc: InputError, lang: str) -> list[str]:
    """One line per problem of ``exc`` (a plain InputError is one line)."""
    return exc.lines(lang) if isinstance(exc, FileProblems) else [exc.one_line()]


class Collector:
    """Gathers the problems of one file, each with its line looked up from the file's line map."""

    def __init__(self, file: str | Path, lines: Mapping[PathKey, int], flows: frozenset[PathKey] = frozenset()):
        self.file, self.lines, self.flows = str(file), lines, flows
        self.problems: list[Problem] = []

    def add(self, code: str, *path: str | int, got: Any = None, hint: str | None = None, **params: Any) -> None:
        line = line_of(dict(self.lines), *path)
        self.problems.append(Problem(code=code, path=path, line=line, params=params, got=got, hint=hint))

    def pydantic(self, exc: ValidationError, data: Any, *prefix: str | int) -> None:
        for error in exc.errors():
            path = (*prefix, *(p for p in error["loc"] if isinstance(p, str | int)))
            kind = str(error["type"])
            ctx = dict(error.get("ctx") or {})
            code = _TYPES.get(kind, kind if _is_code(kind) else "invalid")
            if kind == "value_error":
                code, ctx = "invalid_because", {"reason": str(ctx.get("error", "")).removeprefix("Value error, ")}
            got = ctx.pop("got", error.get("input") if code not in ("missing", "unknown_field") else None)
            params = {k: v for k, v in ctx.items() if k != "error"}
            hint = "flow_comma" if code == "unknown_field" and self._flow_break(path, data) else None
            self.add(code, *path, got=got, hint=hint, **params)

    def _flow_break(self, path: PathKey, data: Any) -> bool:
        """A key with no value inside ``{…}``: an ASCII comma ended the text before it."""
        return path[:-1] in self.flows and _value_at(data, path) is None

    def raise_if_any(self) -> None:
        if self.problems:
            raise FileProblems(self.file, self.problems)


def _is_code(kind: str) -> bool:
    from firedrill.replay.words import BOOK

    return kind in BOOK.groups["problem"]


def _value_at(data: Any, path: PathKey) -> Any:
    for part in path:
        step: Any = data
        if isinstance(step, list):
            if not isinstance(part, int) or not 0 <= part < len(step):
                return "?"
        elif not isinstance(step, dict) or part not in step:
            return "?"
        data = step[part]
    return data
