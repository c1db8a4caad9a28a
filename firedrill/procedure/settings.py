"""Local time targets for the procedure: the plan sets no minutes, so every number here is local.

The plan says 迅速, 立即, 及时 but never how many minutes. A command centre may set its own
targets, e.g. "report to the city government within 15 minutes of the level being determined":

    procedure:
      targets:
        activation_reports: {minutes: 15, after: level_determined}

``targets`` maps a time-target key named by the steps (``firedrill procedure steps --json``
lists them) to minutes counted from ``after``: ``reported`` (the incident's report time) or a
step id (the time that step was done). With no targets, no step is ever overdue.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from firedrill.errors import InputError
from firedrill.yamlio import describe_validation_error, parse_yaml

REPORTED = "reported"  # the anchor meaning: the incident's report time
SETTINGS_KEY = "procedure"
SECONDS_PER_MINUTE = 60


class TimeTarget(BaseModel):
    """Within ``minutes`` of ``after``. A local setting, never the plan's."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    minutes: float = Field(gt=0)
    after: str = REPORTED

    def span(self) -> timedelta:
        return timedelta(seconds=self.minutes * SECONDS_PER_MINUTE)


class ProcedureSettings(BaseModel):
    """The ``procedure:`` mapping of the config file. Default: no targets."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    targets: dict[str, TimeTarget] = {}

    @field_validator("targets")
    @classmethod
    def _known_keys(cls, value: dict[str, TimeTarget]) -> dict[str, TimeTarget]:
        from firedrill.procedure.loader import load_catalogue  # only when targets are set

        catalogue = load_catalogue()
        keys = catalogue.target_keys()
        for key, target in value.items():
            if key not in keys:
                raise ValueError(f"unknown time target '{key}'; known: {', '.join(sorted(keys))}")
            if target.after != REPORTED and catalogue.step(target.after) is None:
                raise ValueError(f"time target '{key}': 'after' is '{REPORTED}' or a step id, not {target.after!r}")
            if target.after in keys[key]:
                raise ValueError(f"time target '{key}' cannot be measured from '{target.after}', a step it measures")
        return value


class _File(BaseModel):
    """A config file seen only for its ``procedure:`` mapping; other keys belong to firedrill.config."""

    model_config = ConfigDict(extra="ignore")

    procedure: ProcedureSettings = ProcedureSettings()


def load_settings(path: Path | None) -> ProcedureSettings:
    """The ``procedure:`` mapping of the config file at ``path``; no file means no targets."""
    if path is None:
        return ProcedureSettings()
    from firedrill.textfile import read_text_file

    data, lines = parse_yaml(read_text_file(path), path)
    if data is None:
        return ProcedureSettings()
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top of the file", file=path, line=1)
    try:
        return _File.model_validate(data).procedure
    except ValidationError as exc:
        raise describe_validation_error(exc, path, lines) from None


def settings_from(config: Any) -> ProcedureSettings:
    """The procedure settings of a loaded ``firedrill.config.Config`` once it has a ``procedure`` field."""
    value = getattr(config, SETTINGS_KEY, None)
    return value if isinstance(value, ProcedureSettings) else ProcedureSettings()
