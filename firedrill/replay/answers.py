"""A trainee's answers: what is declared at a prompt, and the answers file of a non-interactive drill.

Procedure ticks (docs/scenarios.md, "Procedure ticks") come per answer (``ticks:``: step ids, or
``{step, seconds, by}``; the time is the prompt's plus ``seconds``, default the answer's) or at the
top level with a time (``{step, at, by}``, ``at`` written as in a script). An unknown step id or a
time outside the script is one error naming the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from firedrill.errors import InputError
from firedrill.models import Level, Trigger
from firedrill.procedure import load_catalogue
from firedrill.replay.engine import Replay
from firedrill.replay.procedure_rating import Tick, tick_time
from firedrill.replay.prompts import Prompt, window_ends
from firedrill.replay.timespec import WhenField, format_offset
from firedrill.replay.yamlload import PathKey, line_of, load_yaml
from firedrill.yamlio import describe_validation_error


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DispatchDeclared(_Strict):
    stations: int | None = Field(default=None, ge=0)
    formations: int | None = Field(default=None, ge=0)
    engines: int | None = Field(default=None, ge=0)


class Declaration(_Strict):
    level: Level
    triggers: tuple[Trigger, ...] = ()
    dispatch: DispatchDeclared | None = None
    opened_playbook: bool = False


def _step_only(value: Any) -> Any:
    return {"step": value} if isinstance(value, str) else value


class AnswerTick(_Strict):
    """A step ticked at a prompt: ``seconds`` after it (default: the answer's ``seconds``)."""

    step: str = Field(min_length=1)
    seconds: float | None = Field(default=None, ge=0)
    by: str | None = None


class TimedTick(_Strict):
    """A step ticked at a time on the drill clock, written as a script time (``+00:12``, ``23:52``, …)."""

    step: str = Field(min_length=1)
    at: WhenField
    by: str | None = None


class Answer(Declaration):
    inject: int = Field(ge=1)
    seconds: float = Field(ge=0)
    ticks: tuple[Annotated[AnswerTick, BeforeValidator(_step_only)], ...] = ()


class AnswerFile(_Strict):
    script: str | None = None  # the script id, checked when given
    trainee: str = Field(default="trainee", min_length=1)
    answers: tuple[Answer, ...] = ()
    ticks: tuple[TimedTick, ...] = ()


def load_answers(path: str | Path) -> tuple[AnswerFile, dict[PathKey, int]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the answers: {exc.strerror}", file=path) from None
    data, lines = load_yaml(text, str(path))
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top of the answers file", file=path, line=1)
    try:
        return AnswerFile.model_validate(data), lines
    except ValidationError as exc:
        raise describe_validation_error(exc, str(path), lines) from None


def _fail(message: str, path: str | Path, lines: dict[PathKey, int], *where: str | int) -> InputError:
    return InputError(message, field=".".join(map(str, where)), file=path, line=line_of(lines, *where))


def _known(step: str, path: str | Path, lines: dict[PathKey, int], *where: str | int) -> None:
    if load_catalogue().step(step) is None:
        if (*where, "step") in lines:  # written as {step: …}, not as a bare id
            where = (*where, "step")
        raise _fail(f"unknown procedure step '{step}' (see 'firedrill procedure steps')", path, lines, *where)


def answer_ticks(
    replay: Replay, asked: Sequence[Prompt], answers: AnswerFile, lines: dict[PathKey, int], path: str | Path
) -> list[Tick]:
    """The ticks of an answers file on the drill clock, each with the prompt it belongs to."""
    ends = dict(zip((p.number for p in asked), window_ends(replay, list(asked)), strict=True))
    by_number = {p.number: p for p in asked}
    ticks: list[Tick] = []
    for i, answer in enumerate(answers.answers):
        prompt = by_number[answer.inject]
        for j, item in enumerate(answer.ticks):
            _known(item.step, path, lines, "answers", i, "ticks", j)
            seconds = answer.seconds if item.seconds is None else item.seconds
            at = tick_time(prompt.at, seconds, ends[prompt.number])
            ticks.append(Tick(step=item.step, at=at, prompt=prompt.number, by=item.by))
    for j, timed in enumerate(answers.ticks):
        _known(timed.step, path, lines, "ticks", j)
        at = timed.at.resolve(replay.start)
        if not replay.start <= at <= replay.end:
            span = f"{format_offset(replay.start - replay.start)} to {replay.loaded.offset(replay.end)}"
            raise _fail(f"{replay.loaded.offset(at)} is outside the script ({span})", path, lines, "ticks", j, "at")
        if not asked:
            raise _fail("the script has no prompt to rate a tick at", path, lines, "ticks", j)
        ticks.append(Tick(step=timed.step, at=at, prompt=_prompt_at(asked, at).number, by=timed.by))
    return ticks


def _prompt_at(asked: Sequence[Prompt], at: datetime) -> Prompt:
    """The prompt whose window holds ``at``: the last at or before it, else the first."""
    return next((p for p in reversed(asked) if p.at <= at), asked[0])
