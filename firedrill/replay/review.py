"""The evaluators' part of a drill (HSEEP's exercise evaluation guide and after-action report):
notes per inject and per step, a rating changed with a reason, and the evaluation — strengths,
areas for improvement and the improvement plan (corrective action, responsible unit, due date).

All of it is written in the answers file (docs/exercises.md) by the evaluator after the drill, or
into the answers file a terminal drill writes, and scored again with ``--answers``. An override
replaces the rating the rule gave and is shown beside it with its reason; the score counts the
override. The plan says nothing about evaluators: this is firedrill's exercise practice.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.replay.scoring import GradeId


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Override(_Strict):
    """A rating changed by an evaluator: the new rating and why (a reason is required)."""

    grade: GradeId
    reason: str = Field(min_length=1)
    by: str | None = None


class Note(_Strict):
    """An evaluator's note on an inject (``inject``) or on a procedure step (``step``)."""

    inject: int | None = Field(default=None, ge=1)
    step: str | None = None
    note: str = Field(min_length=1)
    by: str | None = None

    @model_validator(mode="after")
    def _about_something(self) -> Note:
        if (self.inject is None) == (self.step is None):
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError("note_about", "a note is about an inject or a step")
        return self


class PlanItem(_Strict):
    """One row of the improvement plan."""

    action: str = Field(min_length=1)  # the corrective action
    unit: str = Field(min_length=1)  # the responsible unit (chapter 2, or a role of the script)
    due: date
    issue: str | None = None  # the area for improvement it answers


class Evaluation(_Strict):
    evaluator: str | None = None
    strengths: tuple[str, ...] = ()
    improvements: tuple[str, ...] = ()  # areas for improvement
    plan: tuple[PlanItem, ...] = ()


class Review(_Strict):
    """Everything evaluators added, as the drill result keeps it."""

    notes: tuple[Note, ...] = ()
    evaluation: Evaluation | None = None
