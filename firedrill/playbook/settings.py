"""The readings the calculators apply (``data/calculators.yaml``), validated.

The plan's numbers stay in the playbooks; this file only says which playbook parameter each
calculator reads and how it applies it where the plan is silent (which area, which boundary).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.models import Text
from firedrill.yamlio import load_model

DATA_FILE = Path(__file__).parent / "data" / "calculators.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Measure(StrEnum):
    WALL_AREA = "wall_area"  # π·D·H, m²
    CIRCUMFERENCE = "circumference"  # π·D, m


class CoolingReading(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    name: Text
    measure: Measure
    burning_share: float = Field(gt=0, le=1)  # share of the burning tank's wall or circumference cooled
    adjacent_share: float = Field(gt=0, le=1)  # share of each adjacent tank's
    intensity_unit: str
    citation: str
    explanation: Text
    caution: Text


class TankCooling(_Strict):
    playbook: str
    burning_parameter: str
    adjacent_parameter: str
    accepted_units: tuple[str, ...] = Field(min_length=1)
    default_reading: str
    assumptions: tuple[Text, ...] = ()
    readings: tuple[CoolingReading, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _default_exists(self) -> Self:
        self.reading(self.default_reading)
        return self

    def reading(self, reading_id: str) -> CoolingReading:
        for reading in self.readings:
            if reading.id == reading_id:
                return reading
        raise ValueError(f"no cooling reading '{reading_id}'")


class Boundary(StrEnum):
    INNER = "inner"  # a distance on a boundary belongs to the inner (more dangerous) zone
    OUTER = "outer"


class WarningZone(_Strict):
    playbook: str
    zones: tuple[str, ...] = Field(min_length=2)  # parameter ids, innermost first
    accepted_units: tuple[str, ...] = Field(min_length=1)
    boundary: Boundary
    reading: Text
    citation: str
    entrance_officers: str | None = None  # parameter id: safety officers at each cordon entrance


class CollapseWindow(_Strict):
    playbook: str
    parameter: str
    accepted_units: tuple[str, ...] = Field(min_length=1)
    reading: Text
    after_window: Text


class MetroTeams(_Strict):
    playbook: str
    recon_group_count: str
    recon_group_size: str
    attack_group_size: str
    attack_group_spacing: str
    reading: Text


class CalculatorSettings(_Strict):
    tank_cooling: TankCooling
    warning_zone: WarningZone
    collapse_window: CollapseWindow
    metro_teams: MetroTeams


@cache
def load_settings() -> CalculatorSettings:
    return load_model(CalculatorSettings, DATA_FILE)
