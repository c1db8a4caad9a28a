"""The incident's facts after each inject of a script, each an Incident, checked when the script is
read: the Incident's own bounds (an area, a loss, a speed, a report time, a reason's length) are
tighter than the script blocks', and the calls of every inject together may not pass its bound on
their number. A fact or a call past a bound is a problem naming the inject's line and the field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import datetime
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from firedrill.adapters import validate
from firedrill.bounds import MAX_CALLS
from firedrill.incident_plain import plain_calls, plain_update, with_calls
from firedrill.models import Incident
from firedrill.replay.problems import Collector
from firedrill.replay.schema import Inject

_BLOCKS = ("incident", "weather", "flags")


@cache
def _order(block: type[BaseModel]) -> tuple[str, ...]:
    return tuple(block.model_fields)


def given_facts(block: BaseModel) -> dict[str, Any]:
    """The fields a block of facts gives, in its order: ``model_dump(exclude_unset=True)`` of a block
    whose values are single values (no model inside), without its cost."""
    given = block.model_fields_set
    return {name: getattr(block, name) for name in _order(type(block)) if name in given}


def changes_of(inject: Inject) -> dict[str, Any]:
    """Every Incident field the inject changes: its blocks, and a corrected report time."""
    values: dict[str, Any] = {}
    for block in (inject.incident, inject.weather, inject.flags):
        if block is not None:
            values.update(given_facts(block))
    if inject.reported_at is not None:
        values["reported_at"] = inject.reported_at
    return values


def _where(inject: Inject, name: str) -> tuple[str, ...]:
    """The key path, within the inject, of the fact ``name`` it changes."""
    for block in _BLOCKS:
        given = getattr(inject, block)
        if given is not None and name in given.model_fields_set:
            return (block,)
    return ()


def fact_states(
    initial: Incident, injects: Sequence[Inject], changes: Sequence[Mapping[str, Any]], check: Collector
) -> tuple[Incident, ...]:
    """The Incident of the facts in force after each number of injects (none heard a call). An inject
    whose facts pass a bound is a problem, and the facts before it stand for the checks after it."""
    states = [with_calls(initial, ())]
    for index, (inject, changed) in enumerate(zip(injects, changes, strict=True)):
        state = plain_update(states[-1], changed)
        if state is None:
            data = {**{f.name: getattr(states[-1], f.name) for f in fields(Incident)}, **changed}
            try:
                state = validate(Incident, data)
            except ValidationError:
                _name_the_facts(states[-1], inject, index, changed, check)
                state = states[-1]
        states.append(state)
    return tuple(states)


def _name_the_facts(before: Incident, inject: Inject, index: int, changed: Mapping[str, Any],
                    check: Collector) -> None:  # fmt: skip
    """Each fact of the inject that the Incident refuses, named where the inject gives it."""
    for name, value in changed.items():
        data = {"reported_at": before.reported_at, name: value}
        try:
            validate(Incident, data)
        except ValidationError as exc:
            check.pydantic(exc, data, "injects", index, *_where(inject, name))


def check_calls(initial: Incident, call_times: Sequence[Sequence[datetime]], check: Collector) -> None:
    """Every call time a moment the Incident takes, and no more calls than it holds, named at the inject
    whose calls pass the bound."""
    total = len(initial.calls)
    for index, times in enumerate(call_times):
        total += len(times)
        if total > MAX_CALLS:
            check.add("too_many_calls", "injects", index, "calls", limit=MAX_CALLS, total=total)
            return
        if times and plain_calls(times) is None:
            data = {"reported_at": initial.reported_at, "calls": list(times)}
            try:
                validate(Incident, data)
            except ValidationError as exc:
                check.pydantic(exc, data, "injects", index)
