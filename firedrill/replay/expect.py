"""Expectations: what a script says must hold at a time, checked against the replay.

A failed expectation is reported with its file and line, the field, the expected and the actual
value; it is never swallowed. Dispatch counts are compared with the minimum of clause 4.4.2.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from firedrill.models import Level, Range, Trigger
from firedrill.procedure.state import ChecklistState, StepState
from firedrill.replay.engine import Replay
from firedrill.replay.schema import AlertCode, DispatchExpect, Expectation
from firedrill.replay.timeline import Check, ExpectationResult


class DispatchView(Protocol):
    """A dispatch scale as an expectation reads it (clause 4.4.2: whether set, and each count)."""

    @property
    def set_by_plan(self) -> bool: ...
    @property
    def stations(self) -> Range | None: ...
    @property
    def formations(self) -> Range | None: ...
    @property
    def engines(self) -> Range | None: ...


class Demand(Protocol):
    """What an expectation checks: the plan's demand at a moment, as an Assessment or its Decision gives it."""

    @property
    def level(self) -> Level: ...
    @property
    def base_level(self) -> Level: ...
    @property
    def escalated(self) -> bool: ...
    @property
    def triggers(self) -> tuple[Trigger, ...]: ...
    @property
    def dispatch(self) -> DispatchView: ...


def _check(field: str, expected: object, actual: object) -> Check:
    return Check(field=field, expected=_text(expected), actual=_text(actual), passed=expected == actual)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, frozenset):
        return ",".join(sorted(str(getattr(v, "value", v)) for v in value)) or "(none)"
    if value is None:
        return "(not set)"
    return str(getattr(value, "value", value))


def _minimum(r: Range | None) -> int | None:
    return None if r is None else r.minimum


def _dispatch_checks(expected: DispatchExpect, demand: Demand) -> list[Check]:
    scale = demand.dispatch
    checks = []
    if expected.set_by_plan is not None:
        checks.append(_check("dispatch.set_by_plan", expected.set_by_plan, scale.set_by_plan))
    for name in ("stations", "formations", "engines"):
        wanted = getattr(expected, name)
        if wanted is not None:
            checks.append(_check(f"dispatch.{name}", wanted, _minimum(getattr(scale, name))))
    return checks


def _procedure_checks(expected: dict[str, StepState], checklist: ChecklistState) -> list[Check]:
    return [_check(f"procedure.{step}", state, checklist.status(step).state) for step, state in expected.items()]


def _checks(expectation: Expectation, d: Demand, fired: Collection[AlertCode],
            checklist: ChecklistState | None) -> list[Check]:  # fmt: skip
    checks = []
    if expectation.level is not None:
        checks.append(_check("level", expectation.level, d.level))
    if expectation.base_level is not None:
        checks.append(_check("base_level", expectation.base_level, d.base_level))
    if expectation.escalated is not None:
        checks.append(_check("escalated", expectation.escalated, d.escalated))
    if expectation.triggers is not None:
        checks.append(_check("triggers", frozenset(expectation.triggers), frozenset(d.triggers)))
    if expectation.dispatch is not None:
        checks += _dispatch_checks(expectation.dispatch, d)
    if expectation.alert is not None:
        raised = expectation.alert in fired
        checks.append(Check(field="alert", expected=expectation.alert.value,
                            actual=expectation.alert.value if raised else "(not fired)", passed=raised))  # fmt: skip
    if expectation.procedure is not None and checklist is not None:
        checks += _procedure_checks(expectation.procedure, checklist)
    return checks


def check_replay(replay: Replay) -> tuple[ExpectationResult, ...]:
    """Every expectation of the script, checked at its time (against the parts of ``state_at(at)`` it reads)."""
    loaded = replay.loaded
    results = []
    # Every moment assessed first, one after another: the rules stay in cache.
    demands = [replay.assess_at(at) for at in loaded.expect_times]
    for index, (expectation, at) in enumerate(zip(loaded.script.expect, loaded.expect_times, strict=True)):
        checklist = replay.checklist_at(at) if expectation.procedure else None
        fired = {a.code for a in replay.alerts if a.at <= at} if expectation.alert is not None else set()
        checks = tuple(_checks(expectation, demands[index], fired, checklist))
        results.append(ExpectationResult(
            index=index, at=at, offset=loaded.offset(at), line=loaded.line("expect", index), checks=checks,
            passed=not any([not c.passed for c in checks]), why=expectation.why,
        ))  # fmt: skip
    return tuple(results)
