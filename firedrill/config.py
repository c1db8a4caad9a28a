"""User configuration: local settings the plan leaves to the command centre.

Political events and sensitive areas (4.3(1)) come only from here; none are built in. The
rising-calls rule (4.3(4)) has parameters here because the plan sets no numbers for it: the
defaults are local settings of this tool, not the plan's. The file is YAML, found at
``--config``, else ``$FIREDRILL_CONFIG``, else ``<user config dir>/firedrill/config.yaml``.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.procedure.settings import ProcedureSettings
from firedrill.timeutil import to_local
from firedrill.yamlio import load_model

CONFIG_ENV = "FIREDRILL_CONFIG"


class Period(BaseModel):
    """A named period. Dates are whole local days, both ends included; datetimes are [start, end)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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


class RisingCallsRule(BaseModel):
    """4.3(4) 电话持续增多, read as: call counts per bucket strictly rising over the last buckets.

    Local setting: the plan gives no numbers.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    bucket_minutes: int = Field(default=10, gt=0, le=240)
    buckets: int = Field(default=3, ge=2, le=12)


class RulesConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    political_events: tuple[Period, ...] = ()
    extra_holidays: tuple[Period, ...] = ()
    sensitive_areas: tuple[str, ...] = ()
    rising_calls: RisingCallsRule = RisingCallsRule()


class Config(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rules: RulesConfig = RulesConfig()
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
