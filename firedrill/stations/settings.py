"""The planner's reading of 4.4.1/4.4.2 as data: roles of unit kinds and the wording of reasons.

Loaded once from ``data/settings.yaml`` and validated; a bad file is an InputError naming its line.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from firedrill.models import Level, Text
from firedrill.stations.kinds import StationKind
from firedrill.yamlio import load_model

DATA_DIR = Path(__file__).parent / "data"
SETTINGS_PATH = DATA_DIR / "settings.yaml"


class Code(StrEnum):
    """Why a unit is sent, held back or missing; every code has its wording in settings.yaml."""

    MAIN_STATION = "main_station"
    SPECIAL_SERVICE_STATION = "special_service_station"
    MULTI_FORM_TEAM = "multi_form_team"
    NEIGHBOURING_STATION = "neighbouring_station"
    AFFILIATED_SMALL_STATION = "affiliated_small_station"
    TO_REACH_MINIMUM = "to_reach_minimum"
    SPECIAL_UNIT = "special_unit"
    NEEDED_DESPITE_STANDBY = "needed_despite_standby"
    BEYOND_STANDBY_LIMIT = "beyond_standby_limit"
    COMMITTED_ELSEWHERE = "committed_elsewhere"
    RESERVED_FOR_LARGER = "reserved_for_larger"
    ON_STANDBY_STATUS = "on_standby_status"
    OUT_OF_SERVICE = "out_of_service"
    UNREACHABLE = "unreachable"
    ALREADY_SENT = "already_sent"
    NO_UNIT_OF_KIND = "no_unit_of_kind"
    NOT_ENOUGH_UNITS = "not_enough_units"
    STATION_MAXIMUM_REACHED = "station_maximum_reached"
    ABOVE_MAXIMUM = "above_maximum"
    NOT_SET_BY_PLAN = "not_set_by_plan"
    STANDBY_RULE_LIFTED = "standby_rule_lifted"
    NEAREST_OFFERED = "nearest_offered"
    UNKNOWN_SPECIAL_UNIT = "unknown_special_unit"
    BEYOND_STANDBY_TIME = "beyond_standby_time"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KindRole(_Strict):
    """What part a kind plays: counted as a 消防救援站, following a parent, or a special unit."""

    counts_as_station: bool = False
    follows_parent: bool = False
    special_unit: bool = False
    clause: str
    quote: str = Field(min_length=1)


class ReasonText(_Strict):
    clause: str
    zh: str
    en: str

    def text(self, **values: object) -> Text:
        """Fill the template; a Text value gives its zh to the zh wording and its en to the en one."""
        # An exact type test: isinstance on a pydantic model class is slow, and this runs for every held unit.
        zh = {k: v.zh if type(v) is Text else v for k, v in values.items()}
        en = {k: v.en if type(v) is Text else v for k, v in values.items()}
        # Both are str by construction; skipping validation matters with hundreds of held units a plan.
        return Text(zh=self.zh.format(**zh), en=self.en.format(**en))


class Mix(_Strict):
    clause: str
    applies_to: tuple[Level, ...]
    quote: str


class Priority(_Strict):
    clause: str
    quote: str
    order: tuple[Literal["level", "burning_area_m2", "casualties"], ...]


class Crossings(_Strict):
    """Which OSM ``bridge``/``tunnel`` values are not river crossings (a reading, see docs/stations.md)."""

    bridge_not: frozenset[str]
    tunnel_not: frozenset[str]
    unnamed: str = Field(min_length=1)


class Positions(_Strict):
    """How far a point may lie from the nearest road node before it is refused (a setting of this tool)."""

    max_snap_m: float = Field(gt=0)


class Settings(_Strict):
    sample_label: Text
    crossings: Crossings
    positions: Positions
    kinds: dict[StationKind, KindRole]
    mix: Mix
    priority: Priority
    ranked_when_not_set: int = Field(ge=1)
    held_listed_in_text: int = Field(ge=0)
    reasons: dict[Code, ReasonText]
    shortfall_reasons: dict[Code, ReasonText]
    level_names: dict[Level, Text]
    order_labels: dict[str, Text]

    @model_validator(mode="after")
    def _every_kind_has_a_role(self) -> Settings:
        missing = [k.value for k in StationKind if k not in self.kinds]
        if missing:
            raise ValueError(f"kinds missing a role: {', '.join(missing)}")
        unworded = [c.value for c in Code if c not in self.reasons] + [
            level.value for level in Level if level not in self.level_names]
        if unworded:
            raise ValueError(f"reasons missing wording: {', '.join(unworded)}")
        return self

    def kinds_where(self, role: str) -> frozenset[StationKind]:
        return frozenset(k for k, r in self.kinds.items() if getattr(r, role))

    def label(self, key: str, lang: str) -> str:
        return self.order_labels[key].in_lang(lang)

    def reason(self, code: Code) -> ReasonText:
        return self.reasons[code]

    def why_short(self, code: Code) -> ReasonText:
        """The wording of a code in a shortfall line, where no single unit is meant."""
        return self.shortfall_reasons.get(code) or self.reasons[code]


@cache
def load_settings(path: Path = SETTINGS_PATH) -> Settings:
    return load_model(Settings, path)
