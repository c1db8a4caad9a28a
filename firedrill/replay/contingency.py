"""Contingency injects: an inject with ``when:`` fires only if its condition holds at its time.

The condition reads the incident's state then — the plan's level (火警等级) and triggers, the
checklist's step states — and, in a drill, the trainee's answers and ticks so far. A replay with
no trainee decides every contingency from the script alone (an ``answer`` condition never holds);
a drill decides each one when its time comes, from what the trainee has done by then.

``activate`` gives the script with only the injects that are in force (each keeps its number);
``Replay`` works on that, so nothing downstream knows about contingencies.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from firedrill.journal import Event
from firedrill.procedure.state import ChecklistState, StepState
from firedrill.replay.parser import LoadedScript
from firedrill.replay.schema_exercise import AnswerWas, Condition
from firedrill.replay.timeline import Decision
from firedrill.replay.yamlload import PathKey

DONE_STATES = (StepState.DONE, StepState.SKIPPED)


@dataclass(frozen=True)
class Answered:
    """A trainee's declared level at a prompt, beside the plan's then."""

    declared_rank: int
    required: Decision


@dataclass
class TraineeSoFar:
    """What the trainee has done by a moment of the drill."""

    answers: dict[int, Answered] = field(default_factory=dict)  # prompt number → the answer
    ticks: list[Event] = field(default_factory=list)  # the trainee's ticks as checklist events


def contingent(loaded: LoadedScript) -> tuple[int, ...]:
    return tuple(i for i, inject in enumerate(loaded.script.injects) if inject.when is not None)


def _remap(lines: Mapping[PathKey, int], old_to_new: Mapping[int, int]) -> dict[PathKey, int]:
    out: dict[PathKey, int] = {}
    for path, line in lines.items():
        if len(path) >= 2 and path[0] == "injects" and isinstance(path[1], int):
            if path[1] in old_to_new:
                out[("injects", old_to_new[path[1]], *path[2:])] = line
        else:
            out[path] = line
    return out


def activate(loaded: LoadedScript, keep: Collection[int], moved: Mapping[int, datetime] | None = None) -> LoadedScript:
    """The script with only the injects ``keep`` (indices), each with its number and, where
    ``moved`` says so, a new time (the controller's "send now"); in time order, ``when`` dropped."""
    moved = moved or {}
    script = loaded.script
    times = {i: moved.get(i, loaded.inject_times[i]) for i in keep}
    order = sorted(times, key=lambda i: (times[i], i))
    injects = tuple(script.injects[i].model_copy(update={"seq": loaded.inject_number(i), "when": None}) for i in order)
    shift = [times[i] - loaded.inject_times[i] for i in order]
    calls = tuple(tuple(t + d for t in loaded.call_times[i]) for i, d in zip(order, shift, strict=True))
    roles = tuple(loaded.inject_roles[i] for i in order) if loaded.inject_roles else ()
    return replace(
        loaded, script=script.model_copy(update={"injects": injects}), lines=_remap(loaded.lines, {
            i: n for n, i in enumerate(order)}), inject_times=tuple(times[i] for i in order), call_times=calls,
        inject_roles=roles, changes=tuple(loaded.changes[i] for i in order) if loaded.changes else (), states=(),
    )  # fmt: skip


def _answer_holds(condition: Condition, trainee: TraineeSoFar | None) -> bool:
    wanted = condition.answer
    if wanted is None:
        return True
    if trainee is None:
        return False
    given = trainee.answers.get(wanted.inject)
    if given is None:
        was = AnswerWas.NONE
    elif given.declared_rank < given.required.level.rank:
        was = AnswerWas.BELOW
    elif given.declared_rank > given.required.level.rank:
        was = AnswerWas.ABOVE
    else:
        was = AnswerWas.RIGHT
    return was in wanted.level


def holds(condition: Condition, decision: Decision, checklist: ChecklistState, trainee: TraineeSoFar | None) -> bool:
    """Whether every part of ``condition`` holds, given the plan's decision and the checklist then."""
    if condition.level is not None and decision.level not in condition.level:
        return False
    if condition.trigger is not None and not set(condition.trigger) <= set(decision.triggers):
        return False
    if condition.no_trigger is not None and set(condition.no_trigger) & set(decision.triggers):
        return False
    for step, states in (condition.step or {}).items():
        if checklist.status(step).state not in states:
            return False
    for step in condition.not_done or ():
        if checklist.status(step).state in DONE_STATES:
            return False
    return _answer_holds(condition, trainee)


def in_force(
    loaded: LoadedScript, decide: Sequence[tuple[int, bool]], undecided_out: bool = True
) -> tuple[int, ...]:
    """The indices of the injects in force: every plain inject, and the contingencies decided to fire."""
    fired = {i for i, fires in decide if fires}
    pending = set(contingent(loaded))
    return tuple(i for i in range(len(loaded.script.injects)) if i not in pending or i in fired or not undecided_out)


def trainee_at(
    at: datetime, asked: Sequence[tuple[int, datetime, Decision]], declared: Mapping[int, int], ticks: Sequence[Event]
) -> TraineeSoFar:
    """The trainee's answers to prompts before ``at`` (number, time, the plan's decision; declared
    level ranks by number) and ticks at or before it."""
    answers = {n: Answered(declared[n], required) for n, when, required in asked if when < at and n in declared}
    return TraineeSoFar(answers=answers, ticks=[e for e in ticks if e.at <= at])
