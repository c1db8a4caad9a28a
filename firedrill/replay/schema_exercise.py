"""The exercise parts of a script's schema (docs/exercises.md): its roles, the conditions of
contingency injects and the designer's step deadlines. Re-exported by ``schema.py``."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from firedrill.procedure.state import StepState
from firedrill.replay.timespec import Duration
from firedrill.replay.values import LevelIn, TriggerIn


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Words(_Strict):
    """Text for the players: Chinese, with English when the author gives it."""

    zh: str = Field(min_length=1)
    en: str | None = None

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.zh


def _words(value: Any) -> Any:
    return {"zh": value} if isinstance(value, str) else value


Said = Annotated[Words, BeforeValidator(_words)]


class Role(_Strict):
    """A player of the exercise: ``id`` for scripts and the CLI, a name, and optionally the body,
    group or member unit of chapter 2 it stands for (checked against ``firedrill org``)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: Said
    unit: str | None = None


def _several(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


class AnswerWas(StrEnum):
    """How the trainee's declared level at a prompt compares with the plan's then."""

    BELOW = "below"
    ABOVE = "above"
    RIGHT = "right"
    NONE = "none"  # not answered (yet)


class AnswerCondition(_Strict):
    inject: int = Field(ge=1)  # the prompt's inject number
    level: Annotated[tuple[AnswerWas, ...], BeforeValidator(_several)]


class Condition(_Strict):
    """When a contingency inject fires: every condition given holds at its time (the state from the
    other injects up to then; in a drill, also the trainee's answers and ticks so far)."""

    level: Annotated[tuple[LevelIn, ...], BeforeValidator(_several)] | None = None  # the plan's 火警等级 is one of
    trigger: Annotated[tuple[TriggerIn, ...], BeforeValidator(_several)] | None = None  # all of these hold
    no_trigger: Annotated[tuple[TriggerIn, ...], BeforeValidator(_several)] | None = None  # none of these holds
    step: dict[str, Annotated[tuple[StepState, ...], BeforeValidator(_several)]] | None = None  # in one of the states
    not_done: Annotated[tuple[str, ...], BeforeValidator(_several)] | None = None  # not done nor skipped by anyone
    answer: AnswerCondition | None = None

    @model_validator(mode="after")
    def _checks_something(self) -> Self:
        if all(getattr(self, name) is None for name in type(self).model_fields):
            raise PydanticCustomError("checks_nothing", "a condition checks nothing",
                                      {"checks": ", ".join(type(self).model_fields)})  # fmt: skip
        return self


class StepDeadlines(_Strict):
    """The designer's deadlines for the procedure steps: each step is due this long after the prompt
    at which the plan first demands it (``steps``: per step id; ``default``: any other step)."""

    default: Duration | None = None
    steps: dict[str, Duration] = {}
