"""What a replay produces: the plan's decision at a moment, the changes between moments, the
alerts, and the timeline entries a console or the CLI shows. Entries, changes and alerts are frozen
pydantic models and the decision at a moment (made for every moment a replay reads) and an
expectation's result are frozen dataclasses; pydantic writes both alike (``model_dump(mode="json")``,
``firedrill.adapters.to_jsonable``), the documented JSON shape (docs/scenarios.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from firedrill.constraints import FORBID_EXTRA
from firedrill.models import Assessment, Level, Range, Text, Trigger
from firedrill.replay.schema import AlertCode, Method, ProcedureMark, Words


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


@dataclass(frozen=True, kw_only=True, slots=True)
class Scale:
    """Clause 4.4.2 for the current level; counts are None where the plan sets none."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    set_by_plan: bool
    stations: Range | None
    formations: Range | None
    engines: Range | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Decision:
    """What the plan demands at one moment (a compact view of the Assessment)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    level: Level
    base_level: Level
    escalated: bool
    triggers: tuple[Trigger, ...]
    grounds: tuple[str, ...]  # "clause criterion" of every reason that holds
    level_clauses: tuple[str, ...]  # the clauses that set the level now
    dispatch: Scale
    activation_set_by_plan: bool
    goes_to_scene: Text | None

    @classmethod
    def of(cls, a: Assessment) -> Decision:
        d, reasons, base, escalated = a.dispatch, a.reasons, a.base_level, a.escalated
        return cls(
            level=a.level, base_level=base, escalated=escalated, triggers=a.triggers,
            grounds=tuple([f"{r.clause} {r.criterion}" for r in reasons]),
            level_clauses=tuple(dict.fromkeys([
                r.clause for r in reasons
                if (r.kind == "grading" and r.level is base) or (r.kind == "escalation" and escalated)
            ])),
            dispatch=Scale(set_by_plan=d.set_by_plan, stations=d.stations, formations=d.formations, engines=d.engines),
            activation_set_by_plan=a.activation.set_by_plan, goes_to_scene=a.activation.goes_to_scene,
        )  # fmt: skip


class ChangeKind(StrEnum):
    LEVEL = "level"
    BASE_LEVEL = "base_level"
    ESCALATION = "escalation"
    TRIGGER_ON = "trigger_on"
    TRIGGER_OFF = "trigger_off"
    DISPATCH = "dispatch"
    ACTIVATION = "activation"
    PHASE = "phase"
    PROCEDURE_ADDED = "procedure_added"  # checklist steps the new level asks for
    PROCEDURE_REMOVED = "procedure_removed"  # steps no longer asked for at the new level


class Change(_Frozen):
    """One difference from the moment before. ``before``/``after`` are machine values (level ids,
    trigger ids, a scale as ``6—9/11—20/21—40``); ``detail`` is text for people where useful."""

    kind: ChangeKind
    before: str | None
    after: str | None
    clause: str
    detail: Text | None = None
    cites: tuple[str, ...] = ()  # playbook items serving a combat phase


class Alert(_Frozen):
    """One of the incident core's alerts (firedrill/incident/alerts.py), raised at the moment the console
    would first raise it: ``night_trigger_listed`` or ``night_trigger`` (4.3(3); the fire is not yet major,
    or is major, while the night trigger holds), ``collapse_window_open`` or ``collapse_window_past`` (a
    playbook's time window, 附件5 一(五)1). ``detail`` is the console's words; ``clause`` and ``quote``
    cite the rule or playbook parameter it comes from."""

    code: AlertCode
    at: datetime
    offset: str
    clause: str
    quote: str
    detail: Text


class FactChange(_Frozen):
    field: str
    value: str


class InjectView(_Frozen):
    number: int
    index: int
    message: Words | None
    prompt: Words | None
    phase: str | None
    sender: str | None
    to: str | None
    method: Method | None
    expected_action: Words | None
    clause: str | None
    facts: tuple[FactChange, ...]
    new_calls: int
    procedure: tuple[ProcedureMark, ...]


class EntryKind(StrEnum):
    START = "start"
    INJECT = "inject"
    ALERT = "alert"
    CHANGE = "change"  # the plan's demand changed with no inject (a call, the clock)
    END = "end"


class Entry(_Frozen):
    at: datetime
    offset: str
    kinds: tuple[EntryKind, ...]
    injects: tuple[InjectView, ...]
    calls: int  # calls received so far
    decision: Decision
    changes: tuple[Change, ...]
    alerts: tuple[Alert, ...]
    phase: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Check:
    """One field of an expectation: what the script expects and what the replay gives."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    field: str
    expected: str
    actual: str
    passed: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class ExpectationResult:
    """An expectation of the script checked at its time, with its file line."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA

    index: int
    at: datetime
    offset: str
    line: int | None
    checks: tuple[Check, ...]
    passed: bool
    why: str | None
