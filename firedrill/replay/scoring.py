"""The drill scoring settings (``data/scoring.yaml``), validated: grades, problem severities, times."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.models import Text
from firedrill.yamlio import load_model

DATA_FILE = Path(__file__).parent / "data" / "scoring.yaml"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GradeId(StrEnum):
    P = "P"
    S = "S"
    M = "M"
    U = "U"


class IssueCode(StrEnum):
    NO_ANSWER = "no_answer"
    LEVEL_BELOW = "level_below"
    LEVEL_ABOVE = "level_above"
    OVER_TIME_LIMIT = "over_time_limit"
    TRIGGERS_DIFFER = "triggers_differ"
    DISPATCH_OUTSIDE = "dispatch_outside"
    DISPATCH_MISSING = "dispatch_missing"
    OVER_TIME_TARGET = "over_time_target"


class Severity(StrEnum):
    UNABLE = "unable"
    MAJOR = "major"
    MINOR = "minor"


class GradeInfo(_Data):
    id: GradeId
    points: int = Field(ge=0)
    name: Text


class Quoted(_Data):
    clause: str
    quote: str


class Source(_Data):
    name: Text
    note: Text


class Times(_Data):
    target_seconds: float = Field(gt=0)
    limit_seconds: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.limit_seconds < self.target_seconds:
            raise ValueError("limit_seconds must not be below target_seconds")
        return self


class Scoring(_Data):
    plan: Quoted
    source: Source
    grades: tuple[GradeInfo, ...]
    issues: dict[IssueCode, Severity]
    minor_for_major: int = Field(ge=1)
    time: Times

    @model_validator(mode="after")
    def _complete(self) -> Self:
        ids = [g.id for g in self.grades]
        if sorted(ids) != sorted(GradeId) or len(ids) != len(set(ids)):
            raise ValueError("grades must list P, S, M and U once each")
        points = [g.points for g in self.grades]
        if points != sorted(points, reverse=True) or len(set(points)) != len(points):
            raise ValueError("grades must be listed best first with strictly falling points")
        missing = [c.value for c in IssueCode if c not in self.issues]
        if missing:
            raise ValueError(f"issues lacks a severity for: {', '.join(missing)}")
        return self

    def grade(self, grade_id: GradeId) -> GradeInfo:
        return next(g for g in self.grades if g.id is grade_id)

    @property
    def best(self) -> GradeInfo:
        return self.grades[0]


@cache
def load_scoring() -> Scoring:
    return load_model(Scoring, DATA_FILE)
