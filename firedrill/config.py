"""User configuration: local settings the plan leaves to the command centre.

Political events and sensitive areas (4.3(1)) come only from here; none are built in. The
rising-calls rule (4.3(4)) has parameters here because the plan sets no numbers for it: the
defaults are local settings of this tool, not the plan's. A year's official holiday blocks
(4.3(1) 重大节日), when the State Council's notice for that year is out but not yet shipped with
firedrill, are entered here too (``rules.holiday_years``, the shape of
``firedrill/rules/data/holidays_official.yaml``). The file is YAML, found at ``--config``, else
``$FIREDRILL_CONFIG``, else ``<user config dir>/firedrill/config.yaml``.
"""

from __future__ import annotations

import itertools
import os
from datetime import date, datetime
from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from firedrill.models import Text
from firedrill.procedure.settings import ProcedureSettings
from firedrill.timeutil import to_local
from firedrill.yamlio import load_model

CONFIG_ENV = "FIREDRILL_CONFIG"


class Period(BaseModel):
    """A named period. Dates are whole local days, both ends included; datetimes are [start, end)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    name: str = Field(min_length=1)
    start: datetime | date
    end: datetime | date

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as local datetimes [start, end)."""
        start = self.start if isinstance(self.start, datetime) else datetime.combine(self.start, datetime.min.time())
        if isinstance(self.end, datetime):
            end = self.end
        else:
            end = datetime.combine(date.fromordinal(self.end.toordinal() + 1), datetime.min.time())
        return to_local(start), to_local(end)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        start, end = self.bounds()
        if end <= start:
            raise ValueError(f"period '{self.name}' ends before it starts")
        return self


SATURDAY = 5


class HolidayNotice(BaseModel):
    """The State Council notice that fixes one year's holidays (国务院办公厅关于YYYY年部分节假日安排的通知)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    title: str = Field(min_length=1)
    number: str | None = None  # 文号, e.g. 国办发明电〔2024〕12号
    number_note: Text | None = None  # e.g. "not verified here"
    issued: date | None = None
    url: str | None = None


class OfficialBlock(BaseModel):
    """One run of days off the notice sets (放假调休), both ends included."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    name: Text
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"block '{self.name.zh}' ends before it starts")
        if (self.end - self.start).days > 31:
            raise ValueError(f"block '{self.name.zh}' is longer than a month")
        return self


class HolidayYear(BaseModel):
    """One year's official holiday blocks and make-up working days (调休上班), from its notice."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    year: int = Field(ge=2000, le=2100)
    notice: HolidayNotice
    blocks: tuple[OfficialBlock, ...] = Field(min_length=1)
    workdays: tuple[date, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for block in self.blocks:
            if self.year not in (block.start.year, block.end.year):
                raise ValueError(f"block '{block.name.zh}' ({block.start}—{block.end}) is not in {self.year}")
        ordered = sorted(self.blocks, key=lambda b: b.start)
        for before, after in itertools.pairwise(ordered):
            if after.start <= before.end:
                raise ValueError(f"blocks '{before.name.zh}' and '{after.name.zh}' overlap")
        for day in self.workdays:
            if day.year != self.year:
                raise ValueError(f"make-up working day {day} is not in {self.year}")
            if day.weekday() < SATURDAY:
                raise ValueError(f"make-up working day {day} is not a Saturday or Sunday")
            if any(b.start <= day <= b.end for b in self.blocks):
                raise ValueError(f"make-up working day {day} lies inside a block")
        return self


def unique_years(years: tuple[HolidayYear, ...]) -> tuple[HolidayYear, ...]:
    seen: set[int] = set()
    for entry in years:
        if entry.year in seen:
            raise ValueError(f"holiday year {entry.year} is given twice")
        seen.add(entry.year)
    return years


class RisingCallsRule(BaseModel):
    """4.3(4) 报告同一地点火警的电话持续增多, read as a local setting (the plan gives no numbers).

    ``method: window`` (default): the first report counts as a call, and the trigger holds once
    ``calls`` calls have come within ``window_minutes`` minutes. ``method: buckets`` (the former
    reading): call counts per ``bucket_minutes`` bucket strictly rising over the last ``buckets``
    buckets. Either way the trigger is latched: once it held it holds for the incident until the
    dispatcher clears it (``rising_calls: false``). Defaults justified in docs/rules.md.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    method: Literal["window", "buckets"] = "window"
    calls: int = Field(default=5, ge=2, le=100)
    window_minutes: int = Field(default=10, gt=0, le=240)
    bucket_minutes: int = Field(default=10, gt=0, le=240)
    buckets: int = Field(default=3, ge=2, le=12)


class RulesConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    political_events: tuple[Period, ...] = ()
    extra_holidays: tuple[Period, ...] = ()
    sensitive_areas: tuple[str, ...] = ()
    rising_calls: RisingCallsRule = RisingCallsRule()
    # Official holiday years a command centre adds from a State Council notice; a year here
    # replaces the shipped one of the same year.
    holiday_years: tuple[HolidayYear, ...] = ()

    @field_validator("holiday_years")
    @classmethod
    def _unique_holiday_years(cls, value: tuple[HolidayYear, ...]) -> tuple[HolidayYear, ...]:
        return unique_years(value)


class StationsConfig(BaseModel):
    """The command centre's own road network and stations (docs/stations.md); paths relative to this file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    graph: Path | None = None
    stations: Path | None = None
    max_snap_m: float | None = Field(default=None, gt=0, le=100_000)

    @model_validator(mode="after")
    def _together(self) -> Self:
        if (self.graph is None) != (self.stations is None):
            raise ValueError("stations.graph and stations.stations go together")
        return self


class Config(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    rules: RulesConfig = RulesConfig()
    stations: StationsConfig = StationsConfig()
    procedure: ProcedureSettings = ProcedureSettings()
    playbook_dirs: tuple[Path, ...] = ()
    lang: str = Field(default="zh", pattern="^(zh|en)$")


def config_path(explicit: Path | None = None) -> Path | None:
    """The config file to read, or None when there is none."""
    if explicit is not None:
        return explicit
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    default = Path(user_config_dir("firedrill")) / "config.yaml"
    return default if default.exists() else None


def load_config(explicit: Path | None = None) -> Config:
    """Load the user's config; an explicit or env-named file must exist and be valid."""
    path = config_path(explicit)
    if path is None:
        return Config()
    return load_model(Config, path)
