"""The expectations of a script's schema: what must hold at a time (level, triggers, dispatch,
alerts, checklist steps), each with the hand derivation from the plan. Re-exported by ``schema.py``."""

from __future__ import annotations

from enum import StrEnum
from operator import attrgetter
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from firedrill.incident.alerts import COLLAPSE, NIGHT, NIGHT_LISTED
from firedrill.playbook.calculators import WindowStatus
from firedrill.procedure.state import StepState
from firedrill.replay.timespec import WhenField
from firedrill.replay.values import LevelIn, TriggerIn


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class AlertCode(StrEnum):
    """The incident core's alert codes (firedrill/incident/alerts.py): a replay raises the same alerts."""

    NIGHT_TRIGGER = NIGHT
    NIGHT_TRIGGER_LISTED = NIGHT_LISTED
    COLLAPSE_WINDOW_OPEN = COLLAPSE[WindowStatus.INSIDE]
    COLLAPSE_WINDOW_PAST = COLLAPSE[WindowStatus.PAST]
    # The member's old name, an alias of the same code (not a code of its own), until
    # tests/replay/test_record_facts.py names COLLAPSE_WINDOW_OPEN.
    COLLAPSE_WINDOW_OPENS = COLLAPSE_WINDOW_OPEN


def _alert_code(value: Any) -> Any:
    """One clear error for a code that is not the core's (e.g. an old script's ``night_window``)."""
    if not isinstance(value, str) or value not in {code.value for code in AlertCode}:
        accepted = ", ".join(code.value for code in AlertCode)
        raise PydanticCustomError("alert_code", "unknown alert code", {"accepted": accepted, "got": value})
    return value


class DispatchExpect(_Strict):
    """Expected dispatch scale of clause 4.4.2: each count is the minimum the plan sets."""

    set_by_plan: bool | None = None
    stations: int | None = Field(default=None, ge=0)
    formations: int | None = Field(default=None, ge=0)
    engines: int | None = Field(default=None, ge=0)


class Expectation(_Strict):
    at: WhenField
    level: LevelIn | None = None
    base_level: LevelIn | None = None
    escalated: bool | None = None
    triggers: tuple[TriggerIn, ...] | None = None  # exactly these hold (order does not matter)
    dispatch: DispatchExpect | None = None
    alert: Annotated[AlertCode, BeforeValidator(_alert_code)] | None = None  # fired at or before ``at``
    procedure: dict[str, StepState] | None = None  # checklist step id: its state at ``at``
    why: str | None = None  # the hand derivation from the plan

    @model_validator(mode="after")
    def _checks_something(self) -> Self:
        if _CHECKED(self).count(None) == len(_CHECKS):
            raise PydanticCustomError("checks_nothing", "an expectation checks nothing", {"checks": ", ".join(_CHECKS)})
        return self


# What an expectation may check; every script's every expectation is asked for them, in one step.
_CHECKS = ("level", "base_level", "escalated", "triggers", "dispatch", "alert", "procedure")
_CHECKED = attrgetter(*_CHECKS)
