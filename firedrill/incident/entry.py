"""Typed text into facts: each entry field's kind, and how its text becomes a value the engine takes.

The console's form and ``firedrill incident set`` both parse here (no Textual, no pydantic), so a
value typed anywhere is read the same way, once, when it is typed: a bare clock time is resolved
against the moment of typing and the fact recorded is the full date-time.
A bad value raises ``FieldError`` with a code; the screen shows the code's words in the current
language, so an error message never mixes languages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from firedrill.bounds import MAX_AREA_M2, MAX_LOSS_YUAN, MAX_PEOPLE, MAX_TEXT, has_control
from firedrill.errors import InputError
from firedrill.facts import WIND_KEYS
from firedrill.incident.places import PlaceError, parse_place, place_text
from firedrill.timeutil import LOCAL_TZ
from firedrill.units import parse_beaufort, parse_count, parse_money, parse_number, parse_speed

HAZARDS = ("explosion", "collapse", "boilover", "toxic_spread")  # models.Hazard, in the plan's order (1.4)
DEFAULT_SITE = "ordinary_building"  # the site category an incident opens with, until one is chosen
SITE_CATEGORIES = ("ordinary_building", "high_rise", "underground", "crowded_place", "chemical", "special")
_SPEED = re.compile(r"(m/s|米/秒|mps)\s*$", re.IGNORECASE)
_NEGATIVE = re.compile(r"^\s*[-−]")
_TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M")
_CLOCK_FORMATS = ("%H:%M", "%H:%M:%S")
_COMPACT_CLOCK = re.compile(r"^\d{4}$")  # 2145 = 21:45; shorter digit runs are not times


class Kind(StrEnum):
    TEXT = "text"
    TIME = "time"
    COUNT = "count"
    NUMBER = "number"
    MONEY = "money"
    WIND = "wind"
    BOOL = "bool"
    HAZARDS = "hazards"
    SITE = "site"
    SCENARIO = "scenario"
    PLACE = "place"


@dataclass(frozen=True)
class FieldSpec:
    id: str
    kind: Kind
    required: bool = False


# Form order = Tab order = the order facts are written in one flush.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("location", Kind.TEXT),
    FieldSpec("scene", Kind.PLACE),  # longitude,latitude or a district: where the planner sends units to
    FieldSpec("scenario", Kind.SCENARIO),
    FieldSpec("site_category", Kind.SITE),
    FieldSpec("reported_at", Kind.TIME, required=True),
    FieldSpec("ignition_at", Kind.TIME),
    FieldSpec("deaths", Kind.COUNT),
    FieldSpec("serious_injuries", Kind.COUNT),
    FieldSpec("direct_loss_yuan", Kind.MONEY),
    FieldSpec("burning_area_m2", Kind.NUMBER),
    FieldSpec("hazards", Kind.HAZARDS),
    FieldSpec("wind", Kind.WIND),
    FieldSpec("gust", Kind.WIND),
    FieldSpec("severe_weather", Kind.BOOL),
    FieldSpec("political_event", Kind.BOOL),
    FieldSpec("sensitive_area", Kind.BOOL),
    FieldSpec("manual_escalation", Kind.TEXT),
)
SPECS: dict[str, FieldSpec] = {spec.id: spec for spec in FIELDS}
TEXT_INPUT_KINDS = frozenset({Kind.TEXT, Kind.TIME, Kind.COUNT, Kind.NUMBER, Kind.MONEY, Kind.WIND, Kind.PLACE})


UPPER_BOUNDS: dict[str, float] = {
    "deaths": MAX_PEOPLE, "serious_injuries": MAX_PEOPLE, "direct_loss_yuan": MAX_LOSS_YUAN,
    "burning_area_m2": MAX_AREA_M2,
}  # fmt: skip


class FieldError(ValueError):
    """A field's text does not parse; ``code`` names the console label ``error_<code>``."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


def format_time(value: datetime) -> str:
    return value.astimezone(LOCAL_TZ).strftime(_TIME_FORMATS[0])


def parse_time(text: str, field: str, day: datetime) -> datetime:
    """A local date-time, or a clock time on ``day``'s date (a clock time after ``day`` is the day before)."""
    raw = " ".join(text.strip().split())
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(raw, fmt).replace(tzinfo=LOCAL_TZ)
        except ValueError:
            continue
    base = day.astimezone(LOCAL_TZ)
    if _COMPACT_CLOCK.match(raw):
        raw = f"{raw[:2]}:{raw[2:]}"
    for fmt in _CLOCK_FORMATS:
        try:
            clock = datetime.strptime(raw, fmt).time()
        except ValueError:
            continue
        when = datetime.combine(base.date(), clock, tzinfo=LOCAL_TZ)
        return when - timedelta(days=1) if when > base else when
    raise FieldError(field, "time")


def _number(spec: FieldSpec, text: str) -> float | int | None:
    if not text.strip():
        return None
    if _NEGATIVE.match(text):
        raise FieldError(spec.id, "negative")
    try:
        if spec.kind is Kind.COUNT:
            value: float | int = parse_count(text, spec.id)
        elif spec.kind is Kind.MONEY:
            value = parse_money(text, spec.id)
        else:
            value = parse_number(text, spec.id)
    except InputError:
        raise FieldError(spec.id, spec.kind.value) from None
    if value > UPPER_BOUNDS.get(spec.id, math.inf):  # beyond any real fire (firedrill/bounds.py)
        raise FieldError(spec.id, "too_large")
    return value


def _wind(spec: FieldSpec, text: str) -> dict[str, float] | None:
    """'6', '6级' → Beaufort force; '10.8m/s' → metres per second."""
    if not text.strip():
        return None
    if _NEGATIVE.match(text):
        raise FieldError(spec.id, "negative")
    force_key, speed_key = WIND_KEYS[spec.id]
    try:
        if _SPEED.search(text):
            return {speed_key: parse_speed(text, spec.id)}
        return {force_key: parse_beaufort(text, spec.id)}
    except InputError:
        raise FieldError(spec.id, "wind") from None


def parse_field(field: str, raw: Any, now: datetime, reported_at: datetime | None = None) -> Any:
    """The JSON value of ``field`` for the form's ``raw`` content; raises FieldError."""
    spec = SPECS[field]
    if spec.kind in (Kind.BOOL,):
        return bool(raw)
    if spec.kind is Kind.HAZARDS:
        return [h for h in HAZARDS if h in set(raw or ())]
    if spec.kind is Kind.SITE:
        if raw not in SITE_CATEGORIES:
            raise FieldError(field, "choice")
        return raw
    if spec.kind is Kind.SCENARIO:
        return raw or None
    text = str(raw or "")
    if spec.kind is Kind.TEXT:
        if has_control(text):
            raise FieldError(field, "control")
        if len(text) > MAX_TEXT:
            raise FieldError(field, "too_long")
        return text.strip() or None
    if spec.kind is Kind.TIME:
        if not text.strip():
            if spec.required:
                raise FieldError(field, "required")
            return None
        # The report time is read against now; the ignition time against the report time.
        day = now if field == "reported_at" else (reported_at or now)
        return parse_time(text, field, day).isoformat()
    if spec.kind is Kind.WIND:
        return _wind(spec, text)
    if spec.kind is Kind.PLACE:
        try:
            return parse_place(text)
        except PlaceError:
            raise FieldError(field, "place") from None
    return _number(spec, text)


def raw_from_value(field: str, value: Any) -> Any:
    """The form content that shows a recorded value, for facts recorded without their text."""
    spec = SPECS[field]
    if value is None:
        return False if spec.kind is Kind.BOOL else ([] if spec.kind is Kind.HAZARDS else "")
    if spec.kind is Kind.TIME:
        return format_time(datetime.fromisoformat(str(value)))
    if spec.kind is Kind.PLACE and isinstance(value, dict):
        return place_text(value)
    if spec.kind is Kind.WIND and isinstance(value, dict):
        force = next((v for k, v in value.items() if k.endswith("_force")), None)
        speed = next((v for k, v in value.items() if k.endswith("_speed_ms")), None)
        return _plain(force) if force is not None else (f"{_plain(speed)}m/s" if speed is not None else "")
    if spec.kind in (Kind.COUNT, Kind.NUMBER, Kind.MONEY) and isinstance(value, int | float):
        return _plain(value)
    return value


def _plain(value: float) -> str:
    """80000000, 12.5: as a person types it, never in exponent form."""
    return f"{value:.15g}" if abs(value) < 1e15 else str(value)


def default_raw(now: datetime) -> dict[str, Any]:
    """An empty form: report time now, an ordinary building, nothing else known."""
    raw: dict[str, Any] = {spec.id: raw_from_value(spec.id, None) for spec in FIELDS}
    raw["site_category"] = DEFAULT_SITE
    raw["scenario"] = None
    raw["reported_at"] = format_time(now)
    return raw
