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

from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.config_location import config_path
from firedrill.procedure.settings import ProcedureSettings
from firedrill.rulesconfig import RulesConfig
from firedrill.yamlio import load_model


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


def load_config(explicit: Path | None = None) -> Config:
    """Load the user's config; an explicit or env-named file must exist and be valid."""
    path = config_path(explicit)
    if path is None:
        return Config()
    return load_model(Config, path)
