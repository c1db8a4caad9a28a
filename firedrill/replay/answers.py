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

from firedrill.procedure import load_catalogue
from firedrill.replay.engine import Replay
from firedrill.replay.problems import Collector
from firedrill.replay.procedure_rating import Tick, tick_time
from firedrill.replay.prompts import Prompt, window_ends
from firedrill.replay.review import Evaluation, Note, Override, Review
from firedrill.replay.timespec import WhenField, format_offset
from firedrill.replay.values import CountIn, LevelIn, TriggerIn
from firedrill.replay.yamlload import LineMap, load_yaml
from firedrill.textfile import read_text_file


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DispatchDeclared(_Strict):
    stations: CountIn | None = None
    formations: CountIn | None = None
    engines: CountIn | None = None


class Declaration(_Strict):
    level: LevelIn
    triggers: tuple[TriggerIn, ...] = ()
    dispatch: DispatchDeclared | None = None
    opened_playbook: bool = False


def _step_only(value: Any) -> Any:
    return {"step": value} if isinstance(value, str) else value


class AnswerTick(_Strict):
    """A step ticked at a prompt: ``seconds`` after it (default: the answer's ``seconds``)."""

    step: str = Field(min_length=1)
    seconds: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    by: str | None = None
    note: str | None = None  # an evaluator's note on the step


class TimedTick(_Strict):
    """A step ticked at a time on the drill clock, written as a script time (``+00:12``, ``23:52``, …)."""

    step: str = Field(min_length=1)
    at: WhenField
    by: str | None = None
    note: str | None = None


class Answer(Declaration):
    inject: int = Field(ge=1)
    seconds: float = Field(ge=0, allow_inf_nan=False)
    ticks: tuple[Annotated[AnswerTick, BeforeValidator(_step_only)], ...] = ()
    note: str | None = None  # an evaluator's note on the answer
    override: Override | None = None  # the decision rating, changed by an evaluator
    procedure_override: Override | None = None  # the procedure rating at this prompt, changed


class Ack(_Strict):
    """An inject delivered to the trainee's roles, acknowledged ``seconds`` after it arrived."""

    inject: int = Field(ge=1)
    seconds: float = Field(ge=0, allow_inf_nan=False)


class AnswerFile(_Strict):
    script: str | None = None  # the script id, checked when given
    trainee: str = Field(default="trainee", min_length=1)
    roles: tuple[str, ...] = ()  # the roles the trainee played (none: all of them)
    answers: tuple[Answer, ...] = ()
    ticks: tuple[TimedTick, ...] = ()
    acks: tuple[Ack, ...] = ()
    notes: tuple[Note, ...] = ()  # evaluators' notes per inject and per step
    evaluation: Evaluation | None = None  # strengths, areas for improvement, improvement plan


def load_answers(path: str | Path) -> tuple[AnswerFile, LineMap]:
    """Read an answers file; every problem of its form is raised together (``FileProblems``)."""
    data, lines = load_yaml(read_text_file(path), str(path))
    check = Collector(path, lines, lines.flows)
    if not isinstance(data, dict):
        check.add("top_mapping")
        check.raise_if_any()
    try:
        return AnswerFile.model_validate(data), lines
    except ValidationError as exc:
        check.pydantic(exc, data)
        check.raise_if_any()
        raise  # not reached: the collector has the problems


def _known(step: str, check: Collector, *where: str | int) -> bool:
    if load_catalogue().step(step) is not None:
        return True
    if (*where, "step") in check.lines:  # written as {step: …}, not as a bare id
        where = (*where, "step")
    check.add("unknown_step", *where, step=step)
    return False


def answer_ticks(replay: Replay, asked: Sequence[Prompt], answers: AnswerFile, check: Collector) -> list[Tick]:
    """The ticks of an answers file on the drill clock, each with the prompt it belongs to; problems
    go to ``check``."""
    ends = dict(zip((p.number for p in asked), window_ends(replay, list(asked)), strict=True))
    by_number = {p.number: p for p in asked}
    ticks: list[Tick] = []
    for i, answer in enumerate(answers.answers):
        prompt = by_number.get(answer.inject)
        for j, item in enumerate(answer.ticks):
            if not _known(item.step, check, "answers", i, "ticks", j) or prompt is None:
                continue
            seconds = answer.seconds if item.seconds is None else item.seconds
            at = tick_time(prompt.at, seconds, ends[prompt.number])
            ticks.append(Tick(step=item.step, at=at, prompt=prompt.number, by=item.by))
    for j, timed in enumerate(answers.ticks):
        if not _known(timed.step, check, "ticks", j):
            continue
        at = timed.at.resolve(replay.start)
        if not replay.start <= at <= replay.end:
            span = f"{format_offset(replay.start - replay.start)} to {replay.loaded.offset(replay.end)}"
            check.add("outside_script", "ticks", j, "at", offset=replay.loaded.offset(at), span=span)
        elif not asked:
            check.add("no_prompts", "ticks", j)
        else:
            ticks.append(Tick(step=timed.step, at=at, prompt=_prompt_at(asked, at).number, by=timed.by))
    return ticks


def acknowledgements(
    replay: Replay, roles: Sequence[str], answers: AnswerFile, check: Collector
) -> dict[int, float]:
    """Inject number → seconds to acknowledge, for injects delivered to the trainee's roles."""
    from firedrill.replay.roles import delivered

    numbers = {replay.loaded.inject_number(i) for i, _ in delivered(replay, roles)}
    acks: dict[int, float] = {}
    for j, ack in enumerate(answers.acks):
        if ack.inject not in numbers:
            check.add("not_delivered", "acks", j, "inject", inject=ack.inject,
                      numbers=", ".join(map(str, sorted(numbers))) or "-")  # fmt: skip
        else:
            acks.setdefault(ack.inject, ack.seconds)
    return acks


def review_of(replay: Replay, answers: AnswerFile, check: Collector) -> Review:
    """The evaluators' notes (per inject, per step, and on ticks) and evaluation, checked: an inject
    number the script has, a known step, a responsible unit of chapter 2 or a role of the script."""
    from firedrill.replay.script_roles import organisation_names

    numbers = {replay.loaded.inject_number(i) for i in range(len(replay.loaded.script.injects))}
    notes = list(answers.notes)
    for j, note in enumerate(answers.notes):
        if note.inject is not None and note.inject not in numbers:
            check.add("no_inject", "notes", j, "inject", inject=note.inject)
        if note.step is not None:
            _known(note.step, check, "notes", j)
    for answer in answers.answers:
        notes += [Note(step=t.step, note=t.note, by=t.by) for t in answer.ticks if t.note]
    notes += [Note(step=t.step, note=t.note, by=t.by) for t in answers.ticks if t.note]
    evaluation = answers.evaluation
    if evaluation is not None:
        units = organisation_names() | {n for r in replay.loaded.script.roles for n in (r.id, r.name.zh, r.name.en)}
        for j, item in enumerate(evaluation.plan):
            if item.unit not in units:
                check.add("unknown_unit", "evaluation", "plan", j, "unit", unit=item.unit)
    return Review(notes=tuple(notes), evaluation=evaluation)


def _prompt_at(asked: Sequence[Prompt], at: datetime) -> Prompt:
    """The prompt whose window holds ``at``: the last at or before it, else the first."""
    return next((p for p in reversed(asked) if p.at <= at), asked[0])
