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


class RangeEnd(StrEnum):
    MINIMUM = "minimum"
    MAXIMUM = "maximum"


class TankType(_Strict):
    """A kind of tank, taking one end of the plan's intensity range."""

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    name: Text
    end: RangeEnd
    aliases: tuple[str, ...] = ()

    def known_as(self, text: str) -> bool:
        wanted = text.strip().casefold().replace(" ", "-")
        return wanted == self.id or wanted in {a.casefold() for a in self.aliases}


class BranchFlow(_Strict):
    note: Text
    not_given: Text


class Plausible(_Strict):
    """Bounds beyond which an input or result is probably mistyped (a warning, not a refusal)."""

    diameter_m: float = Field(gt=0)
    height_m: float = Field(gt=0)
    neighbours: int = Field(gt=0)
    total_flow_ls: float = Field(gt=0)
    branch_flow_ls: float = Field(gt=0)


class PlausibleWarnings(_Strict):
    diameter_m: Text
    height_m: Text
    neighbours: Text
    total_flow_ls: Text
    branch_flow_ls: Text


class TankCooling(_Strict):
    playbook: str
    burning_parameter: str
    adjacent_parameter: str
    accepted_units: tuple[str, ...] = Field(min_length=1)
    default_reading: str
    type_reading: Text
    figure_note: Text
    burning_types: tuple[TankType, ...] = Field(min_length=1)
    adjacent_types: tuple[TankType, ...] = Field(min_length=1)
    default_burning_type: str
    default_adjacent_type: str
    default_type_note: Text
    branch_flow: BranchFlow
    plausible: Plausible
    warnings: PlausibleWarnings
    assumptions: tuple[Text, ...] = ()
    readings: tuple[CoolingReading, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _defaults_exist(self) -> Self:
        self.reading(self.default_reading)
        self.tank_type(self.default_burning_type, burning=True)
        self.tank_type(self.default_adjacent_type, burning=False)
        return self

    def reading(self, reading_id: str) -> CoolingReading:
        for reading in self.readings:
            if reading.id == reading_id:
                return reading
        raise ValueError(f"no cooling reading '{reading_id}'")

    def tank_type(self, text: str, *, burning: bool) -> TankType:
        """The burning (or adjacent) tank type named ``text`` by id or alias."""
        for kind in self.burning_types if burning else self.adjacent_types:
            if kind.known_as(text):
                return kind
        raise ValueError(f"no {'burning' if burning else 'adjacent'} tank type '{text}'")


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
    before_window: Text


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
