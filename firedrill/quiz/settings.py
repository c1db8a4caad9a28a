"""The quiz's local settings (``data/settings.yaml``): draw offsets, Leitner intervals, exam defaults.

None of these numbers is the plan's: the plan (3.3) asks for training and drills and sets no
count, pass mark or schedule. Each group carries the reason for its numbers in the file itself.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.playbook.schema import SectionKind
from firedrill.rules.schema import Measure
from firedrill.yamlio import load_model

DATA_DIR = Path(__file__).parent / "data"
SETTINGS_FILE = DATA_DIR / "settings.yaml"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlanRef(_Data):
    clause: str
    quote: str = Field(min_length=1)


class Generation(_Data):
    reason: str
    max_attempts: int = Field(ge=1)
    choices: int = Field(ge=2, le=9)
    numeric_share: float = Field(ge=0, le=1)
    true_false_share: float = Field(ge=0, le=1)


class Draw(_Data):
    reason: str
    offsets: dict[Measure, tuple[float, ...]]
    second_measure_chance: float = Field(ge=0, le=1)
    hazard_chance: float = Field(ge=0, le=1)
    boundary_chance: float = Field(ge=0, le=1)
    clock_offsets_min: tuple[int, ...] = Field(min_length=1)
    wind_offsets: tuple[int, ...] = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    zone_offsets_m: tuple[float, ...] = Field(min_length=1)
    window_margins_min: tuple[float, ...] = Field(min_length=1)
    standby_offsets: tuple[float, ...] = Field(min_length=1)
    config_only_days: tuple[tuple[date, date], ...] = ()  # (first, last) day, both included

    def avoided_days(self) -> frozenset[date]:
        """Days never drawn as ordinary: occasions a reader may count under 4.3(1) that only a config names."""
        days: set[date] = set()
        for first, last in self.config_only_days:
            days.update(first + timedelta(days=i) for i in range((last - first).days + 1))
        return frozenset(days)

    @model_validator(mode="after")
    def _off_the_edges(self) -> Self:
        if 0 in self.zone_offsets_m or any(m <= 0 for m in self.window_margins_min):
            raise ValueError("zone offsets and window margins must keep off the limits (no 0)")
        return self

    @model_validator(mode="after")
    def _every_number_measure(self) -> Self:
        missing = [m.value for m in Measure if m is not Measure.HAZARDS and m not in self.offsets]
        if missing:
            raise ValueError(f"offsets missing for: {', '.join(missing)}")
        return self


class CommandSettings(_Data):
    reason: str
    other_phones: tuple[str, ...] = Field(min_length=2)
    not_named_in_443: tuple[str, ...] = Field(min_length=3)


class EscalationSettings(_Data):
    incidents: int = Field(ge=2, le=9)


class Equivalent(_Data):
    """Playbook items (by citation) that say the same thing in other words."""

    reason: str
    items: tuple[str, ...] = Field(min_length=2)


class ScenarioSettings(_Data):
    reason: str
    sections: tuple[SectionKind, ...] = Field(min_length=1)
    min_chars: int = Field(ge=1)
    similarity: float = Field(gt=0, le=1)
    section_similarity: dict[SectionKind, float] = {}  # a section written as one long paragraph
    max_alike: int = Field(ge=0)
    equivalent: tuple[Equivalent, ...] = ()

    def similarity_for(self, section: SectionKind) -> float:
        return self.section_similarity.get(section, self.similarity)

    def equivalent_to(self, citation: str) -> set[str]:
        return {c for group in self.equivalent if citation in group.items for c in group.items} - {citation}


class PhaseSettings(_Data):
    reason: str
    sizes: tuple[int, ...] = Field(min_length=1)


class LeitnerSettings(_Data):
    reason: str
    intervals_days: tuple[float, ...] = Field(min_length=2)

    @property
    def boxes(self) -> int:
        return len(self.intervals_days)


class ScheduleSettings(_Data):
    reason: str
    desired_retention: float = Field(gt=0, lt=1)


class ExamSettings(_Data):
    reason: str
    default_n: int = Field(ge=1)
    pass_mark: float = Field(ge=0, le=100)
    max_n: int = Field(ge=1)


class PracticeSettings(_Data):
    default_n: int = Field(ge=1)


class NameSettings(_Data):
    reason: str
    max_length: int = Field(ge=1)


class AnswersSettings(_Data):
    reason: str
    max_bytes: int = Field(ge=1)


class TimeLimitSettings(_Data):
    reason: str
    max_minutes: int = Field(ge=1)


class QuizSettings(_Data):
    plan: PlanRef
    topics: tuple[str, ...] = Field(min_length=1)
    generation: Generation
    draw: Draw
    escalation: EscalationSettings
    command: CommandSettings
    scenario: ScenarioSettings
    phases: PhaseSettings
    leitner: LeitnerSettings
    schedule: ScheduleSettings
    exam: ExamSettings
    practice: PracticeSettings
    names: NameSettings
    time_limit: TimeLimitSettings
    answers: AnswersSettings


@cache
def load_settings() -> QuizSettings:
    return load_model(QuizSettings, SETTINGS_FILE)
