"""The drill scoring settings (``data/scoring.yaml``), validated: grades, problem severities, times,
the procedure rule; and the grade of a list of problems (``grade_of``), shared by the decision and
the procedure ratings."""

from __future__ import annotations

from collections.abc import Sequence
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
    PROCEDURE_MOSTLY_MISSED = "procedure_mostly_missed"
    PROCEDURE_MISSED = "procedure_missed"
    PROCEDURE_WRONG = "procedure_wrong"
    PROCEDURE_LATE = "procedure_late"


PROCEDURE_CODES = frozenset(
    {IssueCode.PROCEDURE_MOSTLY_MISSED, IssueCode.PROCEDURE_MISSED, IssueCode.PROCEDURE_WRONG, IssueCode.PROCEDURE_LATE}
)


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


class ProcedureScoring(_Data):
    """The procedure rating of a prompt: more than ``unable_missed_share`` of the steps due missed → U."""

    unable_missed_share: float = Field(gt=0, lt=1)
    default_deadline_minutes: float = Field(gt=0)  # a step is due this long after it is first demanded


class Scoring(_Data):
    plan: Quoted
    source: Source
    grades: tuple[GradeInfo, ...]
    issues: dict[IssueCode, Severity]
    minor_for_major: int = Field(ge=1)
    time: Times
    procedure: ProcedureScoring

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


class Issue(BaseModel):
    """One problem of an answer or of the procedure at a prompt."""

    model_config = ConfigDict(frozen=True)

    code: IssueCode
    severity: Severity
    detail: str


def grade_of(issues: Sequence[Issue], scoring: Scoring) -> GradeId:
    """Unable → U; a major problem or ``minor_for_major`` minor ones → M; one minor → S; none → P."""
    severities = [i.severity for i in issues]
    if Severity.UNABLE in severities:
        return GradeId.U
    minors = severities.count(Severity.MINOR)
    if Severity.MAJOR in severities or minors >= scoring.minor_for_major:
        return GradeId.M
    return GradeId.S if minors else GradeId.P


@cache
def load_scoring() -> Scoring:
    return load_model(Scoring, DATA_FILE)
